import { useId, useState } from 'react';
import { EmailForm } from '../../components/EmailForm';
import { SupportLink } from '../../components/SupportLink';
import { requestResend } from './purchaseApi';

type Sent = 'idle' | 'sending' | 'accepted' | 'rate-limited' | 'unreachable';

/**
 * "Email me my key again" (server mode). The confirmation is the same whether or not the address
 * bought anything, so the form tells nobody who our customers are.
 */
export function ResendForm() {
  const id = useId();
  const [sent, setSent] = useState<Sent>('idle');

  const submit = async (address: string) => {
    setSent('sending');
    setSent(await requestResend(address));
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Email me my license key</h2>
      <EmailForm
        label="The email address you paid with"
        submitLabel="Email my license key"
        busyLabel="Sending…"
        busy={sent === 'sending'}
        onSubmit={submit}
      />
      {sent === 'accepted' ? (
        <p className="notice" role="status">
          If that address bought Local Memory, its license key and a link back to its download page
          are on their way to it. Check your inbox (and spam folder) in a few minutes.
        </p>
      ) : null}
      {sent === 'rate-limited' ? (
        <p className="notice notice--error" role="alert">
          We have had several requests for this already. Please wait a few minutes before trying
          again, or write to <SupportLink />.
        </p>
      ) : null}
      {sent === 'unreachable' ? (
        <p className="notice notice--error" role="alert">
          We couldn't reach our server to send the email. Please try again in a minute, or write to{' '}
          <SupportLink />.
        </p>
      ) : null}
    </section>
  );
}
