import './styles/global.css';
import { afterFirstPaint } from './app/afterFirstPaint';
import { startEarlyPurchaseRequest } from './features/purchase/earlyRequest';

// Server mode's Success page asks the API as soon as the document arrives, while the page's code
// loads (a build-time constant: browser-mode builds drop this and the page's server half).
const serverSuccess =
  import.meta.env.VITE_FULFILMENT === 'server' && /^\/success\/?$/.test(window.location.pathname);
if (serverSuccess) startEarlyPurchaseRequest(window.location.search);

// Every page arrives as complete HTML (vite-plugins/prerender.ts): the browser paints it first,
// then React loads and hydrates. Fetching and parsing React before that paint would only delay it.
afterFirstPaint(() => void import('./app/start'));
