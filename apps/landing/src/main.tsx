import './styles/global.css';

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
