import { describe, expect, it } from 'vitest';
import { SITE_CSP, STRIPE_SOURCES, SUCCESS_CSP, serializeCsp } from './csp';
import { classifyPath, headersFor, headersForClass, PATH_CLASSES } from './headers';

/** Parse a CSP header into directive → sources. */
function parseCsp(value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

const MODES = ['browser', 'server'] as const;

describe('classifyPath', () => {
  it.each([
    ['/', 'site'],
    ['/pricing', 'site'],
    ['/terms', 'site'],
    ['/robots.txt', 'site'],
    ['/assets/index-Bx1.js', 'assets'],
    ['/assets', 'site'],
    ['/api/time', 'api'],
    ['/api/time?nonce=abc', 'api'],
    ['/api', 'site'],
    ['/downloads/40648/10fa7d873655acdb/windows/local-memory-windows.zip', 'downloads'],
    ['/success', 'success'],
    ['/success/', 'success'],
    ['/success?session_id=cs_test_a1', 'success'],
    ['/success/extra', 'site'],
    ['/Success', 'site'],
    ['/account', 'account'],
    ['/account/', 'account'],
    ['/account?from=mail', 'account'],
    ['/account/extra', 'site'],
    ['/accounts', 'site'],
  ] as const)('%s is %s', (path, cls) => {
    expect(classifyPath(path)).toBe(cls);
  });

  it('rejects a path without a leading slash, naming the argument', () => {
    expect(() => classifyPath('pricing')).toThrow(/pathname/);
  });
});

describe('headersFor', () => {
  it.each(MODES)('sends the security headers on every class (%s mode)', (mode) => {
    for (const cls of PATH_CLASSES) {
      const headers = headersForClass(cls, { mode });
      expect(headers['Strict-Transport-Security']).toBe(
        'max-age=63072000; includeSubDomains; preload',
      );
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
      expect(parseCsp(headers['Content-Security-Policy'] ?? '').get('frame-ancestors')).toEqual([
        "'none'",
      ]);
      expect(headers['Permissions-Policy']).toContain('camera=()');
    }
  });

  it('allows Stripe.js, its frames and its API on the routed site only', () => {
    const site = parseCsp(
      headersFor('/pricing', { mode: 'browser' })['Content-Security-Policy'] ?? '',
    );
    expect(site.get('script-src')).toEqual(["'self'", ...STRIPE_SOURCES.script]);
    expect(site.get('frame-src')).toEqual([...STRIPE_SOURCES.frame]);
    expect(site.get('connect-src')).toEqual(["'self'", ...STRIPE_SOURCES.connect]);
    expect(site.get('style-src')).toEqual(["'self'"]);
    expect(SITE_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it.each(MODES)('allows nothing third-party on /success (%s mode)', (mode) => {
    const headers = headersFor('/success?session_id=cs_test_a1', { mode });
    expect(headers['Content-Security-Policy']).toBe(SUCCESS_CSP);
    expect(SUCCESS_CSP).not.toMatch(/https?:|\*/);
    expect(parseCsp(SUCCESS_CSP).get('frame-src')).toEqual(["'none'"]);
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Robots-Tag']).toBe('noindex, nofollow');
    expect(headers['Cache-Control']).toBe('no-cache');
  });

  it.each(MODES)(
    'allows nothing third-party on /account, sends no Referer and keeps it out of search (%s mode)',
    (mode) => {
      const headers = headersFor('/account', { mode });
      expect(headers['Content-Security-Policy']).toBe(SUCCESS_CSP);
      expect(parseCsp(SUCCESS_CSP).get('connect-src')).toEqual(["'self'"]);
      expect(parseCsp(SUCCESS_CSP).get('script-src')).toEqual(["'self'"]);
      expect(headers['Referrer-Policy']).toBe('no-referrer');
      expect(headers['X-Robots-Tag']).toBe('noindex, nofollow');
      expect(headers['Cache-Control']).toBe('no-cache');
      expect(headersFor('/account/', { mode })).toEqual(headers);
    },
  );

  it('keeps the site indexable, revalidated and sending only its origin as referrer', () => {
    const headers = headersFor('/', { mode: 'browser' });
    expect(headers['Content-Security-Policy']).toBe(SITE_CSP);
    expect(headers['X-Robots-Tag']).toBeUndefined();
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Cache-Control']).toBe('no-cache');
  });

  it('caches hashed assets for a year, never stores the API (the time source included)', () => {
    expect(headersFor('/assets/index-Bx1.js', { mode: 'server' })['Cache-Control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const mode of MODES) {
      const time = headersFor('/api/time?nonce=1', { mode });
      expect(time['Cache-Control']).toBe('no-store');
      expect(time['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('rejects an unknown mode or class, naming the argument', () => {
    expect(() => headersFor('/', { mode: 'edge' as 'browser' })).toThrow(/options\.mode/);
    expect(() => headersForClass('nope' as 'site', { mode: 'browser' })).toThrow(/cls/);
  });
});

describe('inline style hashes', () => {
  // sha256 of "body{margin:0}", base64: computed once with `printf 'body{margin:0}' | openssl dgst -sha256 -binary | base64`.
  const HASH = 'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc=';

  it("adds exactly the build's style hashes to style-src on HTML pages, and nowhere else", () => {
    const site = headersFor('/pricing', { mode: 'browser', styleHashes: [HASH] })[
      'Content-Security-Policy'
    ];
    expect(site).toContain(`style-src 'self' '${HASH}';`);
    expect(site).not.toContain('unsafe-inline');
    const success = headersFor('/success', { mode: 'server', styleHashes: [HASH] })[
      'Content-Security-Policy'
    ];
    expect(success).toContain(`style-src 'self' '${HASH}';`);
    expect(
      headersFor('/api/time', { mode: 'server', styleHashes: [HASH] })['Content-Security-Policy'],
    ).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headersFor('/pricing', { mode: 'browser' })['Content-Security-Policy']).toBe(SITE_CSP);
  });

  it('refuses something that is not a sha256 source', () => {
    expect(() => headersFor('/', { mode: 'browser', styleHashes: ["'unsafe-inline'"] })).toThrow(
      /styleHashes/,
    );
  });
});

describe('inline script hashes', () => {
  // sha256 of "console.log(1)", base64: `printf 'console.log(1)' | openssl dgst -sha256 -binary | base64`.
  const HASH = 'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M=';

  it("adds exactly the build's script hashes to script-src on both page policies, and nowhere else", () => {
    const site = headersFor('/', { mode: 'browser', scriptHashes: [HASH] })[
      'Content-Security-Policy'
    ];
    expect(site).toContain(
      `script-src 'self' https://js.stripe.com https://*.js.stripe.com '${HASH}';`,
    );
    expect(site).not.toMatch(/unsafe-(inline|eval)|strict-dynamic/);
    expect(site).toContain("style-src 'self';");
    const success = headersFor('/success', { mode: 'server', scriptHashes: [HASH] })[
      'Content-Security-Policy'
    ];
    expect(success).toContain(`script-src 'self' '${HASH}';`);
    expect(
      headersFor('/assets/index-a.js', { mode: 'server', scriptHashes: [HASH] })[
        'Content-Security-Policy'
      ],
    ).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('refuses something that is not a sha256 source', () => {
    expect(() => headersFor('/', { mode: 'browser', scriptHashes: ["'unsafe-inline'"] })).toThrow(
      /scriptHashes/,
    );
  });
});

describe('serializeCsp', () => {
  it('joins directives and refuses a repeated one', () => {
    expect(
      serializeCsp([
        ['default-src', "'none'"],
        ['img-src', 'data:'],
      ]),
    ).toBe("default-src 'none'; img-src data:");
    expect(() =>
      serializeCsp([
        ['img-src', "'self'"],
        ['img-src', 'data:'],
      ]),
    ).toThrow(RangeError);
  });
});
