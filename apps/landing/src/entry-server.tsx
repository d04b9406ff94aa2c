/**
 * The server bundle the prerender step (vite-plugins/prerender.ts) imports at build time: one
 * route's page as HTML, with every lazy page resolved, from the same components the browser
 * hydrates.
 * @module
 */
import { StrictMode, Suspense } from 'react';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router-dom';
import { AppRoutes } from './app/App';
import { SuccessApp } from './app/SuccessApp';
import { isStandaloneSuccessPath } from './app/standalone';

/**
 * Render one address to the HTML that goes inside `#root`.
 * @param path - e.g. `/pricing`; `/success` gives the Success page's shell
 */
export async function render(path: string): Promise<string> {
  const app = isStandaloneSuccessPath(path) ? (
    <SuccessApp search="" />
  ) : (
    <StaticRouter location={path}>
      <Suspense fallback={null}>
        <AppRoutes />
      </Suspense>
    </StaticRouter>
  );
  const { prelude } = await prerender(<StrictMode>{app}</StrictMode>);
  return new Response(prelude).text();
}
