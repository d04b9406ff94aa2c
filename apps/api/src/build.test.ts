// What the API ships: the three entries of tsup.config.ts (app, node, lambda) and nothing of the
// testkit. Runs after the build (turbo's test depends on build).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ENTRIES } from '../tsup.config.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * What only a test double brings: its start functions, its routes, and the servers it imports
 * (as esbuild writes a module specifier; production messages may name dynalite in prose).
 */
const TEST_DOUBLE_MARKERS = [
  '@local-memory/testkit',
  'startStripeStandin',
  '/_standin/',
  'startMailbox',
  '"smtp-server"',
  'startLocalDynamo',
  'startTransactProxy',
  '"dynalite"',
  'startFaultProxy',
  'startHangingServer',
  'startAwsJsonStandin',
  'startTestS3',
  '"s3rver"',
];

/** Every `file: marker` of a test double found in the JavaScript files of `dir`. */
function testDoublesIn(dir: string): string[] {
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.(js|mjs)$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const marker of TEST_DOUBLE_MARKERS)
      if (text.includes(marker)) found.push(`${file}: ${marker}`);
  }
  return found;
}

describe('the API build', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'lm-api-build-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has exactly three entries: app, node and lambda', () => {
    expect(Object.keys(API_ENTRIES).sort()).toEqual(['app', 'lambda', 'node']);
  });

  it('emits those entries and no test double into dist/', () => {
    const files = readdirSync(dist);
    // Beside the entries only what esbuild splits off (chunk-*, and the backfill command that
    // node.js loads on demand), each with its source map; no declaration file.
    const entries = files.filter((f) => f.endsWith('.js') && !/-[A-Z0-9]{8}\.js$/.test(f)).sort();
    expect(entries).toEqual(['app.js', 'lambda.js', 'node.js']);
    expect(files.filter((f) => !/\.js(\.map)?$/.test(f))).toEqual([]);
    expect(testDoublesIn(dist)).toEqual([]);
  });

  it('the check finds a test double bundled into a file', () => {
    writeFileSync(join(scratch, 'chunk-X.js'), 'export async function startMailbox() {}\n');
    writeFileSync(join(scratch, 'app.js'), 'import "@local-memory/testkit/dynamo";\n');
    writeFileSync(join(scratch, 'node.js'), 'import dynalite from "dynalite";\n');
    expect(testDoublesIn(scratch).sort()).toEqual([
      'app.js: @local-memory/testkit',
      'chunk-X.js: startMailbox',
      'node.js: "dynalite"',
    ]);
  });
});
