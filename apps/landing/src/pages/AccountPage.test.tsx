import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../testing/test-utils';
import AccountPage from './AccountPage';

// The API is stubbed at the network boundary (global fetch), answering with the bodies of the
// account contract (/api/account*: link, session, account, machines/release, signout).

const EMAIL = 'buyer@example.com';
const TOKEN = 'v1.eyJpZCI6Imxua18xIn0.c2lnbmF0dXJl';
const NEWER = 'cs_test_b1NewerPurchase0123456789abcdefABCDEF';
const OLDER = 'cs_test_a1OlderPurchase0123456789abcdefABCDEF';
const REFUNDED = 'cs_test_c1RefundedPurchase0123456789abcdefABC';
const KEY_NEW = 'LM-EB2B-6DAD-E6BB-93FE-C9D2';
const KEY_OLD = 'LM-1A2B-3C4D-5E6F-7A8B-9C0D';
const LAPTOP = 'AAAAAAAAAAAAAAAAAAAAAA';
const DESKTOP = 'BBBBBBBBBBBBBBBBBBBBBB';

const downloads = (sessionId: string) =>
  [
    ['macos', 'macOS (Apple silicon and Intel)'],
    ['windows', 'Windows (x64)'],
    ['linux', 'Linux (x64)'],
    ['universal', 'All platforms'],
  ].map(([platform, label]) => ({
    platform,
    label,
    href: `/api/downloads/${sessionId}/${platform}`,
  }));

const license = (releasesLeft = 3) => ({
  licenseId: 'lic_newer',
  max: 3,
  used: 2,
  releasesLeft,
  machines: [
    {
      machine: LAPTOP,
      name: 'Old laptop',
      platform: 'linux',
      lastSeen: Date.UTC(2025, 7, 20) / 1000,
    },
    {
      machine: DESKTOP,
      name: 'Desk PC',
      platform: 'windows',
      lastSeen: Date.UTC(2025, 7, 23) / 1000,
    },
  ],
});

const paid = (sessionId: string, key: string, createdAt: number, extra: object = {}) => ({
  sessionId,
  createdAt,
  amount: 4900,
  currency: 'usd',
  status: 'paid',
  receiptUrl: `https://pay.stripe.com/receipts/${sessionId}`,
  licenseKey: key,
  activationCommand: `local-memory license activate '${key}' --accept-terms`,
  downloads: downloads(sessionId),
  license: null,
  ...extra,
});

const NEWER_PURCHASE = paid(NEWER, KEY_NEW, Date.UTC(2025, 7, 24, 9, 30) / 1000, {
  license: license(),
});
const OLDER_PURCHASE = paid(OLDER, KEY_OLD, Date.UTC(2024, 2, 3, 15, 0) / 1000);
const REFUNDED_PURCHASE = {
  sessionId: REFUNDED,
  createdAt: Date.UTC(2025, 0, 10) / 1000,
  amount: 4900,
  currency: 'usd',
  status: 'refunded',
  receiptUrl: null,
};
const ACCOUNT = { email: EMAIL, purchases: [NEWER_PURCHASE, OLDER_PURCHASE] };

type Answer = Response | Error;

/** The API: each `METHOD path` takes the next answer in its queue (the last one repeats). */
function api(routes: Record<string, Answer[]>) {
  const calls: { route: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path =
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const route = `${init?.method ?? 'GET'} ${path}`;
      calls.push({ route, body: init?.body ? JSON.parse(String(init.body)) : null });
      const queue = routes[route];
      if (queue === undefined) throw new Error(`no answer for ${route}`);
      const answer = (queue.length > 1 ? queue.shift() : queue[0]) as Answer;
      if (answer instanceof Error) throw answer;
      return answer.clone();
    }),
  );
  return { calls, routes: () => calls.map((c) => c.route) };
}

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
const error = (status: number, code: string) =>
  json(status, { error: { code, message: `${code}: what to do` } });
const SESSION_OK = json(200, { email: EMAIL, expiresAt: Date.UTC(2099, 0, 1) / 1000 });

const HINT = 'lm-account-session-ends';

function visit(hash = '') {
  window.history.replaceState(null, '', `/account${hash}`);
  return renderAt(`/account${hash}`, '/account', <AccountPage fulfilment="server" />);
}

/** Visit as a browser that signed in lately (the session may still be open). */
function visitSignedIn() {
  window.localStorage.setItem(HINT, String(Date.UTC(2099, 0, 1) / 1000));
  return visit();
}

const signedIn = () => screen.findByText(/^Signed in as/);

type User = ReturnType<typeof userEvent.setup>;

/** Sign in as a browser that signed in lately and wait for the purchases. */
async function showPurchases() {
  visitSignedIn();
  await signedIn();
}

/** Ask for a sign-in link with the form. */
async function askForLink(user: User, email = EMAIL) {
  await user.type(screen.getByLabelText('The email address you paid with'), email);
  await user.click(screen.getByRole('button', { name: 'Email me a sign-in link' }));
}

const purchaseCard = (date: string) =>
  screen.getByRole('article', { name: `Bought ${date}` }) as HTMLElement;

beforeAll(async () => {
  await import('../features/account/AccountScreen');
});

beforeEach(() => {
  window.localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('/account, signing in', () => {
  it('starts at the sign-in form and asks the API nothing when this browser never signed in', async () => {
    const network = api({});
    visit();
    expect(screen.getByRole('heading', { level: 1, name: 'Your purchases' })).toBeVisible();
    expect(screen.getByLabelText('The email address you paid with')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Email me a sign-in link' })).toBeEnabled();
    await new Promise((r) => setTimeout(r, 20));
    expect(network.calls).toEqual([]);
  });

  it('sends the address and says the same "check your email" whoever asks', async () => {
    const network = api({ 'POST /api/account/link': [json(202, { status: 'accepted' })] });
    const user = userEvent.setup();
    visit();
    await askForLink(user, ` ${EMAIL} `);
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(
      `If ${EMAIL} bought Local Memory, a sign-in link is on its way to it.`,
    );
    expect(network.calls).toEqual([{ route: 'POST /api/account/link', body: { email: EMAIL } }]);
    // Another address, or a new link: back to the form.
    await user.click(screen.getByRole('button', { name: 'Use another address or ask again' }));
    expect(screen.getByLabelText('The email address you paid with')).toBeVisible();
  });

  it('refuses a malformed address before asking, and says what to type', async () => {
    const network = api({});
    const user = userEvent.setup();
    visit();
    const field = screen.getByLabelText('The email address you paid with');
    await user.type(field, 'buyer@example');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in link' }));
    expect(field).toHaveAccessibleDescription('Enter the whole address, like name@example.com.');
    expect(network.calls).toEqual([]);
  });

  it.each([
    [error(429, 'rate_limited'), /several links for this already/],
    [error(400, 'invalid_request'), /could not read that address/],
    [error(403, 'cross_site'), /did not come from this site/],
    [new TypeError('Failed to fetch'), /couldn't reach our server to send the link/],
    // A status without the contract's code is not guessed at.
    [json(429, { message: 'slow down' }), /couldn't reach our server to send the link/],
  ])('says what happened when the link request is refused (%#)', async (answer, text) => {
    api({ 'POST /api/account/link': [answer] });
    const user = userEvent.setup();
    visit();
    await askForLink(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByRole('heading', { name: 'Check your email' })).toBeNull();
  });

  it('trades the link for a session, removes it from the address, then shows the purchases', async () => {
    const network = api({
      'POST /api/account/session': [SESSION_OK],
      'GET /api/account': [json(200, ACCOUNT)],
    });
    visit(`#link=${TOKEN}`);
    expect(await signedIn()).toHaveTextContent(`Signed in as ${EMAIL}`);
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/account');
    expect(network.calls).toEqual([
      { route: 'POST /api/account/session', body: { link: TOKEN } },
      { route: 'GET /api/account', body: null },
    ]);
    // The next visit of this browser asks for the purchases straight away.
    expect(window.localStorage.getItem(HINT)).toBe(String(Date.UTC(2099, 0, 1) / 1000));
  });

  it.each([
    [error(410, 'link_expired'), 'This sign-in link has expired'],
    [error(410, 'link_used'), 'This sign-in link has been used already'],
    [error(404, 'link_unknown'), "We don't recognise this sign-in link"],
    [error(400, 'invalid_request'), "We don't recognise this sign-in link"],
    [error(429, 'rate_limited'), 'Too many sign-in attempts'],
    [new TypeError('Failed to fetch'), "We couldn't sign you in"],
  ])('says why a link did not work, and offers a new one (%#)', async (answer, heading) => {
    const network = api({ 'POST /api/account/session': [answer] });
    visit(`#link=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 2, name: heading })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Get a new sign-in link' })).toBeVisible();
    expect(screen.getByLabelText('The email address you paid with')).toBeVisible();
    expect(window.location.hash).toBe('');
    expect(network.routes()).toEqual(['POST /api/account/session']);
    expect(window.localStorage.getItem(HINT)).toBeNull();
  });

  it('decides by the error code, never by the status alone: a bare 410 is not "expired"', async () => {
    api({ 'POST /api/account/session': [new Response(null, { status: 410 })] });
    visit(`#link=${TOKEN}`);
    expect(await screen.findByRole('heading', { name: "We couldn't sign you in" })).toBeVisible();
    expect(screen.queryByText(/has expired|used already/)).toBeNull();
  });

  it('signs in with a link opened in the same tab while the page is open (only the fragment changes)', async () => {
    const network = api({
      'POST /api/account/session': [SESSION_OK],
      'GET /api/account': [json(200, ACCOUNT)],
    });
    visit();
    expect(screen.getByLabelText('The email address you paid with')).toBeVisible();
    window.history.replaceState(null, '', `/account#link=${TOKEN}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await signedIn()).toHaveTextContent(`Signed in as ${EMAIL}`);
    expect(window.location.hash).toBe('');
    expect(network.routes()).toEqual(['POST /api/account/session', 'GET /api/account']);
  });

  it('says an empty link is not one we know, without asking the API', async () => {
    const network = api({});
    visit('#link=');
    expect(
      await screen.findByRole('heading', { name: "We don't recognise this sign-in link" }),
    ).toBeVisible();
    expect(network.calls).toEqual([]);
  });

  it('goes back to the sign-in form when the session has ended (401 not_signed_in)', async () => {
    api({ 'GET /api/account': [error(401, 'not_signed_in')] });
    visitSignedIn();
    expect(await screen.findByText(/You are signed out: a session ends after 30 minutes/)).toBe(
      screen.getByRole('status'),
    );
    expect(screen.getByLabelText('The email address you paid with')).toBeVisible();
    expect(window.localStorage.getItem(HINT)).toBeNull();
  });
});

describe('/account, the purchases', () => {
  it('lists every purchase newest first, with date, amount, status, receipt, key, command and downloads', async () => {
    // Oldest first on the wire: the page still shows the newest first.
    api({
      'GET /api/account': [
        json(200, { email: EMAIL, purchases: [OLDER_PURCHASE, NEWER_PURCHASE] }),
      ],
    });
    await showPurchases();
    const articles = screen.getAllByRole('article');
    expect(articles.map((a) => a.querySelector('h2')?.textContent)).toEqual([
      'Bought August 24, 2025',
      'Bought March 3, 2024',
    ]);

    const newer = purchaseCard('August 24, 2025');
    expect(within(newer).getByText('$49.00')).toBeVisible();
    expect(within(newer).getByText('Paid')).toBeVisible();
    expect(within(newer).getByRole('link', { name: 'Stripe receipt' })).toHaveAttribute(
      'href',
      `https://pay.stripe.com/receipts/${NEWER}`,
    );
    expect(within(newer).getByLabelText('License key')).toHaveTextContent(
      new RegExp(`^${KEY_NEW}$`),
    );
    expect(within(newer).getByRole('figure', { name: 'Activation command' })).toHaveTextContent(
      NEWER_PURCHASE.activationCommand,
    );
    const links = within(newer).getAllByRole('link', { name: /^Download for/ });
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual(
      downloads(NEWER).map((d) => [`Download for ${d.label}`, d.href]),
    );
    expect(links[0]).toHaveAttribute('download');
    expect(within(newer).getByRole('link', { name: 'the setup guide' })).toHaveAttribute(
      'href',
      '/docs/setup',
    );

    const older = purchaseCard('March 3, 2024');
    expect(within(older).getByLabelText('License key')).toHaveTextContent(KEY_OLD);
    expect(within(older).getAllByRole('link', { name: /^Download for/ })[0]).toHaveAttribute(
      'href',
      `/api/downloads/${OLDER}/macos`,
    );
    // No licensing record: no machines section, rather than an empty made-up one.
    expect(within(older).queryByRole('heading', { name: 'Machines' })).toBeNull();
  });

  it('copies a purchase’s own key', async () => {
    api({ 'GET /api/account': [json(200, ACCOUNT)] });
    const user = userEvent.setup();
    await showPurchases();
    await user.click(
      within(purchaseCard('March 3, 2024')).getByRole('button', { name: 'Copy license key' }),
    );
    expect(await navigator.clipboard.readText()).toBe(KEY_OLD);
    expect(
      within(purchaseCard('March 3, 2024')).getByText('License key copied to the clipboard'),
    ).toBeVisible();
  });

  it('shows a refunded purchase as refunded, offering nothing', async () => {
    api({
      'GET /api/account': [
        json(200, { email: EMAIL, purchases: [NEWER_PURCHASE, REFUNDED_PURCHASE] }),
      ],
    });
    await showPurchases();
    const refunded = purchaseCard('January 10, 2025');
    expect(within(refunded).getByText('Refunded')).toBeVisible();
    expect(refunded).toHaveTextContent('This purchase was refunded');
    expect(within(refunded).queryByLabelText('License key')).toBeNull();
    expect(within(refunded).queryAllByRole('link')).toEqual([]);
    expect(within(refunded).queryAllByRole('button')).toEqual([]);
  });

  it('says so when the address has no purchases', async () => {
    api({ 'GET /api/account': [json(200, { email: EMAIL, purchases: [] })] });
    visitSignedIn();
    expect(
      await screen.findByRole('heading', { name: 'No purchases for this address' }),
    ).toBeVisible();
    expect(screen.getByText(new RegExp(`paid with ${EMAIL}`))).toBeVisible();
  });

  it.each([
    [error(503, 'unavailable'), /Stripe or our purchase records are not answering/],
    [error(429, 'rate_limited'), /many requests from your network in a short time/],
    [new TypeError('Failed to fetch'), /We couldn't reach our server/],
    // Not the contract's body: never half-shown.
    [
      json(200, {
        email: EMAIL,
        purchases: [
          {
            ...NEWER_PURCHASE,
            downloads: [{ platform: 'linux', label: 'Linux', href: 'https://evil.example/x.zip' }],
          },
        ],
      }),
      /We couldn't reach our server/,
    ],
    [
      json(200, {
        email: EMAIL,
        purchases: [{ ...NEWER_PURCHASE, receiptUrl: 'javascript:alert(1)' }],
      }),
      /We couldn't reach our server/,
    ],
  ])('says honestly when purchases cannot be shown, and tries again (%#)', async (answer, text) => {
    const network = api({ 'GET /api/account': [answer, json(200, ACCOUNT)] });
    const user = userEvent.setup();
    const { container } = visitSignedIn();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("We can't show your purchases right now");
    expect(alert).toHaveTextContent(text);
    expect(container.querySelector('a[href^="https://evil"], a[href^="javascript"]')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await signedIn()).toBeVisible();
    expect(network.routes()).toEqual(['GET /api/account', 'GET /api/account']);
  });
});

describe('/account, machines', () => {
  const machines = () => {
    const card = purchaseCard('August 24, 2025');
    return within(card).getByRole('list', { name: 'Machines' });
  };
  /** Old laptop, the first machine of the newer purchase. */
  const laptop = () => within(machines()).getAllByRole('listitem')[0] as HTMLElement;
  /** Ask to release Old laptop: its confirmation. */
  const askRelease = async (user: User) => {
    await user.click(within(laptop()).getByRole('button', { name: 'Release this machine' }));
    return within(laptop()).getByRole('group', { name: 'Release Old laptop?' });
  };
  /** Release Old laptop, confirming. */
  const release = async (user: User) => {
    await user.click(
      within(await askRelease(user)).getByRole('button', { name: 'Yes, release it' }),
    );
  };

  it('lists each machine with its platform and last-seen date', async () => {
    api({ 'GET /api/account': [json(200, ACCOUNT)] });
    await showPurchases();
    const card = purchaseCard('August 24, 2025');
    expect(card).toHaveTextContent('Activated on 2 of 3 machines.');
    const items = within(machines()).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.machine__facts')?.textContent)).toEqual([
      'Old laptoplinuxLast seen August 20, 2025',
      'Desk PCwindowsLast seen August 23, 2025',
    ]);
    expect(
      within(items[0] as HTMLElement).getByRole('button', { name: 'Release this machine' }),
    ).toHaveAccessibleDescription('Old laptop');
  });

  it('releases a machine after a confirmation that says how many releases are left', async () => {
    const released = {
      ...NEWER_PURCHASE,
      license: { ...license(2), used: 1, machines: [license().machines[1]] },
    };
    const network = api({
      'GET /api/account': [json(200, ACCOUNT)],
      'POST /api/account/machines/release': [json(200, { purchase: released })],
    });
    const user = userEvent.setup();
    await showPurchases();
    const confirm = await askRelease(user);
    expect(confirm).toHaveTextContent(
      'This uses one of the 3 releases left in this 30-day period.',
    );
    expect(network.routes()).toEqual(['GET /api/account']);
    await user.click(within(confirm).getByRole('button', { name: 'Yes, release it' }));

    const card = purchaseCard('August 24, 2025');
    await waitFor(() => expect(within(machines()).getAllByRole('listitem')).toHaveLength(1));
    expect(card).toHaveTextContent(
      'Old laptop released: its seat is free. You can release 2 more machines in this 30-day period.',
    );
    expect(card).toHaveTextContent('Activated on 1 of 3 machines.');
    expect(network.calls.at(-1)).toEqual({
      route: 'POST /api/account/machines/release',
      body: { licenseId: 'lic_newer', machine: LAPTOP },
    });
  });

  it('keeps the machine when the buyer says "Keep it"', async () => {
    const network = api({ 'GET /api/account': [json(200, ACCOUNT)] });
    const user = userEvent.setup();
    await showPurchases();
    await user.click(within(await askRelease(user)).getByRole('button', { name: 'Keep it' }));
    expect(within(laptop()).queryByRole('group')).toBeNull();
    expect(network.routes()).toEqual(['GET /api/account']);
  });

  it('says the 30-day limit is reached (429 release_limit), when the next release is possible, and keeps the machine', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2025, 7, 24, 10, 0));
    const limited = error(429, 'release_limit');
    limited.headers.set('retry-after', String(3 * 86_400));
    api({
      'GET /api/account': [json(200, ACCOUNT)],
      'POST /api/account/machines/release': [limited],
    });
    const user = userEvent.setup();
    await showPurchases();
    await release(user);
    const alert = await within(purchaseCard('August 24, 2025')).findByRole('alert');
    expect(alert).toHaveTextContent(
      /as many machines released in the last 30 days as we allow, so Old laptop stays on it/,
    );
    expect(alert).toHaveTextContent('The next release is possible on August 27, 2025.');
    expect(within(machines()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('calls a machine that gave no name at activation "Unnamed machine"', async () => {
    const unnamed = { ...license().machines[0], name: null };
    api({
      'GET /api/account': [
        json(200, {
          email: EMAIL,
          purchases: [{ ...NEWER_PURCHASE, license: { ...license(), machines: [unnamed] } }],
        }),
      ],
    });
    await showPurchases();
    expect(within(machines()).getByRole('listitem')).toHaveTextContent(/^Unnamed machinelinux/);
  });

  it('offers no release when none is left in the 30-day period', async () => {
    api({
      'GET /api/account': [
        json(200, { email: EMAIL, purchases: [{ ...NEWER_PURCHASE, license: license(0) }] }),
      ],
    });
    await showPurchases();
    expect(purchaseCard('August 24, 2025')).toHaveTextContent(
      'No releases are left in this 30-day period.',
    );
    expect(screen.queryByRole('button', { name: 'Release this machine' })).toBeNull();
  });

  it('shows the license as it is when the machine was already gone (404 not_found)', async () => {
    const fresh = {
      ...NEWER_PURCHASE,
      license: { ...license(), used: 1, machines: [license().machines[1]] },
    };
    api({
      'GET /api/account': [json(200, ACCOUNT), json(200, { email: EMAIL, purchases: [fresh] })],
      'POST /api/account/machines/release': [error(404, 'not_found')],
    });
    const user = userEvent.setup();
    await showPurchases();
    await release(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Old laptop is no longer on this license',
    );
    await waitFor(() => expect(within(machines()).getAllByRole('listitem')).toHaveLength(1));
  });

  it('goes back to the sign-in form when the session ended meanwhile (401)', async () => {
    api({
      'GET /api/account': [json(200, ACCOUNT)],
      'POST /api/account/machines/release': [error(401, 'not_signed_in')],
    });
    const user = userEvent.setup();
    await showPurchases();
    await release(user);
    expect(await screen.findByLabelText('The email address you paid with')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('You are signed out');
  });
});

describe('/account, signing out', () => {
  it('ends the session on the server, then shows the sign-in form and forgets this browser', async () => {
    const network = api({
      'GET /api/account': [json(200, ACCOUNT)],
      'POST /api/account/signout': [new Response(null, { status: 204 })],
    });
    const user = userEvent.setup();
    visitSignedIn();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(
      await screen.findByText('You have signed out. Ask for a new link to come back.'),
    ).toBeVisible();
    expect(screen.queryByLabelText('License key')).toBeNull();
    expect(window.localStorage.getItem(HINT)).toBeNull();
    expect(network.routes()).toEqual(['GET /api/account', 'POST /api/account/signout']);
  });

  it('says so when our server cannot be reached to sign out, and stays signed in', async () => {
    api({
      'GET /api/account': [json(200, ACCOUNT)],
      'POST /api/account/signout': [new TypeError('Failed to fetch')],
    });
    const user = userEvent.setup();
    visitSignedIn();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "We couldn't reach our server to sign you out",
    );
    expect(screen.getByText(/^Signed in as/)).toBeVisible();
  });
});

describe('/account on a deployment without accounts (503 account_not_configured)', () => {
  const accountsOff = () => error(503, 'account_not_configured');
  const expectOff = async () => {
    expect(
      await screen.findByRole('heading', { name: 'Signing in is not available on this site' }),
    ).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(/Your license key is in the email/);
    expect(screen.queryByLabelText('The email address you paid with')).toBeNull();
  };

  it.each([
    [
      'a link is asked for',
      'POST /api/account/link',
      async () => {
        visit();
        await askForLink(userEvent.setup());
      },
    ],
    ['a link is opened', 'POST /api/account/session', async () => visit(`#link=${TOKEN}`)],
    ['purchases are asked for', 'GET /api/account', async () => visitSignedIn()],
  ])('says so when %s', async (_when, route, act) => {
    api({ [route]: [accountsOff()] });
    await act();
    await expectOff();
  });
});

describe('/account on a site without the API (browser fulfilment)', () => {
  it('says where the key really is instead of offering a sign-in that cannot work', () => {
    const network = api({});
    window.history.replaceState(null, '', '/account');
    renderAt('/account', '/account', <AccountPage fulfilment="browser" />);
    expect(screen.getByText(/This site keeps no purchase accounts/)).toBeVisible();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(network.calls).toEqual([]);
  });
});
