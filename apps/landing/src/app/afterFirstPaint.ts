/**
 * Runs `start` once the browser has presented the page's first contentful paint, so work that
 * the prerendered page does not need to be seen (loading React) never competes with that paint.
 * Waiting a frame is not enough: the paint can be presented after the next frame's callbacks.
 * Runs at once where nothing will paint (a hidden tab) or paint timing is missing, when the tab
 * is hidden before it paints, and after `maxWaitMs` at the latest. Runs `start` only once.
 *
 * The limit is a safety net for a paint that is never reported, not a deadline for a slow one:
 * a page whose paint is merely presented late (a compositor stalled on a busy machine, seen in
 * Lighthouse traces as a full second between the paint and its presentation) shows nothing
 * until then anyway, and starting React before it only makes the script compete with that
 * paint (Lighthouse then counts the script's download and evaluation into FCP and LCP).
 */
export function afterFirstPaint(start: () => void, maxWaitMs = 3000): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    start();
  };
  const paints =
    typeof PerformanceObserver !== 'undefined' &&
    (PerformanceObserver.supportedEntryTypes?.includes('paint') ?? false);
  if (!paints || document.visibilityState === 'hidden') {
    once();
    return;
  }
  const observer = new PerformanceObserver((list) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    once();
  });
  observer.observe({ type: 'paint', buffered: true });
  document.addEventListener('visibilitychange', once, { once: true });
  setTimeout(once, maxWaitMs);
}
