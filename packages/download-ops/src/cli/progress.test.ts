import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { progressReporter } from './progress.js';

/** A terminal stand-in: what cli-progress needs of a TTY stream, collecting what it draws. */
function fakeTerminal() {
  let drawn = '';
  const done = (cb?: () => void) => {
    cb?.();
    return true;
  };
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        drawn += chunk;
        done();
      },
    }),
    {
      isTTY: true,
      columns: 160,
      cursorTo: (_x: number, _y?: number, cb?: () => void) => done(cb),
      clearLine: (_d: number, cb?: () => void) => done(cb),
      moveCursor: (_x: number, _y: number, cb?: () => void) => done(cb),
      clearScreenDown: (cb?: () => void) => done(cb),
    },
  );
  return { stream, drawn: () => drawn };
}

const io = (extra: Partial<CliIo>, lines: string[]): CliIo => ({
  env: {},
  stdout: () => undefined,
  stderr: (text) => lines.push(text),
  now: () => 0,
  ...extra,
});

function drive(reporter: NonNullable<ReturnType<typeof progressReporter>>) {
  reporter.start(3 * 1_500_000, 3);
  for (const key of ['a', 'b', 'c']) {
    const tick = reporter.object(key, 1_500_000);
    tick(750_000, 1_500_000);
    tick(1_500_000, 1_500_000);
  }
  reporter.done();
}

describe('progress', () => {
  it('draws one total bar with bytes, rate and ETA on a terminal', () => {
    const terminal = fakeTerminal();
    const lines: string[] = [];
    const reporter = progressReporter(
      io({ isTTY: true, stderrStream: terminal.stream }, lines),
      false,
    );
    expect(reporter).toBeDefined();
    drive(reporter as NonNullable<typeof reporter>);
    const drawn = terminal.drawn();
    expect(drawn).toMatch(/of 4\.5 MB/);
    expect(drawn).toMatch(/\/s \| ETA /);
    expect(drawn).toMatch(/3\/3 objects/);
    expect(lines).toEqual([]);
  });

  it('writes plain lines with human sizes when stderr is a log', () => {
    const lines: string[] = [];
    const reporter = progressReporter(io({ isTTY: false }, lines), false);
    drive(reporter as NonNullable<typeof reporter>);
    expect(lines).toEqual([
      '3 objects, 4.5 MB in all\n',
      'progress 1/3 objects, 1.5 MB of 4.5 MB\n',
      'progress 2/3 objects, 3 MB of 4.5 MB\n',
      'progress 3/3 objects, 4.5 MB of 4.5 MB\n',
    ]);
  });

  it('shows nothing under --json', () => {
    expect(progressReporter(io({ isTTY: true }, []), true)).toBeUndefined();
  });
});
