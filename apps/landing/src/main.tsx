import './styles/global.css';
import { linkWebAppManifest } from './app/webAppManifest';
import { startEarlyPurchaseRequest } from './features/purchase/earlyRequest';

// Every page arrives as complete HTML (vite-plugins/prerender.ts), whose inline bootstrap
// (vite-plugins/bootstrap.ts) imports this module once the browser has painted: fetching and
// parsing React before that paint would only delay it. (The dev server, with no prerendered
// page, loads it at once.)

// Server mode's Success page asks the API now, while React and the page download (a build-time
// constant: browser-mode builds drop this and the page's server half).
if (import.meta.env.VITE_FULFILMENT === 'server' && /^\/success\/?$/.test(window.location.pathname))
  startEarlyPurchaseRequest(window.location.search);
// Linked now rather than in the HTML, where its fetch would race the first paint for the
// connection (see webAppManifest.ts).
linkWebAppManifest();
void import('./app/start');
