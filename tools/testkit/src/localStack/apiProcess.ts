/**
 * The API as a child process (its built Node entry), for the local stack: started with the
 * environment given, known to listen once it logs `listening` with its port.
 * @module
 */
import { spawn } from 'node:child_process';

/** A running API process. */
export interface ApiProcess {
  /** Resolves with the port once the API logs `listening`; rejects if it exits first. */
  readonly listening: Promise<number>;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Start `node entry` with `env`; its log lines go to stderr when LOCAL_STACK_LOG=true.
 * @param entry - the API's built Node entry (dist/node.js)
 */
export function startApiProcess(
  entry: string,
  env: Record<string, string | undefined>,
): ApiProcess {
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (process.env.LOCAL_STACK_LOG === 'true') process.stderr.write(`api: ${line}\n`);
  };
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const listening = new Promise<number>((resolveListen, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        remember(line);
        try {
          const record = JSON.parse(line) as { message?: string; port?: number };
          if (record.message === 'listening' && typeof record.port === 'number')
            resolveListen(record.port);
        } catch {
          // not a log record
        }
        newline = buffered.indexOf('\n');
      }
    });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
      remember(String(chunk).trimEnd());
    });
    child.once('exit', (code) =>
      reject(
        new Error(`the API exited with ${code} before listening:\n${errors || tail.join('\n')}`),
      ),
    );
    setTimeout(
      () => reject(new Error(`the API did not log "listening" within 30 s:\n${tail.join('\n')}`)),
      30_000,
    ).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { listening, stop, pid: child.pid };
}
