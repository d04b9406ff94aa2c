// cleanup through the CLI: the clock guard, and the windows it never deletes.
import { beforeEach, describe, expect, it } from 'vitest';
import { HOURS, ops, T0 } from './cliHarness.js';
import { type Backend, STORES, useStoreFixture } from './storeFixture.js';

const fx = useStoreFixture();

describe.each(STORES)('cleanup on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make(fx);
    env = backend.env;
  });

  it('cleanup refuses a clock or --at far from the last upload, and never deletes live windows', async () => {
    expect((await ops(['upload', fx.releaseA], env)).code).toBe(0);
    const before = await backend.snapshot();
    const ahead = await ops(['cleanup', '--at', String(T0 + 72 * HOURS), '--json'], env);
    expect(ahead.code).toBe(1);
    expect(ahead.json()).toMatchObject({ error: { code: 'CLOCK_SKEW' } });
    const clockAhead = await ops(['cleanup'], env, { now: T0 + 72 * HOURS });
    expect(clockAhead.code).toBe(1);
    expect(clockAhead.stderr).toMatch(/--i-know-the-clock/);
    expect(await backend.snapshot()).toEqual(before);
    // Even when told the clock is right, the newest windows stay.
    const forced = await ops(['cleanup', '--i-know-the-clock', '--json'], env, {
      now: T0 + 72 * HOURS,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json()).toMatchObject({ deletedWindows: [] });
    const verified = await ops(['verify', '--json'], env);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, checked: 8 });
  });
});
