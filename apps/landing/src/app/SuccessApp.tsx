import { config } from '../config/env';
import SuccessPage from '../pages/SuccessPage';
import { Shell } from './Shell';

/**
 * /success on a first visit (customers arrive from Stripe, or come back from a bookmark): the
 * page alone, without the router. It needs no client-side routing, and leaving React Router out
 * keeps the JavaScript this page loads within its budget. Links are ordinary document links.
 */
export function SuccessApp({ search }: { search: string }) {
  return (
    <Shell demo={config.demo}>
      <SuccessPage search={search} />
    </Shell>
  );
}
