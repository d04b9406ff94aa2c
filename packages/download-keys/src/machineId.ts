/**
 * The machine id a lease is bound to (docs/algorithms.md, "Machine id").
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { _base64urlEncode } from './_base64url.js';
import { _utf8 } from './_bytes.js';
import { _describe, DownloadKeysTypeError } from './errors.js';

const MESSAGE = 'local-memory';

/**
 * The machine id of a lease: base64url (no padding) of the first 16 bytes of
 * HMAC-SHA256(key = the OS machine id, message = `local-memory`). The raw OS id never leaves
 * the machine.
 * @param osMachineId - the OS's machine id (bytes, or text taken as UTF-8)
 * @returns 22 base64url characters
 * @throws {DownloadKeysTypeError} INVALID_MACHINE_ID when osMachineId is neither
 * @example machineId('b08dfa6083e7567a1921a715000001fb') // 'PPXR2m7hMcKS3TzkI6mqQg'
 */
export function machineId(osMachineId: string | Uint8Array): string {
  if (typeof osMachineId !== 'string' && !(osMachineId instanceof Uint8Array)) {
    throw new DownloadKeysTypeError(
      'INVALID_MACHINE_ID',
      'osMachineId',
      `osMachineId must be a string or a Uint8Array, got ${_describe(osMachineId)}`,
    );
  }
  const key = typeof osMachineId === 'string' ? _utf8(osMachineId) : osMachineId;
  return _base64urlEncode(hmac(sha256, key, _utf8(MESSAGE)).subarray(0, 16));
}
