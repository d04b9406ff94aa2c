import { SiteLink } from '../components/SiteLink';
import { usePageMeta } from '../components/usePageMeta';

/** Anything that is not a route. */
export default function NotFoundPage() {
  usePageMeta(
    'Page not found · Local Memory',
    'This page does not exist. Find Local Memory, persistent memory for AI agents, on the home page.',
  );
  return (
    <div className="container narrow">
      <h1>Page not found</h1>
      <p className="lead">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <ul className="ways-forward">
        <li>
          <SiteLink to="/">Go to the home page</SiteLink>
        </li>
        <li>
          <SiteLink to="/pricing">See pricing</SiteLink>
        </li>
        <li>Looking for your license key? Open the link in your Stripe receipt email again.</li>
      </ul>
    </div>
  );
}
