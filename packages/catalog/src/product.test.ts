import { describe, expect, it } from 'vitest';
import { PRODUCT_COMMAND, PRODUCT_NAME, SUPPORT } from './product.js';

describe('product', () => {
  it('has a display name and a command name a shell needs no quotes for', () => {
    expect(PRODUCT_NAME).toBe('Local Memory');
    expect(PRODUCT_COMMAND).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('defaults the support address to a real-looking address an operator setting overrides', () => {
    // The landing build's check for VITE_SUPPORT_EMAIL (vite-plugins/storefrontConfig.ts).
    expect(SUPPORT.defaultEmail).toMatch(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/);
    expect(SUPPORT.apiVariable).toBe('SUPPORT_EMAIL');
    expect(SUPPORT.siteVariable).toBe('VITE_SUPPORT_EMAIL');
    expect(Object.isFrozen(SUPPORT)).toBe(true);
  });
});
