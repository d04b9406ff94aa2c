// Minified + gzipped size of what a browser app ships when it imports only the license-key and
// download-link functions (tree-shaken by esbuild, SHA-256 included), or only lease verification
// (`./lease`: Ed25519 and SHA-512 included).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export const MAIN_IMPORT = `export { generateLicenseKey, downloadLinks } from './dist/index.js';`;
export const LEASE_IMPORT = `export { verifyLease, LEASE_IMPLICIT } from './dist/lease.js';`;

/**
 * @param {string} [contents] the importing module (default: the main entry's two functions)
 * @returns {Promise<{ minified: number, gzip: number }>} sizes in bytes
 */
export async function measureBundle(contents = MAIN_IMPORT) {
  const result = await build({
    stdin: {
      contents,
      resolveDir: packageDir,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
