import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadConfig } from '../config/env';
import type { Fulfilment } from '../config/fulfilment';
import { apiPurchase, POLL } from '../features/purchase/apiPurchase';
import { derivedPurchase } from '../features/purchase/derivedPurchase';
import { renderAt } from '../testing/test-utils';
import SuccessPage from './SuccessPage';

// Server mode: the page derives nothing. The API is stubbed at the network boundary (global
// fetch), answering as the HTTP contract in HELPERS.md says it does.

const SESSION = 'cs_test_b1ServerModePage0123456789abcdefABCDEF';
const KEY = 'LM-EB2B-6DAD-E6BB-93FE-C9D2';
const SERVER: DownloadConfig = { ok: false, problems: [] };
const PURCHASE = {
  sessionId: SESSION,
  licenseKey: KEY,
  activationCommand: `local-memory license activate '${KEY}' --accept-terms`,
  amount: 4900,
  currency: 'usd',
  createdAt: Date.UTC(2025, 7, 24, 9, 30) / 1000,
  email: 'j•••@example.com',
  refunded: false,
  downloads: ['macos', 'windows', 'linux', 'universal'].map((platform) => ({
    platform,
    filename: `local-memory-${platform}.zip`,
    url: `/api/downloads/${SESSION}/${platform}`,
  })),
};

type Answer = Response | Error | Promise<Response>;

/** The API: each call to a path takes the next answer in its queue (the last one repeats). */
function api(routes: Record<string, Answer[]>) {
  const calls: { method: string; path: string; body: string | null }[] = [];
  const stub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ method: init?.method ?? 'GET', path, body: (init?.body as string) ?? null });
    const queue = routes[path];
    if (queue === undefined) return new Response(null, { status: 599 });
    const answer = (queue.length > 1 ? queue.shift() : queue[0]) as Answer;
    if (answer instanceof Error) throw answer;
    return answer instanceof Response ? answer.clone() : answer;
  });
  vi.stubGlobal('fetch', stub);
  return {
    calls,
    purchaseCalls: () => calls.filter((c) => c.path.startsWith('/api/purchases/cs_')),
  };
}

const PURCHASE_PATH = `/api/purchases/${SESSION}`;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
const error = (status: number, code: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message: code } }, headers);

const BROWSER: DownloadConfig = {
  ok: true,
  secret: 'UNIT-TEST-ONLY-landing-secret-0123456789',
  baseUrl: '/downloads',
};

function visit(query = `?session_id=${SESSION}`, fulfilment: Fulfilment = 'server') {
  return renderAt(
    `/success${query}`,
    '/success',
    <SuccessPage
      search={query}
      download={fulfilment === 'server' ? SERVER : BROWSER}
      source={fulfilment === 'server' ? apiPurchase : derivedPurchase}
    />,
  );
}

function expectNoKey(container: HTMLElement) {
  expect(container.querySelector('output')).toBeNull();
  expect(container.textContent).not.toContain(KEY);
  expect(screen.queryByRole('region', { name: 'Download Local Memory' })).toBeNull();
}

/** Let the stubbed network answer and React render. */
const settle = async () => {
  // Twice: once for the API's answer (a state change), once for the lazily loaded view of a
  // refusal (already imported below).
  await act(async () => vi.advanceTimersByTimeAsync(0));
  await act(async () => vi.advanceTimersByTimeAsync(0));
};

// The page's lazily loaded parts, imported once up front so React.lazy resolves them at once.
beforeAll(async () => {
  await Promise.all([
    import('../features/purchase/PurchaseRefusal'),
    import('../features/purchase/PurchaseNotFound'),
    import('../features/purchase/ResendForm'),
    import('../features/release/ReleaseDetails'),
  ]);
});

beforeEach(() => {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  );
  vi.spyOn(navigator, 'platform', 'get').mockReturnValue('Linux x86_64');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2025-08-24T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Success page in server mode, paid', () => {
  it('keeps the layout while it asks: a placeholder of the key’s size, no key', async () => {
    let answer: (r: Response) => void = () => undefined;
    api({ [PURCHASE_PATH]: [new Promise<Response>((resolve) => (answer = resolve))] });
    const { container } = visit();
    // The paid page's heading and lead already, so nothing above the key moves when it comes.
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Thank you for buying Local Memory',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Checking your payment with Stripe');
    const lead = container.querySelector('.lead')?.textContent;
    const placeholder = container.querySelector('.license-key--placeholder');
    expect(placeholder).not.toBeNull();
    expect(placeholder?.textContent).toHaveLength(KEY.length);
    expect(placeholder).toHaveAttribute('aria-hidden', 'true');
    expectNoKey(container);
    answer(json(200, PURCHASE));
    await settle();
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
    expect(container.querySelector('.lead')?.textContent).toBe(lead);
    expect(screen.queryByText('Checking your payment with Stripe…')).toBeNull();
  });

  it('shows the key, the API’s activation command, the receipt and the API’s download links', async () => {
    const network = api({ [PURCHASE_PATH]: [json(200, PURCHASE)] });
    visit();
    await settle();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Thank you for buying Local Memory' }),
    ).toBeVisible();
    expect(screen.getByLabelText('License key')).toHaveTextContent(new RegExp(`^${KEY}$`));
    expect(screen.getByRole('figure', { name: 'Activation command' })).toHaveTextContent(
      PURCHASE.activationCommand,
    );
    const receipt = screen.getByRole('region', { name: 'Receipt' });
    expect(within(receipt).getByText('$49.00')).toBeInTheDocument();
    expect(within(receipt).getByText('August 24, 2025')).toBeInTheDocument();
    expect(within(receipt).getByText('j•••@example.com')).toBeInTheDocument();
    expect(receipt).toHaveTextContent('Lost this page? Your purchases are at /account');
    expect(within(receipt).getByRole('link', { name: '/account' })).toHaveAttribute(
      'href',
      '/account',
    );

    const downloads = screen.getByRole('region', { name: 'Download Local Memory' });
    const links = within(downloads).getAllByRole('link', { hidden: true, name: /^Download/ });
    expect(links[0]).toHaveAccessibleName('Download for Linux');
    expect(links.map((a) => a.getAttribute('href')).sort()).toEqual(
      PURCHASE.downloads.map((d) => d.url).sort(),
    );
    expect(downloads).toHaveTextContent('Each download checks your purchase');
    expect(network.calls).toEqual([{ method: 'GET', path: PURCHASE_PATH, body: null }]);
  });

  it('formats other currencies by their own minor units', async () => {
    api({ [PURCHASE_PATH]: [json(200, { ...PURCHASE, amount: 4900, currency: 'jpy' })] });
    visit();
    await settle();
    expect(
      within(screen.getByRole('region', { name: 'Receipt' })).getByText('¥4,900'),
    ).toBeInTheDocument();
  });

  it('leaves the email out of the receipt when Stripe has no address', async () => {
    api({ [PURCHASE_PATH]: [json(200, { ...PURCHASE, email: null })] });
    visit();
    await settle();
    const receipt = screen.getByRole('region', { name: 'Receipt' });
    expect(within(receipt).getByText('$49.00')).toBeInTheDocument();
    expect(within(receipt).queryByText('Email')).toBeNull();
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
  });

  it('copies the key and the command the API gave', async () => {
    vi.useRealTimers();
    api({ [PURCHASE_PATH]: [json(200, PURCHASE)] });
    const user = userEvent.setup();
    visit();
    await user.click(await screen.findByRole('button', { name: 'Copy activation command' }));
    expect(await navigator.clipboard.readText()).toBe(PURCHASE.activationCommand);
  });

  it.each([
    [
      'a download that leaves the site',
      { downloads: [{ ...PURCHASE.downloads[0], url: 'https://evil.example/x.zip' }] },
    ],
    ['no key', { licenseKey: '' }],
    ['a refunded flag', { refunded: true }],
  ])('treats a 200 with %s as a broken answer, never half-shown', async (_name, change) => {
    api({ [PURCHASE_PATH]: [json(200, { ...PURCHASE, ...change })] });
    const { container } = visit();
    await settle();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Our server is unreachable',
    );
    expect(container.querySelector('a[href^="https://evil"]')).toBeNull();
    expectNoKey(container);
  });
});

describe('Success page in server mode, payment processing', () => {
  it('says so, asks again after Retry-After, and stops once paid', async () => {
    const network = api({
      [PURCHASE_PATH]: [
        error(409, 'payment_pending', { 'retry-after': '7' }),
        error(409, 'payment_pending', { 'retry-after': '7' }),
        json(200, PURCHASE),
      ],
    });
    const { container } = visit();
    await settle();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Your payment is processing',
    );
    expect(screen.getByRole('status')).toHaveTextContent('checks again by itself');
    expectNoKey(container);
    await act(async () => vi.advanceTimersByTimeAsync(6_900));
    expect(network.purchaseCalls()).toHaveLength(1);
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(network.purchaseCalls()).toHaveLength(2);
    expectNoKey(container);
    await act(async () => vi.advanceTimersByTimeAsync(7_000));
    expect(network.purchaseCalls()).toHaveLength(3);
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
    await act(async () => vi.advanceTimersByTimeAsync(10 * 60_000));
    expect(network.purchaseCalls()).toHaveLength(3);
  });

  it('keeps Retry-After within bounds: never faster than 2 s, never slower than 60 s', async () => {
    const network = api({
      [PURCHASE_PATH]: [
        error(409, 'payment_pending', { 'retry-after': '0' }),
        error(409, 'payment_pending', { 'retry-after': '86400' }),
        json(200, PURCHASE),
      ],
    });
    visit();
    await settle();
    await act(async () => vi.advanceTimersByTimeAsync(POLL.minSeconds * 1000 - 100));
    expect(network.purchaseCalls()).toHaveLength(1);
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(network.purchaseCalls()).toHaveLength(2);
    await act(async () => vi.advanceTimersByTimeAsync(POLL.maxSeconds * 1000));
    expect(network.purchaseCalls()).toHaveLength(3);
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
  });

  it('stops asking when the customer leaves the page', async () => {
    const network = api({
      [PURCHASE_PATH]: [error(409, 'payment_pending', { 'retry-after': '5' })],
    });
    const page = visit();
    await settle();
    expect(network.purchaseCalls()).toHaveLength(1);
    page.unmount();
    await act(async () => vi.advanceTimersByTimeAsync(10 * 60_000));
    expect(network.purchaseCalls()).toHaveLength(1);
  });

  it('gives up asking by itself after 15 minutes, and offers to check again', async () => {
    const network = api({
      [PURCHASE_PATH]: [error(409, 'payment_pending'), error(409, 'payment_pending')],
    });
    visit();
    await settle();
    await act(async () => vi.advanceTimersByTimeAsync(POLL.giveUpAfterSeconds * 1000));
    const asked = network.purchaseCalls().length;
    // The first answer, then one every 5 s (no Retry-After) for 15 minutes.
    expect(asked).toBe(POLL.giveUpAfterSeconds / POLL.defaultSeconds + 1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Your payment is still processing',
    );
    await act(async () => vi.advanceTimersByTimeAsync(60 * 60_000));
    expect(network.purchaseCalls()).toHaveLength(asked);
    await act(async () => screen.getByRole('button', { name: 'Check again' }).click());
    await settle();
    expect(network.purchaseCalls()).toHaveLength(asked + 1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Your payment is processing',
    );
  });
});

describe('Success page in server mode, no key to show', () => {
  it.each([
    [410, 'refunded', 'This purchase was refunded', /refunded or disputed/],
    [403, 'wrong_product', 'This payment is not for Local Memory', /different product/],
    [404, 'not_found', "We couldn't find your purchase", /no completed purchase/],
    [400, 'invalid_session_id', "We couldn't find your purchase", /no completed purchase/],
  ])('%i %s: "%s", with support and no key', async (status, code, heading, text) => {
    api({ [PURCHASE_PATH]: [error(status, code)] });
    const { container } = visit();
    await settle();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(heading);
    expect(screen.getByText(text)).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'support@localmemory.co' })[0]).toHaveAttribute(
      'href',
      'mailto:support@localmemory.co',
    );
    expectNoKey(container);
  });

  it.each([
    ['the network fails', new TypeError('Failed to fetch')],
    ['the API says Stripe is unavailable (503)', error(503, 'upstream_unavailable')],
    ['a proxy answers 502 with HTML', new Response('<html>Bad gateway</html>', { status: 502 })],
  ])('when %s: "our server is unreachable", support, and a Retry that works', async (_n, first) => {
    const network = api({ [PURCHASE_PATH]: [first, json(200, PURCHASE)] });
    const { container } = visit();
    await settle();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Our server is unreachable',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Your payment is not affected');
    expect(screen.getByRole('link', { name: 'support@localmemory.co' })).toBeInTheDocument();
    expectNoKey(container);
    await act(async () => vi.advanceTimersByTimeAsync(5 * 60_000));
    expect(network.purchaseCalls()).toHaveLength(1);
    await act(async () => screen.getByRole('button', { name: 'Retry' }).click());
    await settle();
    expect(network.purchaseCalls()).toHaveLength(2);
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
  });

  it("reads a CDN's 403 page as an answer it can't read, never as another product", async () => {
    const cdn = new Response('<html><h1>403 Forbidden</h1></html>', { status: 403 });
    const network = api({ [PURCHASE_PATH]: [cdn, json(200, PURCHASE)] });
    const { container } = visit();
    await settle();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      "We got an answer we can't read",
    );
    expect(screen.queryByText(/not for Local Memory/)).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('Your payment is not affected');
    expect(screen.getByRole('link', { name: 'support@localmemory.co' })).toBeInTheDocument();
    expectNoKey(container);
    await act(async () => screen.getByRole('button', { name: 'Retry' }).click());
    await settle();
    expect(network.purchaseCalls()).toHaveLength(2);
    expect(screen.getByLabelText('License key')).toHaveTextContent(KEY);
  });

  it('never logs the key or the session id', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level),
    );
    api({ [PURCHASE_PATH]: [json(200, PURCHASE)] });
    visit();
    await settle();
    const logged = JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
    for (const value of [KEY, SESSION]) expect(logged).not.toContain(value);
  });
});

describe("We couldn't find your purchase", () => {
  const RESEND = '/api/purchases/resend';

  it('in server mode offers the resend form, with the same neutral answer for any address', async () => {
    vi.useRealTimers();
    const network = api({ [RESEND]: [json(202, { status: 'accepted' })] });
    const user = userEvent.setup();
    visit('?session_id=');
    const form = await screen.findByRole('region', { name: 'Email me my license key' });
    const field = within(form).getByLabelText('The email address you paid with');
    const confirmations: string[] = [];
    for (const email of ['buyer@example.com', 'stranger@example.org']) {
      await user.clear(field);
      await user.type(field, email);
      await user.click(within(form).getByRole('button', { name: 'Email my license key' }));
      confirmations.push((await within(form).findByRole('status')).textContent ?? '');
    }
    expect(confirmations[0]).toMatch(/^If that address bought Local Memory/);
    expect(confirmations[1]).toBe(confirmations[0]);
    expect(screen.getByRole('link', { name: '/account' })).toHaveAttribute('href', '/account');
    expect(network.calls).toEqual([
      { method: 'POST', path: RESEND, body: JSON.stringify({ email: 'buyer@example.com' }) },
      { method: 'POST', path: RESEND, body: JSON.stringify({ email: 'stranger@example.org' }) },
    ]);
  });

  it('says to wait when the API rate-limits, and to retry when it is unreachable', async () => {
    vi.useRealTimers();
    api({
      [RESEND]: [error(429, 'rate_limited'), new TypeError('Failed to fetch')],
    });
    const user = userEvent.setup();
    visit('?session_id=pi_notACheckoutSession');
    await user.type(screen.getByLabelText('The email address you paid with'), 'a@example.com');
    await user.click(screen.getByRole('button', { name: 'Email my license key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('wait a few minutes');
    expect(screen.queryByRole('status')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Email my license key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("couldn't reach our server");
  });

  it('checks the address before asking the API', async () => {
    vi.useRealTimers();
    const network = api({});
    const user = userEvent.setup();
    visit('?session_id=');
    const field = screen.getByLabelText('The email address you paid with');
    await user.type(field, 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Email my license key' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Enter the whole address, like name@example.com.');
    expect(network.calls).toEqual([]);
  });

  it('in browser mode gives honest advice and promises no email', () => {
    vi.stubGlobal('fetch', vi.fn());
    const { container } = visit('?session_id=', 'browser');
    expect(
      screen.getByRole('heading', { level: 1, name: "We couldn't find your purchase" }),
    ).toBeVisible();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(container.textContent).toContain("browser's history");
    expect(container.textContent).toContain("Stripe's receipt email does not link back to it");
    expect(container.textContent).not.toMatch(/we (will )?(e-?mail|send) (you )?(your|the) key/i);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('Success page in server mode, misconfigured', () => {
  it('shows the operator the named problem and asks the API nothing', async () => {
    const network = api({});
    const download: DownloadConfig = {
      ok: false,
      problems: [
        {
          variable: 'VITE_DOWNLOAD_SECRET',
          message: 'must not be set when VITE_FULFILMENT=server',
        },
      ],
    };
    const { container } = renderAt(
      `/success?session_id=${SESSION}`,
      '/success',
      <SuccessPage search={`?session_id=${SESSION}`} download={download} source={apiPurchase} />,
    );
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('VITE_DOWNLOAD_SECRET');
    expect(network.calls).toEqual([]);
    expectNoKey(container);
  });
});
