// Both CLIs speak one language: for the same question the TypeScript CLI (`download-keys`) and the
// Go reference CLI (`local-memory-ref`) print the same JSON (field names and Unix-second values)
// and exit with the same code. The questions download-ops answers too (`window`, `hash`) are asked
// of all three CLIs in packages/download-ops/test/cli-agreement.test.ts, which can see them all.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { buildGoReference } from '../scripts/build-go.mjs';
import { type CliIo, main } from '../src/cli/main.js';

const SECRET = 'AGREEMENT-TEST-ONLY-secret-0123456789abcdef';
const NOW = 1_755_993_600 + 1234;
const binary = buildGoReference() as string;

async function ts(argv: string[], env: Record<string, string>) {
  let stdout = '';
  const io: CliIo = {
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, json: argv.includes('--json') && stdout ? JSON.parse(stdout) : undefined };
}

function go(argv: string[], env: Record<string, string>) {
  const run = spawnSync(binary, argv, { env, encoding: 'utf8' });
  return {
    code: run.status,
    json: argv.includes('--json') && run.stdout ? JSON.parse(run.stdout) : undefined,
  };
}

/** The same question in each CLI's command names. */
const pairs: Array<{ name: string; ts: string[]; go: string[]; env?: Record<string, string> }> = [
  {
    name: 'license generate',
    ts: ['license', 'generate', '--session-id', 'cs_test_abc'],
    go: ['license', 'generate', '--session-id', 'cs_test_abc'],
  },
  {
    name: 'bad session id',
    ts: ['license', 'generate', '--session-id', 'pi_123'],
    go: ['license', 'generate', '--session-id', 'pi_123'],
  },
  {
    name: 'no secret',
    ts: ['license', 'generate', '--session-id', 'cs_test_abc'],
    go: ['license', 'generate', '--session-id', 'cs_test_abc'],
    env: { DOWNLOAD_SECRET: '' },
  },
  {
    name: 'both secret sources',
    ts: ['license', 'generate', '--session-id', 'cs_test_abc'],
    go: ['license', 'generate', '--session-id', 'cs_test_abc'],
    env: { DOWNLOAD_SECRET_FILE: '/etc/hostname' },
  },
  {
    name: 'short secret',
    ts: ['license', 'generate', '--session-id', 'cs_test_abc'],
    go: ['license', 'generate', '--session-id', 'cs_test_abc'],
    env: { DOWNLOAD_SECRET: 'short' },
  },
];

describe('the TypeScript and Go CLIs agree', () => {
  it.each(pairs)('$name: same JSON, same exit code', async (p) => {
    const env = { DOWNLOAD_SECRET: SECRET, ...p.env };
    const a = await ts([...p.ts, '--json'], env);
    const b = go([...p.go, '--json'], env);
    expect(a.code).toBe(b.code);
    if (a.json?.error) {
      // Messages are each CLI's own words; the code is shared.
      expect(b.json?.error?.code).toBe(a.json.error.code);
    } else {
      expect(a.json).toEqual(b.json);
    }
    expect(JSON.stringify(a.json ?? '')).not.toContain(SECRET);
  });

  it.each([
    [['--help'], ['--help']],
    [
      ['help', 'license', 'validate'],
      ['help', 'license', 'validate'],
    ],
    [
      ['license', 'validate', '--help'],
      ['license', 'validate', '--help'],
    ],
    [['--version'], ['--version']],
    [[], []],
    [['frobnicate'], ['frobnicate']],
    [['license'], ['license']],
  ])('%j exits alike', async (tsArgs, goArgs) => {
    expect((await ts(tsArgs, {})).code).toBe(go(goArgs, {}).code);
  });

  it('license validate: same verdict for every odd input in the vectors', async () => {
    const inputs = JSON.parse(
      readFileSync(new URL('../vectors/license-key-inputs.json', import.meta.url), 'utf8'),
    ).cases as Array<{ id: string; input: string }>;
    // NUL cannot travel in argv; the vectors cover it through the batch protocol.
    const usable = inputs.filter((c) => !c.input.includes('\u0000') && c.input !== '');
    expect(usable.length).toBeGreaterThan(100);
    const env = { DOWNLOAD_SECRET: SECRET };
    for (const c of usable) {
      const args = ['license', 'validate', c.input, '--session-id', 'cs_test_12345', '--json'];
      const a = await ts(args, env);
      const b = go(args, env);
      // An input starting with "-" reads as an option in both: a usage error, in each CLI's words.
      const shape = (r: { code: number | null; json?: { error?: { code: string } } }) => ({
        id: c.id,
        code: r.code,
        json: r.json?.error ? r.json.error.code : r.json,
      });
      expect(shape(a)).toEqual(shape(b));
    }
  });
});
