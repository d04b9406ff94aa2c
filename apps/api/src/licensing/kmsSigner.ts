/**
 * A {@link LeaseSigner} over an AWS KMS key of spec `ECC_NIST_EDWARDS25519`: the private key never
 * leaves KMS; `Sign` with `ED25519_SHA_512` over the RAW message gives a pure Ed25519 signature
 * (RFC 8032), which is what PASETO v4.public needs (not `ED25519_PH_SHA_512`, the pre-hashed
 * variant). KMS signs RAW messages of at most 4096 bytes: a lease's PAE is far below; a revocation
 * list above that (about 130 license ids) is refused by KMS.
 * @module
 */
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { type LeaseSigner, SigningKeyError } from './signer.js';

/** KMS's limit on a RAW message. */
export const KMS_RAW_MESSAGE_LIMIT = 4096;

/**
 * Build a signer over a KMS key: reads its public key once (GetPublicKey, SPKI DER).
 * @param client - a KMS client (its region, credentials, endpoint)
 * @param keyId - key id, ARN or alias
 * @param kid - the kid written in tokens
 * @throws {SigningKeyError} when the key is not an Ed25519 signing key
 */
export async function kmsSigner(
  client: KMSClient,
  keyId: string,
  kid: string,
): Promise<LeaseSigner> {
  const key = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (key.KeySpec !== 'ECC_NIST_EDWARDS25519' || key.KeyUsage !== 'SIGN_VERIFY' || !key.PublicKey) {
    throw new SigningKeyError(
      `the KMS key must be an ECC_NIST_EDWARDS25519 SIGN_VERIFY key, got ${key.KeySpec ?? 'unknown'} ${key.KeyUsage ?? ''}`.trim(),
    );
  }
  const der = key.PublicKey;
  const publicKey = new Uint8Array(der.subarray(der.length - 32));
  return {
    kid,
    publicKey,
    async sign(message) {
      if (message.length > KMS_RAW_MESSAGE_LIMIT) {
        throw new SigningKeyError(
          `KMS signs at most ${KMS_RAW_MESSAGE_LIMIT} bytes; this message has ${message.length}`,
        );
      }
      const answer = await client.send(
        new SignCommand({
          KeyId: keyId,
          Message: message,
          MessageType: 'RAW',
          SigningAlgorithm: 'ED25519_SHA_512',
        }),
      );
      const signature = answer.Signature;
      if (signature?.length !== 64) {
        throw new SigningKeyError('KMS returned no 64-byte Ed25519 signature');
      }
      return new Uint8Array(signature);
    },
  };
}
