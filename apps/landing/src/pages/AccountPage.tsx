import { usePageMeta } from '../components/usePageMeta';
import { config } from '../config/env';
import type { Fulfilment } from '../config/fulfilment';
import { AccountScreen, AccountsNotOnThisSite } from '../features/account/AccountScreen';

const TITLE = 'Your purchases · Local Memory';
const DESCRIPTION =
  'Sign in with the email address you paid with to see every Local Memory purchase: license keys, downloads, machines and receipts.';

/** /account: a buyer's purchases, after signing in with a link sent to their email address. */
export default function AccountPage({
  fulfilment = config.fulfilment,
}: {
  /** Server (the API keeps purchases) or browser (no API: no accounts); the build's by default. */
  fulfilment?: Fulfilment;
}) {
  usePageMeta(TITLE, DESCRIPTION);
  return fulfilment === 'server' ? <AccountScreen /> : <AccountsNotOnThisSite />;
}
