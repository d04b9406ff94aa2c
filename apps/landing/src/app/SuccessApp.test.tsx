import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SuccessApp } from './SuccessApp';
import { isStandaloneSuccessPath } from './standalone';

describe('the standalone Success page (first visits to /success, no router)', () => {
  it('renders the key and the downloads from the query string alone', () => {
    render(<SuccessApp search="?session_id=cs_test_a1StandaloneSuccess0123456789" />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Thank you for buying Local Memory',
    );
    expect(screen.getByLabelText('License key')).toHaveTextContent(/^LM(-[0-9A-Z]{4}){5}$/);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('uses document links to the rest of the site', async () => {
    render(<SuccessApp search="?session_id=not-a-session" />);
    expect(await screen.findByRole('link', { name: 'See pricing' })).toHaveAttribute(
      'href',
      '/pricing',
    );
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.querySelector('a[href="/"]')).not.toBeNull();
  });

  it('is chosen for /success only', () => {
    expect(isStandaloneSuccessPath('/success')).toBe(true);
    expect(isStandaloneSuccessPath('/success/')).toBe(true);
    for (const path of ['/', '/pricing', '/successful', '/success/extra', '/Success'])
      expect(isStandaloneSuccessPath(path), path).toBe(false);
  });
});
