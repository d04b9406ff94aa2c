/**
 * Starts React on the page main.tsx has let the browser paint: hydrates the prerendered document,
 * or renders from scratch where there is none (the dev server).
 * @module
 */
import { type ReactNode, StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { isStandaloneSuccessPath } from './standalone';

const element = document.getElementById('root');
if (element === null) throw new Error('index.html has no #root element');

// Every page arrives prerendered (vite-plugins/prerender.ts). Hydrate when this document was
// prerendered for the route the address shows; otherwise (the dev server, or a server that
// answered with another page's document) render from scratch.
// (`*` is the not-found document, served for any unknown address.)
const path = window.location.pathname.replace(/(.)\/+$/, '$1');
const prerendered = element.dataset.route === path || element.dataset.route === '*';
const render = (app: ReactNode) => {
  const tree = <StrictMode>{app}</StrictMode>;
  if (prerendered) {
    // As a transition, hydration yields to the browser every few milliseconds instead of
    // running as one long task (Total Blocking Time); the page is already painted and readable.
    startTransition(() => {
      hydrateRoot(element, tree);
    });
  } else {
    element.replaceChildren();
    createRoot(element).render(tree);
  }
};

// The Success page is the page customers keep open, and it needs no router: it is rendered on
// its own, so its first visit loads React and the page only. Every other address gets the routed
// app (router, lazy pages).
// The import runs in a task of its own, after the one that evaluates React DOM: the build's
// preload of the app's chunks adds a <link rel="modulepreload"> per chunk, and in Lighthouse's
// traces those requests took 1–1.5 ms each (9.5 ms for the Success page's seven), which made the
// task evaluating React DOM a long one.
setTimeout(() => {
  if (isStandaloneSuccessPath(window.location.pathname)) {
    void import('./SuccessApp').then(({ SuccessApp }) =>
      render(<SuccessApp search={window.location.search} />),
    );
  } else {
    void import('./App').then(({ App }) => render(<App />));
  }
}, 0);
