import { activationCommand } from '@local-memory/download-keys';
import { describe, expect, it } from 'vitest';
import { composeLicenseEmail } from './licenseEmail.js';

const input = {
  licenseKey: 'LM-EB2B-6DAD-E6BB-93FE-C9D2',
  sessionId: 'cs_test_a1B2c3',
  siteUrl: 'https://localmemory.test',
  supportEmail: 'support@localmemory.test',
};

describe('composeLicenseEmail', () => {
  it('carries the key, command, Success page, setup docs and support in both parts', () => {
    const email = composeLicenseEmail(input);
    expect(email.text).toContain(
      "local-memory license activate 'LM-EB2B-6DAD-E6BB-93FE-C9D2' --accept-terms",
    );
    // The HTML escapes the quotes; a reader sees (and copies) the same command.
    expect(email.html).toContain(
      'local-memory license activate &#39;LM-EB2B-6DAD-E6BB-93FE-C9D2&#39; --accept-terms',
    );
    for (const part of [email.text, email.html]) {
      expect(part).toContain('LM-EB2B-6DAD-E6BB-93FE-C9D2');
      expect(part).toContain('https://localmemory.test/success?session_id=cs_test_a1B2c3');
      expect(part).toContain('https://localmemory.test/docs/setup');
      expect(part).toContain('https://localmemory.test/account');
      expect(part).toContain('support@localmemory.test');
      expect(part).not.toMatch(/X-Amz-|\/downloads\/\d+\//);
    }
  });

  it('escapes what goes into the HTML', () => {
    const email = composeLicenseEmail({ ...input, supportEmail: 'a<b>@x.test' });
    expect(email.html).toContain('a&lt;b&gt;@x.test');
    expect(email.html).not.toContain('a<b>@x.test');
  });
});

describe('activationCommand', () => {
  it('quotes a key and refuses anything that could leave the quotes', () => {
    expect(activationCommand('LM-EB2B-6DAD-E6BB-93FE-C9D2')).toBe(
      "local-memory license activate 'LM-EB2B-6DAD-E6BB-93FE-C9D2' --accept-terms",
    );
    expect(() => activationCommand("LM-1'; rm -rf ~; '")).toThrow(RangeError);
  });
});
