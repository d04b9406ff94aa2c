import { describe, expect, it } from 'vitest';
import { detectPlatform } from './detectPlatform';

const UA = {
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  windows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  linux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
};

describe('detectPlatform', () => {
  it('recognises desktop macOS, Windows and Linux', () => {
    expect(detectPlatform({ userAgent: UA.mac, platform: 'MacIntel', maxTouchPoints: 0 })).toBe(
      'macos',
    );
    expect(detectPlatform({ userAgent: UA.windows, platform: 'Win32' })).toBe('windows');
    expect(detectPlatform({ userAgent: UA.linux, platform: 'Linux x86_64' })).toBe('linux');
  });

  it('prefers client hints when the browser offers them', () => {
    expect(
      detectPlatform({
        userAgent: 'Mozilla/5.0',
        userAgentData: { platform: 'Windows', mobile: false },
      }),
    ).toBe('windows');
    expect(
      detectPlatform({ userAgent: UA.linux, userAgentData: { platform: 'Android', mobile: true } }),
    ).toBeNull();
  });

  it('recommends nothing on phones, tablets, Chromebooks and unknown devices', () => {
    expect(detectPlatform({ userAgent: UA.android, platform: 'Linux armv8l' })).toBeNull();
    expect(detectPlatform({ userAgent: UA.iphone, platform: 'iPhone' })).toBeNull();
    // iPadOS 13+ reports a Mac user agent but has a touch screen.
    expect(
      detectPlatform({ userAgent: UA.mac, platform: 'MacIntel', maxTouchPoints: 5 }),
    ).toBeNull();
    expect(detectPlatform({ userAgent: UA.chromebook })).toBeNull();
    expect(detectPlatform({ userAgent: 'curl/8.5.0' })).toBeNull();
  });
});
