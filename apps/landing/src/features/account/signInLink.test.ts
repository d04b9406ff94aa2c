import { describe, expect, it, vi } from 'vitest';
import { type AddressBar, takeSignInToken } from './signInLink';

function bar(hash: string, search = '') {
  const replaceState = vi.fn();
  const address: AddressBar = {
    location: { pathname: '/account', search, hash },
    history: { replaceState },
  };
  return { address, replaceState };
}

describe('takeSignInToken', () => {
  it('returns the token and removes the fragment, keeping the path and query', () => {
    const { address, replaceState } = bar('#link=v1.abc_DEF-123.sig', '?utm=mail');
    expect(takeSignInToken(address)).toBe('v1.abc_DEF-123.sig');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/account?utm=mail');
  });

  it('leaves an address without a sign-in link alone', () => {
    for (const hash of ['', '#', '#main', '#linked=x']) {
      const { address, replaceState } = bar(hash);
      expect(takeSignInToken(address)).toBeNull();
      expect(replaceState).not.toHaveBeenCalled();
    }
  });

  it.each([
    ['empty', '#link='],
    ['broken percent-encoding', '#link=%E0%A4%A'],
    ['a space in it', '#link=abc%20def'],
    ['longer than any token', `#link=${'a'.repeat(2049)}`],
  ])('gives "" for a link that cannot be a token (%s), and still removes it', (_name, hash) => {
    const { address, replaceState } = bar(hash);
    expect(takeSignInToken(address)).toBe('');
    expect(replaceState).toHaveBeenCalledOnce();
  });
});
