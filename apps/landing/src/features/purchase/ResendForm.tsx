import { type FormEvent, useId, useState } from 'react';
import { SupportLink } from '../../components/SupportLink';
import { requestResend } from './purchaseApi';

type Sent = 'idle' | 'sending' | 'accepted' | 'rate-limited' | 'unreachable';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Email me my key again" (server mode). The confirmation is the same whether or not the address
 * bought anything, so the form tells nobody who our customers are.
 */
export function ResendForm() {
  const id = useId();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<Sent>('idle');
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setSent('sending');
    setSent(await requestResend(address));
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Email me my license key</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-email`}>The email address you paid with</label>
        <input
          id={`${id}-email`}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        {invalid ? (
          <p id={`${id}-error`} className="field-error">
            Enter the whole address, like name@example.com.
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={sent === 'sending'}>
            {sent === 'sending' ? 'Sending…' : 'Email my license key'}
          </button>
        </div>
      </form>
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
