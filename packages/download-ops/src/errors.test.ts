import { describe, expect, it } from 'vitest';
import { causeChain, isOpsError, OpsError } from './errors.js';

describe('OpsError', () => {
  it('keeps its code and the error it explains', () => {
    const root = new Error('EACCES');
    const error = new OpsError('cannot read the manifest', 'BAD_MANIFEST', { cause: root });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'OpsError', code: 'BAD_MANIFEST', retryable: false });
    expect(error.cause).toBe(root);
    expect(isOpsError(error)).toBe(true);
    expect(isOpsError(error, 'NO_RELEASE', 'BAD_MANIFEST')).toBe(true);
    expect(isOpsError(error, 'NO_RELEASE')).toBe(false);
    expect(isOpsError(root)).toBe(false);
  });

  it('has no cause property unless given one', () => {
    expect('cause' in new OpsError('x', 'NO_BUCKET')).toBe(false);
  });

  it('lists the cause chain outermost first, and stops at a cycle', () => {
    const inner = new Error('socket hang up');
    const middle = new Error('fetch failed', { cause: inner });
    const outer = new OpsError('cannot download', 'FETCH_FAILED', { cause: middle });
    expect(causeChain(outer)).toEqual([outer, middle, inner]);
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(causeChain(a)).toEqual([a, b]);
  });
});
