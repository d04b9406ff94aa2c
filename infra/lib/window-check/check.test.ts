/**
 * The window check on a real store (download-ops' folder store, the same layout as S3): complete
 * after an upload, incomplete when an object is deleted, when the windows moved on without a
 * rotation, or when the store cannot be read; and the metric line CloudWatch turns into the metric.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ObjectKey, uploadWindows } from '@local-memory/download-keys';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWindows, metricLine, WINDOW_METRIC } from './check';

// A test-only secret, generated for this file (never a real one).
const SECRET = 'window-check-test-secret-0123456789abcdef';
const PREFIX = 'downloads';
const NOW = 1_755_993_600; // a window boundary
const HALF_DAY = 12 * 3600;

let root: string;
let store: FsStore;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'window-check-'));
  const release = join(root, 'release');
  await makeDemoRelease(release);
  store = new FsStore(join(root, 'store'));
  await upload({ store, secret: SECRET, prefix: PREFIX, now: NOW }, { releaseDir: release });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkWindows', () => {
  it('is complete right after an upload of the current and next window', async () => {
    const result = await checkWindows({ store, secret: SECRET, prefix: PREFIX, now: NOW });
    expect(result).toEqual({ complete: 1, windows: uploadWindows(NOW), problems: [] });
  });

  it('is incomplete when the next window has not been rotated in yet', async () => {
    const result = await checkWindows({
      store,
      secret: SECRET,
      prefix: PREFIX,
      now: NOW + HALF_DAY,
    });
    expect(result.complete).toBe(0);
    const next = uploadWindows(NOW + HALF_DAY)[1];
    expect(result.problems).toContain(`window ${next} linux: missing`);
    // Problems name the window and platform, never the key (which holds the download hash).
    for (const line of result.problems) expect(line).not.toMatch(/[0-9a-f]{32}/);
  });

  it('is incomplete when one object of the current window is gone', async () => {
    const [current] = uploadWindows(NOW);
    await store.deleteMany([s3ObjectKey(SECRET, current as number, 'macos', PREFIX)]);
    const result = await checkWindows({ store, secret: SECRET, prefix: PREFIX, now: NOW });
    expect(result.complete).toBe(0);
    expect(result.problems).toEqual([`window ${current} macos: missing`]);
  });

  it('is incomplete, with the reason, when there is no release at all', async () => {
    const empty = new FsStore(join(root, 'empty'));
    const result = await checkWindows({ store: empty, secret: SECRET, prefix: PREFIX, now: NOW });
    expect(result.complete).toBe(0);
    expect(result.problems[0]).toMatch(/^verify failed/);
  });
});

describe('metricLine', () => {
  it('is embedded metric format naming the metric the alarm watches', () => {
    const line = JSON.parse(
      metricLine('LocalMemoryStorefront', { complete: 0, windows: [1, 2], problems: ['x'] }, 5),
    );
    expect(line._aws).toEqual({
      Timestamp: 5,
      CloudWatchMetrics: [
        {
          Namespace: WINDOW_METRIC.namespace,
          Dimensions: [[WINDOW_METRIC.dimension]],
          Metrics: [{ Name: WINDOW_METRIC.name, Unit: 'Count' }],
        },
      ],
    });
    expect(line[WINDOW_METRIC.dimension]).toBe('LocalMemoryStorefront');
    expect(line[WINDOW_METRIC.name]).toBe(0);
  });
});
