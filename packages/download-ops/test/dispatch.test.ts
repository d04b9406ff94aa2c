// The binaries-updated contract: the JSON Schema accepts the realistic sample and rejects broken
// payloads with readable errors; apply-dispatch fetches (file:// here), checks, uploads and
// verifies end to end against the local S3 server, and uploads nothing when a checksum is wrong.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { startTestS3, type TestS3 } from '@local-memory/testkit/s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { fetchArtifacts } from '../src/dispatch/fetch.js';
import { SCHEMA_PATH, validateDispatch } from '../src/dispatch/payload.js';
import { ops } from './cliHarness.js';
import {
  startEndlessServer,
  startHangingServer,
  startRedirectServer,
  startResettingServer,
} from './faultProxy.js';

const here = dirname(fileURLToPath(import.meta.url));
const samplePath = join(here, 'fixtures', 'binaries-updated.sample.json');
const sample = () => JSON.parse(readFileSync(samplePath, 'utf8')) as Record<string, unknown>;
type Artifact = { platform: string; name: string; size: number; sha256: string; url: string };
const artifactsOf = (payload: Record<string, unknown>) => payload.artifacts as Artifact[];
const artifactAt = (payload: Record<string, unknown>, index: number): Artifact => {
  const artifact = artifactsOf(payload)[index];
  if (!artifact) throw new Error(`the sample has no artifact ${index}`);
  return artifact;
};

describe('the binaries-updated schema', () => {
  it('accepts the realistic sample, which stays within GitHub’s 10 top-level properties', () => {
    expect(validateDispatch(sample())).toEqual([]);
    expect(Object.keys(sample()).length).toBeLessThanOrEqual(10);
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    expect(schema.maxProperties).toBeLessThanOrEqual(10);
    expect(Object.keys(schema.properties).length).toBeLessThanOrEqual(10);
  });

  it.each([
    [
      'no artifacts',
      (p: Record<string, unknown>) => delete p.artifacts,
      'the payload lacks "artifacts"',
    ],
    [
      'a short commit',
      (p: Record<string, unknown>) => (p.commit = 'abc1234'),
      'commit must match pattern',
    ],
    [
      'a version that is not semver',
      (p: Record<string, unknown>) => (p.version = 'latest'),
      'version must match pattern',
    ],
    [
      'an unknown property',
      (p: Record<string, unknown>) => (p.channel = 'beta'),
      'the payload has an unexpected property "channel"',
    ],
    [
      'an http run_url',
      (p: Record<string, unknown>) => (p.run_url = 'http://example.com/run'),
      'run_url must match pattern',
    ],
    [
      'a bad date',
      (p: Record<string, unknown>) => (p.released_at = 'yesterday'),
      'released_at must match format "date-time"',
    ],
    [
      'three artifacts',
      (p: Record<string, unknown>) => artifactsOf(p).pop(),
      'artifacts must NOT have fewer than 4 items',
    ],
    [
      'an upper-case checksum',
      (p: Record<string, unknown>) => (artifactAt(p, 0).sha256 = 'A'.repeat(64)),
      'artifacts.0.sha256 must match pattern',
    ],
    [
      'an unknown platform',
      (p: Record<string, unknown>) => (artifactAt(p, 1).platform = 'freebsd'),
      'artifacts.1.platform must be one of "macos", "windows", "linux", "universal"',
    ],
    [
      'a negative size',
      (p: Record<string, unknown>) => (artifactAt(p, 2).size = -1),
      'artifacts.2.size must be >= 22',
    ],
    [
      'a duplicated platform',
      (p: Record<string, unknown>) => {
        const a = artifactsOf(p);
        a[1] = { ...artifactAt(p, 0) };
      },
      'artifacts.1.platform "macos" appears twice',
    ],
    [
      'a name for another platform',
      (p: Record<string, unknown>) => (artifactAt(p, 0).name = 'local-memory-linux.zip'),
      'artifacts.0.name must be "local-memory-macos.zip" for platform macos',
    ],
    [
      '11 top-level properties',
      (p: Record<string, unknown>) => {
        for (const k of ['a', 'b', 'c', 'd']) p[k] = 1;
      },
      'the payload must NOT have more than 10 properties',
    ],
  ])('rejects %s with a readable error', (_what, breakIt, message) => {
    const payload = sample();
    breakIt(payload);
    const problems = validateDispatch(payload);
    expect(problems.join('\n')).toContain(message);
  });

  it('rejects what is not an object at all', () => {
    expect(validateDispatch(null)).toEqual(['the payload must be object']);
    expect(validateDispatch('binaries-updated')).toEqual(['the payload must be object']);
  });
});

/** Test only: the payloads here point at file:// URLs, which production refuses. */
const FILE_OK = { io: { fetchPolicy: { allowFileUrls: true } } };

describe('validate-dispatch and apply-dispatch', () => {
  let s3: TestS3;
  let release: string;
  let work: string;

  /** A payload for the ZIPs in `release`, fetched through file:// URLs. */
  const localPayload = (): Record<string, unknown> => ({
    ...sample(),
    artifacts: PLATFORMS.map((platform) => {
      const name = PLATFORM_CATALOGUE[platform].filename;
      const file = join(release, name);
      return {
        platform,
        name,
        size: statSync(file).size,
        sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
        url: pathToFileURL(file).href,
      };
    }),
  });
  const writePayload = (payload: unknown, name = 'payload.json') => {
    const file = join(work, name);
    writeFileSync(file, JSON.stringify(payload));
    return file;
  };

  beforeAll(async () => {
    s3 = await startTestS3();
    release = mkdtempSync(join(tmpdir(), 'release-'));
    work = mkdtempSync(join(tmpdir(), 'dispatch-'));
    await makeDemoRelease(release);
  });
  afterAll(async () => {
    await s3?.stop();
    rmSync(release, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('validate-dispatch reads the payload or the whole repository_dispatch event', async () => {
    const ok = await ops(['validate-dispatch', samplePath, '--json'], {});
    expect(ok.code).toBe(0);
    expect(ok.json()).toEqual({ valid: true, problems: [] });
    const event = writePayload(
      { action: 'binaries-updated', client_payload: sample(), repository: {} },
      'event.json',
    );
    expect((await ops(['validate-dispatch', event], {})).code).toBe(0);
    const broken = writePayload({ ...sample(), commit: 'nope' }, 'broken.json');
    const bad = await ops(['validate-dispatch', broken], {});
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('commit must match pattern');
    const missing = await ops(['validate-dispatch', join(work, 'absent.json')], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*absent\.json/);
  });

  it('apply-dispatch fetches, checks, uploads and verifies against S3', async () => {
    const bucket = await s3.bucket();
    const env = { ...s3.env, S3_BUCKET: bucket };
    const run = await ops(['apply-dispatch', writePayload(localPayload()), '--json'], env, FILE_OK);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const out = run.json<{
      version: string;
      uploaded: { uploaded: string[] };
      verified: { ok: boolean; checked: number };
    }>();
    expect(out.version).toBe('1.4.2');
    expect(out.uploaded.uploaded).toHaveLength(8);
    expect(out.verified).toMatchObject({ ok: true, checked: 8 });
    // The same dispatch again changes nothing; with force it uploads every object again.
    const again = await ops(
      ['apply-dispatch', writePayload(localPayload()), '--json'],
      env,
      FILE_OK,
    );
    expect(again.json<{ uploaded: { uploaded: string[] } }>().uploaded.uploaded).toEqual([]);
    const forced = await ops(
      ['apply-dispatch', writePayload({ ...localPayload(), force: true }), '--json'],
      env,
      FILE_OK,
    );
    expect(forced.json<{ uploaded: { uploaded: string[] } }>().uploaded.uploaded).toHaveLength(8);
  });

  it('apply-dispatch --dry-run fetches and checks, then changes nothing', async () => {
    const bucket = await s3.bucket();
    const run = await ops(
      ['apply-dispatch', writePayload(localPayload()), '--dry-run', '--json'],
      { ...s3.env, S3_BUCKET: bucket },
      FILE_OK,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ version: '1.4.2', uploaded: { dryRun: true } });
    expect(run.json<{ uploaded: { uploaded: string[] } }>().uploaded.uploaded).toHaveLength(8);
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('apply-dispatch uploads nothing when a fetched ZIP does not match its checksum', async () => {
    const bucket = await s3.bucket();
    const payload = localPayload();
    artifactAt(payload, 2).sha256 = '0'.repeat(64);
    const run = await ops(
      ['apply-dispatch', writePayload(payload)],
      { ...s3.env, S3_BUCKET: bucket },
      FILE_OK,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /local-memory-linux\.zip .* does not match the payload.*nothing was uploaded/,
    );
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('apply-dispatch refuses an invalid payload before touching the store', async () => {
    const run = await ops(['apply-dispatch', writePayload({ ...sample(), artifacts: [] })], {
      S3_BUCKET: 'never-contacted',
      S3_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('artifacts must NOT have fewer than 4 items');
    expect(run.stderr).not.toMatch(/cannot reach/);
  });
});

describe('fetchArtifacts at the wire', () => {
  // The payload names https:// hosts; the `fetch` given maps them to loopback test servers, the
  // way DNS would, so the library's own policy (https only) is what is tested.
  let dir: string;
  const macos = PLATFORM_CATALOGUE.macos.filename;
  let bytes: Buffer;
  const payloadFor = (url: string) =>
    ({
      ...sample(),
      artifacts: [
        {
          platform: 'macos',
          name: macos,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          url,
        },
      ],
    }) as unknown as import('../src/dispatch/payload.js').BinariesUpdatedPayload;
  const via =
    (origin: string): typeof fetch =>
    (input, init) =>
      fetch(`${origin}${new URL(String(input)).pathname}`, init);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    await makeDemoRelease(dir);
    bytes = readFileSync(join(dir, macos));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops reading once the declared size is exceeded', async () => {
    const endless = await startEndlessServer(64 * 1024 * 1024);
    const work = mkdtempSync(join(dir, 'work-'));
    await expect(
      fetchArtifacts(payloadFor(`https://assets.example.test/${macos}`), work, {
        fetch: via(endless.origin),
      }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await endless.stop();
    expect(endless.stats.bytesSent).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a redirect to http:// without following it', async () => {
    const redirect = await startRedirectServer(`http://assets.example.test/${macos}`);
    const work = mkdtempSync(join(dir, 'work-'));
    await expect(
      fetchArtifacts(payloadFor(`https://assets.example.test/${macos}`), work, {
        fetch: via(redirect.origin),
      }),
    ).rejects.toMatchObject({ code: 'UNSAFE_URL' });
    await redirect.stop();
    expect(redirect.stats.connections).toBe(1);
  });

  it('retries connection resets (the code is in error.cause) and lands the file', async () => {
    const resetting = await startResettingServer(2, bytes);
    const work = mkdtempSync(join(dir, 'work-'));
    await fetchArtifacts(payloadFor(`https://assets.example.test/${macos}`), work, {
      fetch: via(resetting.origin),
    });
    await resetting.stop();
    expect(resetting.stats.connections).toBe(3);
    expect(readFileSync(join(work, macos))).toEqual(bytes);
  });

  it('gives up on a server that never answers, after its attempts', async () => {
    const hanging = await startHangingServer();
    const work = mkdtempSync(join(dir, 'work-'));
    await expect(
      fetchArtifacts(payloadFor(`https://assets.example.test/${macos}`), work, {
        fetch: via(hanging.origin),
        idleTimeoutMs: 200,
        retry: { attempts: 2, baseDelayMs: 10 },
      }),
    ).rejects.toMatchObject({
      code: 'FETCH_FAILED',
      message: expect.stringMatching(/sent nothing for 0.2 s.*2 attempts/),
    });
    await hanging.stop();
  }, 20_000);

  it('retries a 503 answer and lands the file; a 404 is final, kept as the cause', async () => {
    const { createServer } = await import('node:http');
    let requests = 0;
    const statuses = [503, 503];
    const server = createServer((request, response) => {
      requests++;
      const status = request.url?.endsWith('/missing.zip') ? 404 : statuses.shift();
      if (status !== undefined) {
        response.writeHead(status).end();
        return;
      }
      response.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    try {
      const work = mkdtempSync(join(dir, 'work-'));
      const retried: number[] = [];
      await fetchArtifacts(payloadFor(`https://assets.example.test/${macos}`), work, {
        fetch: via(origin),
        retry: { baseDelayMs: 10 },
        log: (line) => {
          if (line.startsWith('retrying')) retried.push(retried.length + 1);
        },
      });
      expect(requests).toBe(3);
      expect(retried).toEqual([1, 2]);
      expect(readFileSync(join(work, macos))).toEqual(bytes);

      requests = 0;
      const failed = fetchArtifacts(
        payloadFor('https://assets.example.test/missing.zip'),
        mkdtempSync(join(dir, 'work-')),
        { fetch: via(origin), retry: { baseDelayMs: 10 } },
      );
      await expect(failed).rejects.toMatchObject({
        code: 'FETCH_FAILED',
        cause: { code: 'HTTP_STATUS', message: expect.stringMatching(/answered 404$/) },
      });
      expect(requests).toBe(1);
    } finally {
      server.close();
    }
  });
});
