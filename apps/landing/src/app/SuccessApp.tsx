import { config } from '../config/env';
import SuccessPage from '../pages/SuccessPage';
import { Shell } from './Shell';
import { SuccessShell } from './SuccessShell';
import { useAfterHydration } from './useAfterHydration';

/**
 * /success on a first visit (customers arrive from Stripe, or come back from a bookmark): the
 * page alone, without the router. It needs no client-side routing, and leaving React Router out
 * keeps the JavaScript this page loads within its budget. Links are ordinary document links.
 * The prerendered document holds the shell; the page itself renders once hydrated, in a
 * transition, so its render is split into short tasks (Total Blocking Time).
 */
export function SuccessApp({ search }: { search: string }) {
  const hydrated = useAfterHydration();
  return (
    <Shell demo={config.demo}>
      <div className="success-frame">
        {hydrated ? <SuccessPage search={search} /> : <SuccessShell />}
      </div>
    </Shell>
  );
}
