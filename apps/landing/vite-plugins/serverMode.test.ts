// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAmountEnv } from '@local-memory/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProxy } from './serverMode';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'UNIT-TEST-ONLY-server-mode-build-secret-0123456789';
/** SHA-256's first round constant: present wherever the HMAC key derivation is bundled. */
const SHA256_K0 = /1116352408|0x428a2f98/i;
const out = mkdtempSync(join(tmpdir(), 'lm-landing-build-'));

function build(name: string, env: Record<string, string>) {
  const outDir = join(out, `server-mode-test-${name}`);
  const run = spawnSync(
    join(appDir, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: appDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        VITE_DOWNLOAD_SECRET: '',
        VITE_DEMO_MODE: 'false',
        VITE_FULFILMENT: '',
        // A production build must state every edition's price and the operator
        // (vite-plugins/storefront.ts).
        ...demoAmountEnv(),
        VITE_LEGAL_NAME: 'Unit Test Operator Ltd',
        VITE_LEGAL_ADDRESS: '1 Test Lane, Testville',
        VITE_REFUND_DAYS: '14',
        VITE_SUPPORT_EMAIL: 'support@example.test',
        ...env,
      },
    },
  );
  // The build moves its (hidden) source maps out of the deploy folder, to sourcemaps/<name>:
  // read both, so names that minification drops are still seen through the maps.
  const mapsDir = join(appDir, 'sourcemaps', `server-mode-test-${name}`, 'assets');
  const read = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.js') || f.endsWith('.map'))
          .map((f) => readFileSync(join(dir, f), 'utf8'))
      : [];
  const bundle = () => [...read(join(outDir, 'assets')), ...read(mapsDir)].join('\n');
  return { status: run.status, output: run.stdout + run.stderr, bundle };
}

let browser: ReturnType<typeof build>;
let server: ReturnType<typeof build>;
beforeAll(() => {
  browser = build('browser', {
    VITE_DOWNLOAD_SECRET: SECRET,
    VITE_STRIPE_PUBLISHABLE_KEY: 'pk_test_51UnitTestOnlyKey00000000',
    VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
  });
  server = build('server', {
    VITE_FULFILMENT: 'server',
    VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
  });
}, 180_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  for (const name of ['browser', 'server', 'refused'])
    rmSync(join(appDir, 'sourcemaps', `server-mode-test-${name}`), {
      recursive: true,
      force: true,
    });
});

describe('server-mode build', () => {
  it('fails when also given a download secret, naming the variable but not its value', () => {
    const refused = build('refused', { VITE_FULFILMENT: 'server', VITE_DOWNLOAD_SECRET: SECRET });
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(
      'VITE_DOWNLOAD_SECRET must not be set when VITE_FULFILMENT=server',
    );
    expect(refused.output).not.toContain(SECRET);
  }, 60_000);

  it('ships neither the secret nor the key derivation; the browser build has both', () => {
    expect(browser.status, browser.output).toBe(0);
    expect(server.status, server.output).toBe(0);
    const browserBundle = browser.bundle();
    const serverBundle = server.bundle();
    expect(browserBundle).toContain(SECRET);
    expect(browserBundle).toMatch(SHA256_K0);
    expect(browserBundle).toContain('useDownloadLinks');
    expect(serverBundle).not.toContain(SECRET);
    expect(serverBundle).not.toMatch(SHA256_K0);
    expect(serverBundle).not.toMatch(/features\/purchase\/derivedPurchase\.ts/);
    expect(serverBundle).toContain('/api/purchases');
  });

  it("ships the API's purchase source in server mode only", () => {
    const browserBundle = browser.bundle();
    const serverBundle = server.bundle();
    // The source and the entry's early request; the resend form (lazy, behind "not found") reads
    // the API in both modes.
    for (const apiSource of [/features\/purchase\/apiPurchase\.ts/, /purchase\/earlyRequest\.ts/]) {
      expect(serverBundle).toMatch(apiSource);
      expect(browserBundle).not.toMatch(apiSource);
    }
  });
});

describe('apiProxy', () => {
  it('proxies /api to API_ORIGIN, keeping only its origin', () => {
    expect(apiProxy({})).toBeUndefined();
    expect(apiProxy({ API_ORIGIN: 'http://127.0.0.1:8787/ignored/path' })).toEqual({
      '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false },
    });
    expect(apiProxy({ API_ORIGIN: ' https://api.example.net ' })?.['/api']?.target).toBe(
      'https://api.example.net',
    );
    expect(apiProxy({ API_ORIGIN: '  ' })).toBeUndefined();
  });

  it('refuses an origin that is not http(s), saying what to set', () => {
    expect(() => apiProxy({ API_ORIGIN: 'ftp://127.0.0.1' })).toThrow(/API_ORIGIN must be/);
    expect(() => apiProxy({ API_ORIGIN: '127.0.0.1:8787' })).toThrow(/API_ORIGIN must be/);
  });
});
