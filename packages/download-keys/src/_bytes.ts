// The one place strings become bytes: UTF-8, exactly like Go's []byte(s).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** @internal lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function _sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
