import { describe, expect, it } from 'vitest';
import { downloadLinks, generateLicenseKey } from './browserFulfilment.server';

describe('the server-mode stand-in for in-browser derivation', () => {
  it('never makes a key or a link, and says why', () => {
    expect(() =>
      generateLicenseKey('cs_test_a1B2c3', 'UNIT-TEST-ONLY-landing-secret-0123456789'),
    ).toThrow(
      'generateLicenseKey is not part of a server-mode build: keys and download links come from the API.',
    );
    expect(() =>
      downloadLinks({
        secret: 'UNIT-TEST-ONLY-landing-secret-0123456789',
        baseUrl: '/downloads',
        unixSeconds: 0,
      }),
    ).toThrow(/downloadLinks is not part of a server-mode build/);
  });
});
