import { type ReactNode, useId, useRef, useState } from 'react';
import { formatPurchaseDate } from '../../components/receipt';
import { SupportLink } from '../../components/SupportLink';
import type { License, Machine, ReleaseOutcome } from './accountTypes';

const SUPPORT = <SupportLink />;

const machineName = (m: Machine) =>
  m.name === null || m.name.trim() === '' ? 'Unnamed machine' : m.name;

const releasesLeftText = (n: number) =>
  n === 0
    ? 'No releases are left in this 30-day period.'
    : `You can release ${n} more ${n === 1 ? 'machine' : 'machines'} in this 30-day period.`;

/** What the license's live region or alert says after a release was asked for. */
function releaseMessage(
  outcome: ReleaseOutcome,
  name: string,
): { kind: 'status' | 'alert'; text: ReactNode } | null {
  switch (outcome.kind) {
    case 'released': {
      const left =
        outcome.purchase.status === 'paid' ? outcome.purchase.license?.releasesLeft : undefined;
      return {
        kind: 'status',
        text: `${name} released: its seat is free.${left === undefined ? '' : ` ${releasesLeftText(left)}`}`,
      };
    }
    case 'release-limit':
      return {
        kind: 'alert',
        text: (
          <>
            This license has had as many machines released in the last 30 days as we allow, so{' '}
            {name} stays on it.
            {outcome.nextReleaseAt === null
              ? ''
              : ` The next release is possible on ${formatPurchaseDate(outcome.nextReleaseAt)}.`}{' '}
            Write to {SUPPORT} if you need a seat freed sooner.
          </>
        ),
      };
    case 'not-found':
      return {
        kind: 'alert',
        text: `${name} is no longer on this license (it may have been released already). The list now shows the license as it is.`,
      };
    case 'rate-limited':
      return {
        kind: 'alert',
        text: 'Too many requests from your network just now. Nothing was released: wait a minute and try again.',
      };
    case 'refused':
      return {
        kind: 'alert',
        text: 'Our server refused the release because the request did not come from this site. Nothing was released: reload the page and try again.',
      };
    case 'unreachable':
      return {
        kind: 'alert',
        text: "We couldn't reach our server. Nothing was released: try again in a minute.",
      };
    case 'not-signed-in':
      return null; // the page goes back to the sign-in form
  }
}

/**
 * A license's machines: name, platform, last seen, and "Release this machine" (after a
 * confirmation that says what it does and how many releases are left).
 */
export function Machines({
  license,
  onRelease,
}: {
  license: License;
  onRelease: (licenseId: string, machine: string) => Promise<ReleaseOutcome>;
}) {
  const id = useId();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ReturnType<typeof releaseMessage>>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const release = async (m: Machine) => {
    setBusy(true);
    setMessage(null);
    const outcome = await onRelease(license.licenseId, m.machine);
    setBusy(false);
    setConfirming(null);
    setMessage(releaseMessage(outcome, machineName(m)));
    // The button that had the focus is gone (or the question is): keep the reader in this list.
    heading.current?.focus();
  };

  return (
    <div className="machines">
      <h3 id={`${id}-machines`} ref={heading} tabIndex={-1}>
        Machines
      </h3>
      <p>
        Activated on {license.used} of {license.max} machines.{' '}
        {releasesLeftText(license.releasesLeft)}
      </p>
      {license.machines.length === 0 ? (
        <p>No machine is using this license now.</p>
      ) : (
        <ul className="machines__list" aria-labelledby={`${id}-machines`}>
          {license.machines.map((m) => {
            const nameId = `${id}-${m.machine}`;
            return (
              <li key={m.machine} className="machine">
                <p className="machine__facts">
                  <strong id={nameId}>{machineName(m)}</strong>
                  <span>{m.platform}</span>
                  <span>Last seen {formatPurchaseDate(m.lastSeen)}</span>
                </p>
                {confirming === m.machine ? (
                  <fieldset className="machine__confirm">
                    <legend>Release {machineName(m)}?</legend>
                    <p>
                      Local Memory on it stops working until it is activated again, and its seat is
                      free for another machine. This uses one of the {license.releasesLeft} releases
                      left in this 30-day period.
                    </p>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={busy}
                        onClick={() => void release(m)}
                      >
                        {busy ? 'Releasing…' : 'Yes, release it'}
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => setConfirming(null)}
                      >
                        Keep it
                      </button>
                    </div>
                  </fieldset>
                ) : license.releasesLeft > 0 ? (
                  <div className="actions">
                    <button
                      type="button"
                      className="button"
                      aria-describedby={nameId}
                      disabled={busy}
                      onClick={() => {
                        setMessage(null);
                        setConfirming(m.machine);
                      }}
                    >
                      Release this machine
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <p className="status" role="status">
        {message?.kind === 'status' ? message.text : null}
      </p>
      {message?.kind === 'alert' ? (
        <p className="notice notice--error" role="alert">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
