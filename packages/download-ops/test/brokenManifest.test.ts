// A broken release manifest: commands that need it fail with one clear line; cleanup still runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { ops } from './cliHarness.js';
import { type Backend, STORES, useStoreFixture } from './storeFixture.js';

const fx = useStoreFixture();

describe.each(STORES)('the release manifest on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make(fx);
    env = backend.env;
  });

  it('a malformed release.json is BAD_MANIFEST (exit 1, one line); cleanup still runs', async () => {
    expect((await ops(['upload', fx.releaseA], env)).code).toBe(0);
    await backend.write('downloads/release.json', '{"schemaVersion":1,"artifacts":{}}');
    for (const command of ['verify', 'rotate']) {
      const run = await ops([command, '--json'], env);
      expect(run.code, command).toBe(1);
      expect(run.json(), command).toMatchObject({ error: { code: 'BAD_MANIFEST' } });
      expect(run.stderr.trim().split('\n'), command).toHaveLength(1);
      expect(run.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    }
    const cleaned = await ops(['cleanup', '--json'], env);
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(cleaned.json()).toMatchObject({ manifest: 'invalid', deletedWindows: [] });
  });
});
