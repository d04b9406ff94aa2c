import { describe, expect, it } from 'vitest';
import { downloadHash } from './downloadHash.js';
import { s3ObjectKey } from './downloadLinks.js';
import { downloadHashReport, windowReport } from './reports.js';

const SECRET = 'REPORTS-TEST-ONLY-secret-0123456789abcdef';

describe('windowReport', () => {
  it('answers with the field names every CLI prints', () => {
    // 2025-08-24T00:00:00Z is the start of window 40648; windows are 12 hours.
    // A link handed out in window W works until cleanup deletes W, at the start of W + 5.
    expect(windowReport(1_755_993_600 + 60)).toEqual({
      timeWindow: 40648,
      windowStart: 1_755_993_600,
      windowEnd: 1_755_993_600 + 43_200,
      expiresAt: 1_755_993_600 + 43_200 * 5,
      uploadWindows: [40648, 40649],
      oldestRetainedWindow: 40644,
    });
  });
});

describe('downloadHashReport', () => {
  it('is the hash, file name and S3 key of the library functions', () => {
    expect(downloadHashReport(SECRET, 40648, 'linux', 'x/y')).toEqual({
      timeWindow: 40648,
      platform: 'linux',
      downloadHash: downloadHash(SECRET, 40648, 'linux'),
      filename: 'local-memory-linux.zip',
      s3Key: s3ObjectKey(SECRET, 40648, 'linux', 'x/y'),
    });
  });
});
