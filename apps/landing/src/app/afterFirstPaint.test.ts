import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from './afterFirstPaint';

/** A PerformanceObserver whose paint entries the test hands out. */
class FakeObserver {
  static supportedEntryTypes: readonly string[] = ['paint', 'navigation'];
  static current: FakeObserver | null = null;
  observed: unknown = null;
  disconnected = false;
  constructor(readonly callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {
    FakeObserver.current = this;
  }
  observe(options: unknown) {
    this.observed = options;
  }
  disconnect() {
    this.disconnected = true;
  }
  paint(name: string) {
    this.callback({ getEntriesByName: (wanted) => (wanted === name ? [{ name }] : []) });
  }
}

let visibility: DocumentVisibilityState = 'visible';
beforeEach(() => {
  vi.useFakeTimers();
  FakeObserver.current = null;
  FakeObserver.supportedEntryTypes = ['paint', 'navigation'];
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('afterFirstPaint', () => {
  it('waits for the first contentful paint, not the first paint, then runs once', () => {
    const start = vi.fn();
    afterFirstPaint(start);
    const observer = FakeObserver.current as FakeObserver;
    expect(observer.observed).toEqual({ type: 'paint', buffered: true });
    observer.paint('first-paint');
    expect(start).not.toHaveBeenCalled();
    observer.paint('first-contentful-paint');
    expect(start).toHaveBeenCalledTimes(1);
    expect(observer.disconnected).toBe(true);
    vi.advanceTimersByTime(5000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('runs at once in a hidden tab, which does not paint', () => {
    visibility = 'hidden';
    const start = vi.fn();
    afterFirstPaint(start);
    expect(start).toHaveBeenCalledTimes(1);
    expect(FakeObserver.current).toBeNull();
  });

  it('runs at once where the browser has no paint timing', () => {
    FakeObserver.supportedEntryTypes = ['navigation'];
    const start = vi.fn();
    afterFirstPaint(start);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('runs when the tab is hidden before it paints', () => {
    const start = vi.fn();
    afterFirstPaint(start);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('waits three seconds by default for a paint that is presented late', () => {
    const start = vi.fn();
    afterFirstPaint(start);
    vi.advanceTimersByTime(2999);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('waits no longer than its limit for a paint that does not come', () => {
    const start = vi.fn();
    afterFirstPaint(start, 1000);
    vi.advanceTimersByTime(999);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(start).toHaveBeenCalledTimes(1);
    FakeObserver.current?.paint('first-contentful-paint');
    expect(start).toHaveBeenCalledTimes(1);
  });
});
