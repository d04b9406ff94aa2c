import { operator } from 'virtual:storefront';
import type { ReactNode } from 'react';
import { SiteLink } from '../components/SiteLink';
import { SupportLink } from '../components/SupportLink';
import { PRIVACY_PATH, REFUNDS_PATH, TERMS_PATH } from '../config/paths';

/** Header, main landmark and footer around every page, with or without the router. */
export function Shell({ demo, children }: { demo: boolean; children: ReactNode }) {
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
          <SiteLink to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              L
            </span>
            Local Memory
          </SiteLink>
          <ul>
            <li>
              <a href="/#features">Features</a>
            </li>
            <li>
              <a href="/#faq">FAQ</a>
            </li>
            <li>
              <SiteLink to="/pricing">Pricing</SiteLink>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            © {operator.legalName} · <SupportLink />
          </p>
          <nav aria-label="Legal and pricing">
            <ul className="footer-links">
              <li>
                <SiteLink to="/pricing">Pricing</SiteLink>
              </li>
              <li>
                <SiteLink to={TERMS_PATH}>Terms</SiteLink>
              </li>
              <li>
                <SiteLink to={PRIVACY_PATH}>Privacy</SiteLink>
              </li>
              <li>
                <SiteLink to={REFUNDS_PATH}>Refunds</SiteLink>
              </li>
            </ul>
          </nav>
          <p>Your memories stay on your machine. We never see them.</p>
        </div>
      </footer>
    </>
  );
}
