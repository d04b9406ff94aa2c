import { describe, expect, it } from 'vitest';
import { activationCommand } from './activation.js';
import { DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

describe('activationCommand', () => {
  it('quotes the key in the CLI command', () => {
    expect(activationCommand('LM-EB2B-6DAD-E6BB-93FE-C9D2')).toBe(
      "local-memory license activate 'LM-EB2B-6DAD-E6BB-93FE-C9D2' --accept-terms",
    );
    expect(activationCommand('YOUR-LICENSE-KEY')).toBe(
      "local-memory license activate 'YOUR-LICENSE-KEY' --accept-terms",
    );
  });

  it('refuses what a quote could be broken out of, and what is not a string', () => {
    for (const bad of ["LM-1'; rm -rf ~; '", '', 'LM 1', 'LM-$(id)'])
      expect(() => activationCommand(bad)).toThrow(DownloadKeysRangeError);
    expect(() => activationCommand(42 as unknown as string)).toThrow(DownloadKeysTypeError);
  });
});
