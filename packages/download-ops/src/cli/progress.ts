import { SingleBar } from 'cli-progress';
import prettyBytes from 'pretty-bytes';
import type { OperationProgress } from '../operations/context.js';
import type { CliIo } from './io.js';

/**
 * Progress for uploads and copies: one total bar with bytes, rate and ETA on a terminal
 * (`cli-progress`); on a log (CI), a plain line per finished object with the running total;
 * nothing at all under --json.
 * @param io - where to write and whether it is a terminal
 * @param json - --json was given
 * @returns the reporter, or undefined when nothing should be shown
 */
export function progressReporter(io: CliIo, json: boolean): OperationProgress | undefined {
  if (json) return undefined;
  let total = 0;
  let objects = 0;
  let doneBytes = 0;
  let doneObjects = 0;
  if (io.isTTY && io.stderrStream) {
    const bar = new SingleBar({
      stream: io.stderrStream,
      format:
        '{bar} {percentage}% | {doneBytes} of {totalBytes} | {rate}/s | ETA {eta_formatted} | {objects}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    });
    const started = performance.now();
    const payload = () => ({
      doneBytes: prettyBytes(doneBytes),
      totalBytes: prettyBytes(total),
      rate: prettyBytes(doneBytes / Math.max(0.001, (performance.now() - started) / 1000)),
      objects: `${doneObjects}/${objects} objects`,
    });
    return {
      start(totalBytes, count) {
        total = totalBytes;
        objects = count;
        bar.start(Math.max(1, totalBytes), 0, payload());
      },
      object(_s3Key, size) {
        const base = doneBytes;
        return (loaded) => {
          const now = base + Math.min(loaded, size);
          if (loaded >= size) {
            doneBytes = base + size;
            doneObjects++;
          }
          bar.update(now, { ...payload(), doneBytes: prettyBytes(now) });
        };
      },
      done() {
        bar.stop();
      },
    };
  }
  return {
    start(totalBytes, count) {
      total = totalBytes;
      objects = count;
      if (count > 0) io.stderr(`${count} objects, ${prettyBytes(totalBytes)} in all\n`);
    },
    object(_s3Key, size) {
      let finished = false;
      return (loaded) => {
        if (finished || loaded < size) return;
        finished = true;
        doneBytes += size;
        doneObjects++;
        io.stderr(
          `progress ${doneObjects}/${objects} objects, ${prettyBytes(doneBytes)} of ${prettyBytes(total)}\n`,
        );
      };
    },
    done() {},
  };
}
