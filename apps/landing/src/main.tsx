import './styles/global.css';
import { afterFirstPaint } from './app/afterFirstPaint';
import { linkWebAppManifest } from './app/webAppManifest';
import { startEarlyPurchaseRequest } from './features/purchase/earlyRequest';

// Every page arrives as complete HTML (vite-plugins/prerender.ts): the browser paints it first,
// then the rest starts. Fetching and parsing React before that paint would only delay it.
afterFirstPaint(() => {
  // Server mode's Success page asks the API now, while React and the page download (a
  // build-time constant: browser-mode builds drop this and the page's server half).
  if (
    import.meta.env.VITE_FULFILMENT === 'server' &&
    /^\/success\/?$/.test(window.location.pathname)
  )
    startEarlyPurchaseRequest(window.location.search);
  // Linked now rather than in the HTML, where its fetch would race the entry script for the
  // first paint's connection (see webAppManifest.ts).
  linkWebAppManifest();
  void import('./app/start');
});
