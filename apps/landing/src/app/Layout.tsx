import { Link, NavLink, Outlet } from 'react-router-dom';

/** Header, main landmark and footer around every route. */
export function Layout({ demo }: { demo: boolean }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {demo ? (
        <p className="demo-banner">
          Demo site: purchases are simulated and the download secret is a public demo value.
        </p>
      ) : null}
      <header className="site-header">
        <nav aria-label="Main" className="container site-header__nav">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              L
            </span>
            Local Memory
          </Link>
          <ul>
            <li>
              <a href="/#features">Features</a>
            </li>
            <li>
              <a href="/#faq">FAQ</a>
            </li>
            <li>
              <NavLink to="/pricing">Pricing</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            © Local Memory · <a href="mailto:support@localmemory.co">support@localmemory.co</a> ·{' '}
            <Link to="/pricing">Pricing</Link>
          </p>
          <p>Your memories stay on your machine. We never see them.</p>
        </div>
      </footer>
    </>
  );
}
