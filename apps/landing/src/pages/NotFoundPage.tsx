import { Link } from 'react-router-dom';
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
          <Link to="/">Go to the home page</Link>
        </li>
        <li>
          <Link to="/pricing">See pricing</Link>
        </li>
        <li>Looking for your license key? Open the link in your Stripe receipt email again.</li>
      </ul>
    </div>
  );
}
