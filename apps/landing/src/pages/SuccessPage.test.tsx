import type { Platform } from '@local-memory/download-keys';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadConfig } from '../config/env';
import { renderAt } from '../testing/test-utils';
import SuccessPage from './SuccessPage';

const SECRET = 'UNIT-TEST-ONLY-landing-secret-0123456789';
const DOWNLOAD: DownloadConfig = { ok: true, secret: SECRET, baseUrl: '/downloads' };
const SESSION = 'cs_test_a1B2c3D4e5F6g7H8i9J0';

// Expected values come from the Go reference, not from the library the page uses, and are pinned
// here. Recompute (packages/download-keys/go, after `node scripts/build-go.mjs`) with
//   DOWNLOAD_SECRET=<SECRET> go/bin/local-memory-ref license generate --session-id <SESSION>
//   DOWNLOAD_SECRET=<SECRET> go/bin/local-memory-ref download hash --window W --platform P
//   go/bin/local-memory-ref download window --at UNIX   (window and linkExpiresAt)
const KEY = 'LM-F2GB-EFDA-BBB2-BGEG-GBA9';
const COMMAND = `local-memory license activate '${KEY}' --accept-terms`;
/** Window 40648 is 2025-08-24 00:00 to 12:00 UTC, 40649 the next twelve hours, 40655 Aug 27 PM. */
const LINK = {
  macos40648: '/downloads/40648/603ffac6cace367d/macos/local-memory-macos.zip',
  linux40648: '/downloads/40648/413973d2b473c6ae/linux/local-memory-linux.zip',
  linux40649: '/downloads/40649/6cafbc365ec09140/linux/local-memory-linux.zip',
  linux40655: '/downloads/40655/399527d00c8ed806/linux/local-memory-linux.zip',
} as const;
/** linkExpiresAt for any moment of window 40648: 2025-08-26T12:00:00Z. */
const EXPIRES_40648 = new Date('2025-08-26T12:00:00Z');

const UA = {
  mac: {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36',
    platform: 'MacIntel',
  },
  windows: {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    platform: 'Win32',
  },
  linux: {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    platform: 'Linux x86_64',
  },
  android: {
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36',
    platform: 'Linux armv8l',
  },
};

function device(kind: keyof typeof UA) {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(UA[kind].userAgent);
  vi.spyOn(navigator, 'platform', 'get').mockReturnValue(UA[kind].platform);
}

/** The server's clock, as the Date header of the same-origin /api/time probe tells it. */
function serverClock(date: Date | null) {
  const fetchStub = vi.fn(
    async () => new Response(null, { headers: date === null ? {} : { date: date.toUTCString() } }),
  );
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}

function visit(query: string, download: DownloadConfig = DOWNLOAD) {
  return renderAt(
    `/success${query}`,
    '/success',
    <SuccessPage search={query} download={download} />,
  );
}

function expectNoKey(container: HTMLElement) {
  expect(screen.queryByRole('status', { name: 'License key' })).toBeNull();
  expect(container.querySelector('output')).toBeNull();
  expect(container.textContent).not.toMatch(/LM-[A-Z0-9]{4}/);
}

beforeEach(() => {
  device('linux');
  serverClock(null);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('SuccessPage with a valid session', () => {
  it('shows the key, the activation command and the download for this computer', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-08-24T09:00:00Z'));
    device('mac');
    visit(`?session_id=${SESSION}`);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Thank you for buying Local Memory' }),
    ).toBeVisible();
    expect(screen.getByLabelText('License key')).toHaveTextContent(new RegExp(`^${KEY}$`));
    expect(screen.getByRole('figure', { name: 'Activation command' })).toHaveTextContent(
      new RegExp(`^${COMMAND}$`),
    );
    const downloads = screen.getByRole('region', { name: 'Download Local Memory' });
    const primary = within(downloads).getAllByRole('link', { name: /^Download/ })[0];
    expect(primary).toHaveAccessibleName('Download for macOS');
    expect(primary).toHaveAttribute('data-platform', 'macos');
    expect(primary).toHaveAttribute('download', 'local-memory-macos.zip');
    expect(primary).toHaveAttribute('href', LINK.macos40648);
    expect(screen.getByText(/clear the download quarantine/)).toBeInTheDocument();
    expect(document.title).toBe('Your license key and downloads · Local Memory');
  });

  it.each<[keyof typeof UA, Platform, string]>([
    ['windows', 'windows', 'Download for Windows'],
    ['linux', 'linux', 'Download for Linux'],
  ])('recommends the %s download and keeps the others one click away', (kind, platform, name) => {
    device(kind);
    visit(`?session_id=${SESSION}`);
    const links = screen.getAllByRole('link', { name: /^Download/ });
    expect(links[0]).toHaveAccessibleName(name);
    expect(links[0]).toHaveAttribute('data-platform', platform);
    const others = screen.getByText('Other platforms').closest('details');
    expect(others).not.toBeNull();
    expect(others).not.toHaveAttribute('open');
    const otherPlatforms = within(others as HTMLElement)
      .getAllByRole('link', { hidden: true })
      .map((a) => a.getAttribute('data-platform'));
    expect(otherPlatforms.sort()).toEqual(
      ['macos', 'windows', 'linux', 'universal'].filter((p) => p !== platform).sort(),
    );
    expect(
      within(others as HTMLElement).getByRole('link', {
        hidden: true,
        name: 'Download all platforms',
      }),
    ).toBeInTheDocument();
  });

  it('lists every platform, without a recommendation, on a phone', () => {
    device('android');
    visit(`?session_id=${SESSION}`);
    expect(screen.queryByText('Other platforms')).toBeNull();
    expect(
      screen.getAllByRole('link', { name: /^Download/ }).map((a) => a.dataset.platform),
    ).toEqual(['macos', 'windows', 'linux', 'universal']);
  });

  it('says until when the links work in local time', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2025-08-24T03:00:00Z'));
    visit(`?session_id=${SESSION}`);
    const until = EXPIRES_40648;
    const text = screen.getByText(/^Links work until /).textContent ?? '';
    expect(text).toContain(String(until.getFullYear()));
    expect(text).toContain(new Intl.DateTimeFormat(undefined, { month: 'long' }).format(until));
    expect(text).toContain(new Intl.DateTimeFormat(undefined, { day: 'numeric' }).format(until));
    expect(text).toContain(
      new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(until),
    );
  });

  it('refreshes the links by itself when the 12-hour window rolls over', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2025-08-24T11:59:50Z'));
    visit(`?session_id=${SESSION}`);
    const link = () => screen.getAllByRole('link', { name: /^Download/ })[0] as HTMLAnchorElement;
    expect(link().getAttribute('href')).toBe(LINK.linux40648);
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(link().getAttribute('href')).toBe(LINK.linux40648);
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(link().getAttribute('href')).toBe(LINK.linux40649);
  });

  it('uses the server time when the device clock is off by more than five minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-08-20T09:00:00Z')); // device is four days behind
    serverClock(new Date('2025-08-24T09:00:00Z'));
    visit(`?session_id=${SESSION}`);
    expect(await screen.findByText(/device clock is \d+ minutes behind/)).toBeInTheDocument();
    const href = screen.getAllByRole('link', { name: /^Download/ })[0]?.getAttribute('href');
    expect(href).toBe(LINK.linux40648);
  });

  it('keeps the device clock when it agrees with the server within five minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-08-24T09:00:00Z'));
    const probe = serverClock(new Date('2025-08-24T09:04:00Z'));
    visit(`?session_id=${SESSION}`);
    await vi.waitFor(() =>
      expect(probe).toHaveBeenCalledWith(
        expect.stringMatching(/^\/api\/time\?nonce=\w+$/),
        expect.objectContaining({ cache: 'no-store' }),
      ),
    );
    await act(async () => undefined);
    expect(screen.queryByText(/device clock/)).toBeNull();
  });

  it('copies the key and the command and says so in a live region', async () => {
    const user = userEvent.setup();
    visit(`?session_id=${SESSION}`);
    // <output> has the status role too; the announcements go to each card's polite live region.
    const liveRegion = (name: string) =>
      within(screen.getByRole('region', { name }))
        .getAllByRole('status')
        .find((el) => el.tagName === 'P') as HTMLElement;
    const status = liveRegion('Your license key');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toBeEmptyDOMElement();
    await user.click(screen.getByRole('button', { name: 'Copy license key' }));
    expect(await navigator.clipboard.readText()).toBe(KEY);
    expect(status).toHaveTextContent('License key copied to the clipboard');
    const activation = liveRegion('Activate it');
    expect(activation).toHaveAttribute('aria-live', 'polite');
    await user.click(screen.getByRole('button', { name: 'Copy activation command' }));
    expect(await navigator.clipboard.readText()).toBe(COMMAND);
    expect(activation).toHaveTextContent('Activation command copied to the clipboard');
  });

  it('follows the downloads with the setup guide for this computer, holding the key', async () => {
    device('windows');
    visit(`?session_id=${SESSION}`);
    const setup = await screen.findByRole('region', { name: 'Set up and connect your tools' });
    expect(within(setup).getByRole('radio', { name: 'Windows' })).toBeChecked();
    expect(
      within(setup).getByRole('figure', { name: 'Activate commands for Windows' }),
    ).toHaveTextContent(COMMAND);
    const downloads = screen.getByRole('region', { name: 'Download Local Memory' });
    // The guide comes after the downloads, so it never pushes them down.
    expect(
      downloads.compareDocumentPosition(setup) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('works the same on a return visit days later: same key, fresh links, no storage', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-08-24T09:00:00Z'));
    const first = visit(`?session_id=${SESSION}`);
    const firstHref = screen.getAllByRole('link', { name: /^Download/ })[0]?.getAttribute('href');
    expect(firstHref).toBe(LINK.linux40648);
    first.unmount();
    localStorage.clear();
    sessionStorage.clear();
    vi.setSystemTime(new Date('2025-08-27T15:00:00Z'));
    visit(`?session_id=${SESSION}`);
    expect(screen.getByLabelText('License key')).toHaveTextContent(new RegExp(`^${KEY}$`));
    const laterHref = screen.getAllByRole('link', { name: /^Download/ })[0]?.getAttribute('href');
    expect(laterHref).toBe(LINK.linux40655);
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('never logs the secret, the key or the session id', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level),
    );
    const user = userEvent.setup();
    visit(`?session_id=${SESSION}`);
    await user.click(screen.getByRole('button', { name: 'Copy license key' }));
    const logged = JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
    for (const secret of [SECRET, KEY, SESSION]) expect(logged).not.toContain(secret);
  });
});

describe('SuccessPage with a bad session id', () => {
  it.each([
    ['missing', '', /no purchase reference/],
    ['empty', '?session_id=', /no purchase reference/],
    [
      'not substituted by Stripe',
      '?session_id=%7BCHECKOUT_SESSION_ID%7D',
      /not filled in by Stripe/,
    ],
    ['malformed', '?session_id=pi_3Nabc123', /start with cs_live_ or cs_test_/],
    ['cut short', '?session_id=cs_test_', /start with cs_live_ or cs_test_/],
    ['over-long', `?session_id=cs_test_${'a'.repeat(10_000)}`, /far longer/],
    ['unicode', `?session_id=${encodeURIComponent('cs_test_ünï💥')}`, /start with cs_live_/],
  ])('%s: explains kindly, offers a way forward, shows no key', async (_name, query, reason) => {
    const { container } = visit(query);
    expect(
      await screen.findByRole('heading', { level: 1, name: "We couldn't find your purchase" }),
    ).toBeVisible();
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'support@localmemory.co' })).toHaveAttribute(
      'href',
      'mailto:support@localmemory.co',
    );
    expect(screen.getByRole('link', { name: 'See pricing' })).toHaveAttribute('href', '/pricing');
    expectNoKey(container);
  });

  it.each([
    '<script>window.__pwned = 1</script>',
    'cs_test_<img src=x onerror="window.__pwned=1">',
    'cs_test_"><svg onload=window.__pwned=1>',
  ])('renders hostile input as inert text: %s', async (payload) => {
    const { container } = visit(`?session_id=${encodeURIComponent(payload)}`);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(
      "We couldn't find your purchase",
    );
    expect(container.querySelector('script, img, svg')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expectNoKey(container);
  });
});

describe('SuccessPage on a misconfigured deployment', () => {
  it.each([
    ['no secret', 'VITE_DOWNLOAD_SECRET is not set'],
    ['a short secret', 'VITE_DOWNLOAD_SECRET is 9 characters long; it must be at least 32'],
  ])('with %s, shows the operator error and never a key', async (_name, message) => {
    const download: DownloadConfig = {
      ok: false,
      problems: [{ variable: 'VITE_DOWNLOAD_SECRET', message }],
    };
    const { container } = visit(`?session_id=${SESSION}`, download);
    // Loaded when needed (a misconfigured site is rare): found once it has loaded.
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'This site is not configured correctly',
      }),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expectNoKey(container);
  });
});
