import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => Date.now() / 1000,
  isTTY: process.stderr.isTTY === true,
  stderrStream: process.stderr,
});
