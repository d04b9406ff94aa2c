/**
 * The deploy's release steps against the production build of the site, served on loopback by a
 * stand-in of CloudFront: the synthesized stack's response-headers policies (with the build's
 * inline-style hashes), its routing and edge functions, and S3's download objects. The smoke test
 * passes it; a broken site fails it and the dry run plans the rollback of the HTML and of the
 * CloudFront Functions.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { demoAmountEnv } from '@local-memory/catalog';
import { s3ObjectKey, timeWindowAt } from '@local-memory/download-keys';
// @ts-expect-error: a plain ESM script without types
import { buildSite } from '@local-memory/landing/preview-server';
import { classifyPath } from '@local-memory/site-policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import { API_ENTRY, REPO_DIR } from '../lib/paths';
// @ts-expect-error: a plain ESM script without types
import { main } from '../scripts/release-site.mjs';
// @ts-expect-error: a plain ESM script without types
import { smokeTest } from '../scripts/smoke-test.mjs';
import { loadFunction } from './cloudfront-function';

const SECRET = 'INFRA-TEST-ONLY-release-site-secret-0123456789';
const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);
const OUT_NAME = 'dist-infra-release-test';
const SITE_DIR = join(REPO_DIR, 'apps', 'landing', OUT_NAME);
const CSP_FACTS = join(REPO_DIR, 'apps', 'landing', 'sourcemaps', OUT_NAME, 'csp.json');
/** A production configuration (VITE_DEMO_MODE=false), every variable the build requires. */
const PRODUCTION_ENV = {
  VITE_DEMO_MODE: 'false',
  VITE_FULFILMENT: 'browser',
  VITE_DOWNLOAD_SECRET: SECRET,
  VITE_DOWNLOAD_BASE_URL: '/downloads',
  // Every edition's price (VITE_PRICE: 49.00 USD, …).
  ...demoAmountEnv(),
  VITE_SITE_URL: 'https://shop.example.com',
  VITE_LEGAL_NAME: 'Release Test Ltd',
  VITE_LEGAL_ADDRESS: '1 Test Street, Testville',
  VITE_REFUND_DAYS: '14',
  VITE_SUPPORT_EMAIL: 'support@example.com',
};
const FIXTURE_ENTRY = join(import.meta.dirname, 'fixtures', 'lambda.ts');

type Headers = Record<string, string>;
let styleHashes: string[];
let scriptHashes: string[];
let templateFile: string;
let policies: Map<string, Headers>;
const temps: string[] = [];
let server: Server | undefined;

/** The headers CloudFront sends for a ResponseHeadersPolicyConfig of the template. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
function rendered(config: any): Headers {
  const security = config.SecurityHeadersConfig;
  const hsts = security.StrictTransportSecurity;
  const headers: Headers = {
    'Content-Security-Policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
    'Strict-Transport-Security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': security.FrameOptions.FrameOption,
    'Referrer-Policy': security.ReferrerPolicy.ReferrerPolicy,
  };
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header] = item.Value;
  return headers;
}

beforeAll(() => {
  buildSite(SITE_DIR, PRODUCTION_ENV);
  ({ styleHashes, scriptHashes } = JSON.parse(readFileSync(CSP_FACTS, 'utf8')));
  const outdir = mkdtempSync(join(tmpdir(), 'infra-release-'));
  temps.push(outdir);
  const { app, stack } = buildApp({
    context: {
      githubRepository: 'acme/storefront',
      fulfilment: 'browser',
      operatorEmail: 'ops@example.com',
    },
    outdir,
    apiEntry: existsSync(API_ENTRY) ? API_ENTRY : FIXTURE_ENTRY,
    styleHashes,
    scriptHashes,
  });
  const assembly = app.synth();
  templateFile = join(outdir, assembly.getStackByName(stack.stackName).templateFile);
  const resources = Object.values(JSON.parse(readFileSync(templateFile, 'utf8')).Resources) as {
    Type: string;
    // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
    Properties: any;
  }[];
  policies = new Map();
  for (const r of resources.filter((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')) {
    const config = r.Properties.ResponseHeadersPolicyConfig;
    const cls = /^Local Memory (\w+) responses/.exec(config.Comment)?.[1];
    if (cls) policies.set(cls, rendered(config));
  }
});

afterAll(() => {
  server?.close();
  for (const dir of [SITE_DIR, join(REPO_DIR, 'apps', 'landing', 'sourcemaps', OUT_NAME), ...temps])
    rmSync(dir, { recursive: true, force: true });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * CloudFront in front of the built site: the edge functions route, the synthesized policies set
 * the headers by path class, S3 answers files and the current download objects.
 * `broken`: what a bad deploy looks like (a page that answers 503).
 */
async function edge(options: { brokenPath?: string } = {}): Promise<string> {
  server?.close();
  const routing = loadFunction('site-routing.js');
  const time = loadFunction('api-time.js', NOW);
  const links = loadFunction('download-links.js', NOW);
  const window = timeWindowAt(NOW / 1000);
  const stub = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = policies.get(classifyPath(url.pathname)) ?? {};
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const event = { request: { method: req.method, uri: url.pathname, querystring: {} } };
    if (url.pathname.startsWith('/api/')) {
      const answer = time.handler(event);
      for (const [name, h] of Object.entries(answer.headers as Record<string, { value: string }>))
        res.setHeader(name, h.value);
      res.writeHead(answer.statusCode).end(answer.body.data);
      return;
    }
    if (url.pathname.startsWith('/downloads/')) {
      const routed = links.handler(event);
      const platform = url.pathname.split('/')[4] ?? '';
      const stored = url.pathname === `/${s3ObjectKey(SECRET, window, platform as 'linux')}`;
      res.writeHead(routed.statusCode ?? (stored ? 200 : 403)).end();
      return;
    }
    if (url.pathname === options.brokenPath) {
      res.writeHead(503).end('broken');
      return;
    }
    const routed = routing.handler(event);
    const file = join(SITE_DIR, routed.uri);
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.writeHead(200).end(readFileSync(file));
  });
  server = stub;
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
}

/** Run a step of release-site.mjs in a dry run; the AWS calls it would make, one per line. */
async function dryRun(
  argv: string[],
  env: Record<string, string> = { DOWNLOAD_SECRET: SECRET },
): Promise<{ code: number; calls: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--dry-run'], {
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    env: { ...env, FULFILMENT: 'browser' },
    now: () => NOW,
  });
  return { code, calls: out.filter((l) => l.startsWith('aws ')), err: err.join('\n') };
}

const siteArgs = (siteUrl: string, state: string) => [
  'site',
  '--state',
  state,
  '--site-dir',
  SITE_DIR,
  '--bucket',
  'site-bucket',
  '--distribution',
  'E2EXAMPLE',
  '--site-url',
  siteUrl,
  '--csp-facts',
  CSP_FACTS,
];

describe('the smoke test against the production build behind the synthesized policies', () => {
  it('passes: it expects exactly the deployed policy, the build’s style hashes included', async () => {
    expect(styleHashes.length).toBeGreaterThan(0);
    expect(scriptHashes.length).toBeGreaterThan(0);
    const siteUrl = await edge();
    expect(
      await smokeTest({
        siteUrl,
        mode: 'browser',
        secret: SECRET,
        styleHashes,
        scriptHashes,
        nowMs: NOW,
      }),
    ).toEqual([]);
  });

  it('would fail every page without the style hashes (what every production deploy did)', async () => {
    const siteUrl = await edge();
    const problems: string[] = await smokeTest({
      siteUrl,
      mode: 'browser',
      secret: SECRET,
      styleHashes: [],
      scriptHashes,
      nowMs: NOW,
    });
    expect(problems.filter((p) => p.includes('Content-Security-Policy'))).toHaveLength(4);
  });
});

describe('release-site.mjs (dry run)', () => {
  it('functions: TestFunction in DEVELOPMENT on every recorded event, then publish to LIVE', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const { code, calls } = await dryRun([
      'functions',
      '--state',
      state,
      '--stack',
      'LocalMemoryStorefront',
      '--template',
      templateFile,
    ]);
    expect(code).toBe(0);
    const names = [...new Set(calls.map((c) => /--name (\S+)/.exec(c)?.[1]).filter(Boolean))];
    // Browser fulfilment: routing, download links and the edge clock.
    expect(names).toHaveLength(3);
    for (const name of names) {
      const own = calls.filter(
        (c) => c.includes(`--name ${name} `) || c.endsWith(`--name ${name}`),
      );
      const verbs = own.map((c) => c.split(' ')[2]);
      expect(verbs[0]).toBe('get-function');
      expect(own[0]).toMatch(/--stage LIVE/);
      expect(verbs.slice(1, 3)).toEqual(['describe-function', 'update-function']);
      const tests = own.filter((c) => c.includes(' test-function '));
      expect(tests.length).toBeGreaterThanOrEqual(3);
      for (const t of tests) expect(t).toMatch(/--stage DEVELOPMENT --event-object fileb:\/\//);
      expect(verbs.at(-1)).toBe('publish-function');
      expect(verbs.indexOf('publish-function')).toBeGreaterThan(verbs.lastIndexOf('test-function'));
    }
  });

  it('functions: a live site that fails with the new functions gets the kept code back at once', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const siteUrl = await edge({ brokenPath: '/pricing' });
    const { code, calls, err } = await dryRun([
      'functions',
      '--state',
      state,
      '--stack',
      'LocalMemoryStorefront',
      '--template',
      templateFile,
      '--site-url',
      siteUrl,
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /fails with the new CloudFront Functions; rolling them back:\n- GET \/pricing: status 503/,
    );
    expect(err).toMatch(/::error::functions: Rolled back .* This deploy FAILED\./);
    const after = calls.slice(calls.findIndex((c) => c.includes(' describe-stacks ')) + 1);
    expect(
      after.filter((c) =>
        / update-function .*--function-code fileb:\/\/\S+\/functions\/\S+\.js$/.test(c),
      ),
    ).toHaveLength(3);
    expect(after.filter((c) => c.includes(' publish-function '))).toHaveLength(3);
    // Headers are not checked before the stack with the new policy is deployed.
    expect(err).not.toMatch(/Content-Security-Policy/);
  });

  it('functions: passes a live site that works with the new functions', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const { code, calls } = await dryRun([
      'functions',
      '--state',
      state,
      '--stack',
      'LocalMemoryStorefront',
      '--template',
      templateFile,
      '--site-url',
      await edge(),
    ]);
    expect(code).toBe(0);
    expect(calls.at(-1)).toMatch(/describe-stacks/);
  });

  it('site: keeps the live HTML, uploads assets before HTML, invalidates, and passes a good site', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const { code, calls } = await dryRun(siteArgs(await edge(), state));
    expect(code).toBe(0);
    expect(calls.map((c) => c.split(' ').slice(1, 3).join(' '))).toEqual([
      's3 sync',
      's3 sync',
      's3 sync',
      'cloudfront create-invalidation',
      'cloudfront wait',
    ]);
    expect(calls[0]).toMatch(
      /^aws s3 sync s3:\/\/site-bucket \S+previous-site --exclude 'assets\/\*'/,
    );
    expect(calls[1]).toMatch(/assets s3:\/\/site-bucket\/assets .*immutable/);
    expect(calls[2]).toMatch(/s3:\/\/site-bucket --exclude 'assets\/\*' --delete/);
  });

  it('site: a broken site fails loudly and the previous HTML and function code are put back', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const functions = await dryRun([
      'functions',
      '--state',
      state,
      '--stack',
      'LocalMemoryStorefront',
      '--template',
      templateFile,
    ]);
    expect(functions.code).toBe(0);
    const { code, calls, err } = await dryRun(
      siteArgs(await edge({ brokenPath: '/pricing' }), state),
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /::error::Smoke test of .* failed; rolling back:\n- GET \/pricing: status 503/,
    );
    expect(err).toMatch(/::error::Rolled back .* This deploy FAILED\./);
    const afterSmoke = calls.slice(5);
    expect(afterSmoke[0]).toMatch(
      /^aws s3 sync \S+previous-site s3:\/\/site-bucket --exclude 'assets\/\*' --delete --cache-control no-cache/,
    );
    const restored = afterSmoke.filter((c) => c.includes(' update-function '));
    expect(restored).toHaveLength(3);
    for (const c of restored)
      expect(c).toMatch(/--function-code fileb:\/\/\S+\/functions\/\S+\.js$/);
    expect(afterSmoke.filter((c) => c.includes(' publish-function '))).toHaveLength(3);
    expect(afterSmoke.at(-2)).toMatch(/create-invalidation/);
    expect(afterSmoke.at(-1)).toMatch(/wait invalidation-completed/);
  });

  it('refuses a missing option with usage (exit 2)', async () => {
    const { code, err } = await dryRun(['site', '--state', tmpdir()]);
    expect(code).toBe(2);
    expect(err).toMatch(/missing --site-dir, --bucket, --distribution, --site-url/);
  });

  it('refuses DOWNLOAD_SECRET and DOWNLOAD_SECRET_FILE together (never a silent choice), before any AWS call', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const secretFile = join(state, 'secret');
    writeFileSync(secretFile, `${SECRET}-from-the-file\n`);
    const { code, calls, err } = await dryRun(siteArgs('https://example.invalid', state), {
      DOWNLOAD_SECRET: SECRET,
      DOWNLOAD_SECRET_FILE: secretFile,
    });
    expect(code).toBe(2);
    expect(err).toMatch(/both DOWNLOAD_SECRET and DOWNLOAD_SECRET_FILE are set; set only one/);
    expect(calls).toEqual([]);
  });

  it('reads the secret from DOWNLOAD_SECRET_FILE alone', async () => {
    const state = mkdtempSync(join(tmpdir(), 'infra-release-state-'));
    temps.push(state);
    const secretFile = join(state, 'secret');
    writeFileSync(secretFile, `${SECRET}\n`);
    const { code } = await dryRun(siteArgs(await edge(), state), {
      DOWNLOAD_SECRET_FILE: secretFile,
    });
    expect(code).toBe(0);
  });
});
