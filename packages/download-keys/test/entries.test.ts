// The built entries share one error module (issue #13, item 8): an error thrown by `./node` or
// `./lease` is an instance of the classes `.` exports, in ESM and in CommonJS alike.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Index = typeof import('../src/index.js');
type Node = typeof import('../src/node/index.js');
type Lease = typeof import('../src/lease.js');

const require = createRequire(import.meta.url);

async function thrownBy(node: Node): Promise<unknown> {
  try {
    await node.readConfiguredSecret({});
  } catch (error) {
    return error;
  }
  throw new Error('readConfiguredSecret({}) did not throw');
}

describe.each([
  [
    'ESM',
    async () => [
      (await import('../dist/index.js' as string)) as Index,
      (await import('../dist/node.js' as string)) as Node,
      (await import('../dist/lease.js' as string)) as Lease,
    ],
  ],
  [
    'CommonJS',
    async () => [
      require('../dist/index.cjs') as Index,
      require('../dist/node.cjs') as Node,
      require('../dist/lease.cjs') as Lease,
    ],
  ],
] as const)('built %s entries', (_format, load) => {
  it('an error from ./node is instanceof the classes of .', async () => {
    const [index, node] = (await load()) as [Index, Node];
    const error = await thrownBy(node);
    expect(error).toBeInstanceOf(index.DownloadKeysTypeError);
    expect(index.isDownloadKeysError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('INVALID_SECRET');
    const range = (() => {
      try {
        node.parseBase10Integer('010', '--window');
      } catch (e) {
        return e;
      }
    })();
    expect(range).toBeInstanceOf(index.DownloadKeysRangeError);
    expect(index.isDownloadKeysError(range)).toBe(true);
  });
  it('an error from ./lease is instanceof the classes of .', async () => {
    const [index, , lease] = (await load()) as [Index, Node, Lease];
    let error: unknown;
    try {
      lease.verifyLease('v4.local.x.y', {}, { now: 0, implicit: lease.LEASE_IMPLICIT });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(index.DownloadKeysRangeError);
    expect((error as { code: string }).code).toBe('WRONG_PURPOSE');
  });
});
