import { afterEach, describe, expect, it, vi } from 'vitest';

// Which app module start.tsx asked for, and when: a module's factory runs when it is imported.
const imported: string[] = [];
vi.mock('./App', () => {
  imported.push('App');
  return { App: () => null };
});
vi.mock('./SuccessApp', () => {
  imported.push('SuccessApp');
  return { SuccessApp: () => null };
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('start', () => {
  it('imports the app in a task after the one that evaluates React DOM, not in it', async () => {
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    vi.useFakeTimers();
    await import('./start');
    // Every import already asked for has settled; the app's has not been asked for.
    await vi.dynamicImportSettled();
    expect(imported).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
    await vi.waitFor(() => expect(imported).toEqual(['App']));
  });
});
