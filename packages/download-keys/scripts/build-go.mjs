#!/usr/bin/env node
// Build the Go reference CLI to go/bin/local-memory-ref (offline: GOPROXY=off) and print its path.
// Go's build cache makes a second run cheap, so callers simply call this before using the binary.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const goDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'go');

/** Build the reference CLI and return the absolute path of the binary. */
export function buildGoReference() {
  const out = join(goDir, 'bin', 'local-memory-ref');
  try {
    execFileSync('go', ['build', '-o', out, './cmd/local-memory-ref'], {
      cwd: goDir,
      env: { ...process.env, GOPROXY: 'off', GOFLAGS: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    const hint =
      error.code === 'ENOENT' ? ' (Go is not installed: run `bash scripts/bootstrap.sh`)' : '';
    throw new Error(`building the Go reference CLI failed${hint}: ${error.message}`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildGoReference());
}
