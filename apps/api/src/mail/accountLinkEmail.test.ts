import { describe, expect, it } from 'vitest';
import { accountLinkUrl, composeAccountLinkEmail } from './accountLinkEmail.js';

const input = {
  token: 'AAAAAAAAAAAAAAAAAAAAAA.1900000000.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  siteUrl: 'https://localmemory.test',
  supportEmail: 'support@localmemory.test',
  validMinutes: 15,
};

describe('composeAccountLinkEmail', () => {
  it('carries the one-time link as a fragment, its lifetime and support in both parts', () => {
    const email = composeAccountLinkEmail(input);
    expect(email.subject).toBe('Your Local Memory sign-in link');
    const link = `https://localmemory.test/account#link=${input.token}`;
    expect(accountLinkUrl(input.siteUrl, input.token)).toBe(link);
    for (const part of [email.text, email.html]) {
      expect(part).toContain(link);
      expect(part).toContain('works once, for 15 minutes');
      expect(part).toContain('support@localmemory.test');
      expect(part).not.toMatch(/\?link=/);
    }
  });

  it('escapes what goes into the HTML', () => {
    const email = composeAccountLinkEmail({ ...input, supportEmail: 'a<b>@x.test' });
    expect(email.html).toContain('a&lt;b&gt;@x.test');
    expect(email.html).not.toContain('a<b>@x.test');
  });
});
