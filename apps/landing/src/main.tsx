import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isStandaloneSuccessPath } from './app/standalone';
import './styles/global.css';

const element = document.getElementById('root');
if (element === null) throw new Error('index.html has no #root element');
const root = createRoot(element);
const render = (app: ReactNode) => root.render(<StrictMode>{app}</StrictMode>);

// The Success page is the page customers keep open, and it needs no router: it is rendered on
// its own, so its first visit loads React and the page only. Every other address gets the routed
// app (router, lazy pages).
if (isStandaloneSuccessPath(window.location.pathname)) {
  void import('./app/SuccessApp').then(({ SuccessApp }) =>
    render(<SuccessApp search={window.location.search} />),
  );
} else {
  void import('./app/App').then(({ App }) => render(<App />));
}
