import { type FormEvent, useId, useState } from 'react';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An email address form: one field, checked before it is sent (a clear message, never a silent
 * refusal), and a submit button that says when it is busy. What the address is for, and what
 * happened after, is the caller's: "email my key again" on /success, the sign-in link on /account.
 */
export function EmailForm({
  label,
  submitLabel,
  busyLabel,
  busy,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Called with the trimmed address, only when it looks like one. */
  onSubmit: (address: string) => void;
}) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onSubmit(address);
  };

  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor={`${id}-email`}>{label}</label>
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
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
