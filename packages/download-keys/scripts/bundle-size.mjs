// Minified + gzipped size of what a browser app ships when it imports only the license-key and
// download-link functions (tree-shaken by esbuild, SHA-256 included).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {Promise<{ minified: number, gzip: number }>} sizes in bytes */
export async function measureBundle() {
  const result = await build({
    stdin: {
      contents: `export { generateLicenseKey, downloadLinks } from './dist/index.js';`,
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
