import { render, screen, waitFor } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from './App';

function renderRoute(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Suspense fallback={null}>
        <AppRoutes />
      </Suspense>
    </MemoryRouter>,
  );
}

describe('routes', () => {
  it.each([
    [
      '/',
      /Your AI forgets everything/,
      'Local Memory: persistent memory for your AI agents, on your machine',
    ],
    ['/pricing', /^Pricing$/, 'Pricing · Local Memory'],
    ['/success', /We couldn't find your purchase/, 'Your license key and downloads · Local Memory'],
    [
      '/docs/setup',
      /^Set up Local Memory$/,
      'Set up Local Memory and connect your AI tools · Local Memory',
    ],
    ['/no/such/page', /Page not found/, 'Page not found · Local Memory'],
  ])('%s renders its page with its own title and description', async (path, heading, title) => {
    renderRoute(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeVisible();
    // The title is set in an effect, which may run just after the heading appears.
    await waitFor(() => expect(document.title).toBe(title));
    const description = document.querySelector('meta[name="description"]')?.getAttribute('content');
    expect(description?.length).toBeGreaterThan(50);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
  });

  it('labels the demo site as a demo', async () => {
    renderRoute('/');
    expect(await screen.findByText(/Demo site: purchases are simulated/)).toBeVisible();
  });
});
