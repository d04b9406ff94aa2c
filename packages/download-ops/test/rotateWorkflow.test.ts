// The scheduled rotation (.github/workflows/rotate-downloads.yml) runs the verify the operations
// guide promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the scheduled rotation verifies cheaply every run and deeply once a day', () => {
  it('runs verify and, on the daily run, verify --deep', () => {
    const workflow = readFileSync(
      join(import.meta.dirname, '../../../.github/workflows/rotate-downloads.yml'),
      'utf8',
    );
    expect(workflow).toMatch(/cli\.js verify\n/);
    expect(workflow).toMatch(/cli\.js verify --deep/);
  });
});
