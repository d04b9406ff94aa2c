// The download secret of the release scripts (release-site.mjs, smoke-test.mjs), read by the
// library's one rule: DOWNLOAD_SECRET or DOWNLOAD_SECRET_FILE, never both (SECRET_CONFLICT, never a
// silent choice of one), and a secret that is too short is refused.
import { readConfiguredSecret } from '@local-memory/download-keys/node';

/**
 * The configured download secret, or undefined when neither variable is set (the smoke test then
 * reports that it cannot check the download links).
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Promise<string | undefined>}
 * @throws {Error} the library's error when both are set, the file is unreadable or the secret is invalid
 */
export async function configuredSecret(env) {
  if (!env.DOWNLOAD_SECRET && !env.DOWNLOAD_SECRET_FILE) return undefined;
  return readConfiguredSecret(env);
}
