import { main } from './main.js';

let releaseLeases: (() => Promise<void>) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Give the store lease back before leaving, so the next writer need not wait for it to expire.
    const done = () => process.exit(signal === 'SIGINT' ? 130 : 143);
    (releaseLeases?.() ?? Promise.resolve()).then(done, done);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => Date.now() / 1000,
  isTTY: process.stderr.isTTY === true,
  stderrStream: process.stderr,
  onLeases: (release) => {
    releaseLeases = release;
  },
});
