import './styles/global.css';
import { startEarlyPurchaseRequest } from './features/purchase/earlyRequest';

// Server mode's Success page asks the API as soon as the document arrives, while the page's code
// loads (a build-time constant: browser-mode builds drop this and the page's server half).
const serverSuccess =
  import.meta.env.VITE_FULFILMENT === 'server' && /^\/success\/?$/.test(window.location.pathname);
if (serverSuccess) startEarlyPurchaseRequest(window.location.search);

// Every page arrives as complete HTML (vite-plugins/prerender.ts): let the browser paint it first,
// then load React and hydrate. Parsing React before the first paint would only delay it.
let started = false;
const start = () => {
  if (started) return;
  started = true;
  void import('./app/start');
};
requestAnimationFrame(() => setTimeout(start, 0));
// rAF does not run in a hidden tab; start anyway.
setTimeout(start, 200);
