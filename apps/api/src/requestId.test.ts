import { describe, expect, it } from 'vitest';
import { useHarness } from './testing/harness.js';

const h = useHarness();

const idFor = async (header: string) =>
  (await h.request('/api/time', { headers: { 'x-request-id': header } })).headers.get(
    'x-request-id',
  );

describe('X-Request-Id', () => {
  it('keeps a client id of a safe form (letters, digits, dot, dash, underscore; 1 to 64)', async () => {
    for (const id of ['trace-me-123', 'a', 'Root.span_42-x', 'x'.repeat(64)]) {
      expect(await idFor(id)).toBe(id);
    }
  });

  it('replaces any other id with a generated one before it reaches the logs', async () => {
    for (const id of ['x'.repeat(65), 'a'.repeat(200), 'key=value', 'a b', 'caf\u00e9', '../x']) {
      const used = await idFor(id);
      expect(used).not.toBe(id);
      expect(used).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
