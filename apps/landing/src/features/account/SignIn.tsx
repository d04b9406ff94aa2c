import { type ReactNode, useId, useState } from 'react';
import { EmailForm } from '../../components/EmailForm';
import { SupportLink } from '../../components/SupportLink';
import type { LinkOutcome } from './accountTypes';
import type { LinkProblem } from './useAccount';

const SUPPORT = <SupportLink />;

/** What the form says after the API refused or could not be asked (accepted moves the page on). */
const REFUSAL: Record<Exclude<LinkOutcome, 'accepted' | 'not-configured'>, ReactNode> = {
  invalid: <>Our server could not read that address. Check it and try again.</>,
  'rate-limited': (
    <>
      We have sent several links for this already. Please wait a few minutes before asking again, or
      write to {SUPPORT}.
    </>
  ),
  refused: (
    <>
      Our server refused this request because it did not come from this site. Reload the page and
      try again.
    </>
  ),
  unreachable: (
    <>
      We couldn't reach our server to send the link. Please try again in a minute, or write to{' '}
      {SUPPORT}.
    </>
  ),
};

/**
 * "Sign in with your email": one address, one link by email. The page says the same whoever
 * asks, so the form tells nobody who our customers are.
 */
export function SignInCard({
  heading = 'Sign in with your email',
  onRequest,
}: {
  heading?: string;
  onRequest: (email: string) => Promise<LinkOutcome>;
}) {
  const id = useId();
  const [state, setState] = useState<LinkOutcome | 'idle' | 'sending'>('idle');
  const submit = async (email: string) => {
    setState('sending');
    setState(await onRequest(email));
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>
        Enter the email address you paid with. If it bought Local Memory, we email it a link that
        signs you in to this page. The link works once, within 15 minutes.
      </p>
      <EmailForm
        label="The email address you paid with"
        submitLabel="Email me a sign-in link"
        busyLabel="Sending…"
        busy={state === 'sending'}
        onSubmit={submit}
      />
      {state === 'idle' ||
      state === 'sending' ||
      state === 'accepted' ||
      state === 'not-configured' ? null : (
        <p className="notice notice--error" role="alert">
          {REFUSAL[state]}
        </p>
      )}
    </section>
  );
}

/** After asking: the same words for a buyer and a stranger. */
export function LinkSent({ email, onAskAgain }: { email: string; onAskAgain: () => void }) {
  return (
    <section className="card" aria-labelledby="link-sent-heading">
      <h2 id="link-sent-heading">Check your email</h2>
      <p role="status">
        If <strong>{email}</strong> bought Local Memory, a sign-in link is on its way to it. Open
        the link in this browser within 15 minutes; it works once.
      </p>
      <p>
        Nothing after a few minutes? Look in your spam folder, check the address, or ask again. If
        you paid with another address, use that one.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onAskAgain}>
          Use another address or ask again
        </button>
      </div>
    </section>
  );
}

const PROBLEM: Record<LinkProblem, { heading: string; text: ReactNode }> = {
  expired: {
    heading: 'This sign-in link has expired',
    text: <>Sign-in links work for 15 minutes after we send them. Ask for a new one below.</>,
  },
  used: {
    heading: 'This sign-in link has been used already',
    text: (
      <>
        Each link signs in once. If you signed in with it before, ask for a new one below. If that
        was not you, ask for a new link anyway and write to {SUPPORT}.
      </>
    ),
  },
  unknown: {
    heading: "We don't recognise this sign-in link",
    text: (
      <>
        It may have been cut short when it was copied. Open it again from the email, or ask for a
        new one below.
      </>
    ),
  },
  'rate-limited': {
    heading: 'Too many sign-in attempts',
    text: (
      <>
        We have had many sign-in attempts from your network in a short time. Please wait a few
        minutes, then open the link from your email again.
      </>
    ),
  },
  refused: {
    heading: 'This sign-in was refused',
    text: (
      <>
        Our server refused the sign-in because the request did not come from this site. Open the
        link from your email again, in this browser.
      </>
    ),
  },
  unreachable: {
    heading: "We couldn't sign you in",
    text: (
      <>
        We couldn't reach our server. Your link still works if it is less than 15 minutes old: open
        it from your email again in a minute, or ask for a new one below.
      </>
    ),
  },
};

/** The link did not sign the buyer in: why, and the form for a new link right under it. */
export function LinkProblemNotice({
  problem,
  onRequest,
}: {
  problem: LinkProblem;
  onRequest: (email: string) => Promise<LinkOutcome>;
}) {
  const { heading, text } = PROBLEM[problem];
  return (
    <>
      <div className="notice notice--error" role="alert">
        <h2>{heading}</h2>
        <p>{text}</p>
      </div>
      <SignInCard heading="Get a new sign-in link" onRequest={onRequest} />
    </>
  );
}
