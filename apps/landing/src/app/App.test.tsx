import { DEFAULT_EDITION, EDITIONS } from '@local-memory/catalog';
import { render, screen, waitFor, within } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from './App';
import { ROUTES } from './routes';

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
      /^Set up Local Memory and connect your AI tools$/,
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

  it.each(ROUTES.map((r) => [r.path, r]))(
    '%s sets the same title and description as its prerendered document',
    async (path, route) => {
      renderRoute(path === '*' ? '/no/such/page' : path);
      await waitFor(() => expect(document.title).toBe(route.title));
      expect(document.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(
        route.description,
      );
    },
  );

  it('links every legal page from the footer', async () => {
    renderRoute('/');
    const footer = await screen.findByRole('navigation', { name: 'Legal and pricing' });
    for (const [name, href] of [
      ['Terms', '/terms'],
      ['Privacy', '/privacy'],
      ['Refunds', '/refunds'],
      ['Pricing', '/pricing'],
    ])
      expect(within(footer).getByRole('link', { name })).toHaveAttribute('href', href);
  });

  it.each([
    ['/terms', 'Terms of sale and license'],
    ['/privacy', 'Privacy'],
    ['/refunds', 'Refunds'],
  ])('%s renders its Markdown page', async (path, heading) => {
    renderRoute(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(screen.getByRole('main')).toHaveTextContent('Demo Operator Ltd (demo value)');
  });

  it('shows the price, with its tax note and demo label, on the pricing page and the home page', async () => {
    for (const path of ['/pricing', '/']) {
      const { unmount } = renderRoute(path);
      await screen.findAllByText('$49.00');
      // The pricing page has a plan per edition: the default edition's carries this price.
      const scope =
        path === '/pricing'
          ? within(screen.getByRole('region', { name: EDITIONS[DEFAULT_EDITION].name }))
          : screen;
      expect(scope.getByText('$49.00')).toBeVisible();
      expect(scope.getByText('USD, one payment')).toBeVisible();
      expect(scope.getByText(/shown at checkout before you pay\. Demo price/)).toBeVisible();
      unmount();
    }
  });
});
