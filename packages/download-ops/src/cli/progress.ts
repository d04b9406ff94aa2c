import type { PutProgress } from '../store/types.js';
import type { CliIo } from './main.js';

/**
 * Upload progress: a redrawn bar on a terminal; nothing extra in CI logs (each finished object
 * already gets one line), and nothing at all with --json.
 */
export function progressReporter(
  io: CliIo,
  json: boolean,
): ((key: string) => PutProgress) | undefined {
  if (json || !io.isTTY) return undefined;
  return (key) => {
    const name = key.split('/').slice(-3).join('/');
    return (loaded, total) => {
      const fraction = total > 0 ? Math.min(1, loaded / total) : 1;
      const width = 24;
      const filled = Math.round(fraction * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      io.stderr(`\r[${bar}] ${String(Math.round(fraction * 100)).padStart(3)}% ${name}`);
      if (fraction === 1) io.stderr('\r\x1b[2K');
    };
  };
}
