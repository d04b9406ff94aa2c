// Ed25519 test keys for node:crypto: from a 32-byte seed (how the PASETO vectors give their
// key), or a fresh pair.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

// PKCS#8 (RFC 8410) wrapping of a 32-byte Ed25519 seed: SEQUENCE { version 0, AlgorithmIdentifier
// { 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The raw 32-byte public key of an Ed25519 private or public key. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export function ed25519KeyPair(): { privateKey: KeyObject; publicKey: Uint8Array; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey: rawPublicKey(privateKey),
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}
