// A conversation with the Go reference's batch mode: one JSON case in, one JSON answer out, in
// order, over one long-lived process, so fast-check can ask it about every value it tries
// (including the ones it shrinks to).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
// @ts-expect-error plain ESM script without types
import { buildGoReference } from '../scripts/build-go.mjs';

export type BatchCase = { op: string } & Record<string, unknown>;
export type BatchAnswer = Record<string, unknown>;

export interface GoBatch {
  ask(c: BatchCase): Promise<BatchAnswer>;
  /** How many cases the Go side has answered. */
  readonly asked: number;
  close(): Promise<void>;
}

export function startGoBatch(): GoBatch {
  const binary = buildGoReference() as string;
  const child = spawn(binary, ['batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: Array<{ resolve: (a: BatchAnswer) => void; reject: (e: Error) => void }> = [];
  let stderr = '';
  let asked = 0;
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    asked++;
    waiting.shift()?.resolve(JSON.parse(line) as BatchAnswer);
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code) => {
      for (const w of waiting.splice(0)) {
        w.reject(new Error(`the Go batch process exited (${code}): ${stderr}`));
      }
      resolve();
    });
  });
  return {
    ask(c) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(c)}\n`);
      });
    },
    get asked() {
      return asked;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
