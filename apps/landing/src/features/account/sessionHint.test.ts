import { describe, expect, it } from 'vitest';
import { forgetSession, type HintStore, mayBeSignedIn, rememberSession } from './sessionHint';

function memory(): HintStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const broken: HintStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the session hint', () => {
  it('says "maybe signed in" until the session’s absolute end, and only then', () => {
    const store = memory();
    expect(mayBeSignedIn(1_000, store)).toBe(false);
    rememberSession(2_000, store);
    expect(mayBeSignedIn(1_999, store)).toBe(true);
    expect(mayBeSignedIn(2_000, store)).toBe(false);
    forgetSession(store);
    expect(mayBeSignedIn(1_000, store)).toBe(false);
  });

  it('keeps nothing but the end time', () => {
    const store = memory();
    rememberSession(2_000, store);
    expect([...store.items.values()]).toEqual(['2000']);
  });

  it('treats garbage and a storage that throws as "not signed in", never as an error', () => {
    const store = memory();
    store.setItem('lm-account-session-ends', 'soon');
    expect(mayBeSignedIn(1_000, store)).toBe(false);
    expect(mayBeSignedIn(1_000, broken)).toBe(false);
    expect(() => rememberSession(2_000, broken)).not.toThrow();
    expect(() => forgetSession(broken)).not.toThrow();
    expect(mayBeSignedIn(1_000, null)).toBe(false);
  });
});
