/**
 * The app's own TypeScript sources as text, for tests that check what the source says (the import
 * boundaries themselves are dependency-cruiser's rules, `.dependency-cruiser.cjs` at the root).
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The landing's `src/` folder. */
export const SRC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Read every TypeScript source under a folder (declaration files left out).
 * @param srcDir - the folder, usually {@link SRC_DIR}
 * @returns text by path relative to `srcDir`, with `/` separators
 */
export function readSources(srcDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files[relative(srcDir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(srcDir);
  return files;
}
