// The one place strings become bytes: UTF-8, exactly like Go's []byte(s).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** @internal lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function _sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** @internal UTF-8 bytes of `text`. */
export function _utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/** @internal the text of UTF-8 `bytes`, or null when they are not valid UTF-8. */
export function _fromUtf8(bytes: Uint8Array): string | null {
  try {
    // Fatal: invalid UTF-8 is refused, never replaced; a BOM is kept as text (Go keeps it too).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
