/**
 * A customer's machine for the licensing journey: its own OS machine id file and license file
 * in a directory of its own, and the Go reference CLI (built by global setup) run as that
 * machine's product binary would run it. The license key travels in the environment, never
 * in argv; the API's public key is the one its `/.well-known/local-memory/keys` publishes.
 *
 * Commands run asynchronously: the Stripe stand-in and dynalite live in this worker process,
 * so a blocking spawn would stall the API the CLI is talking to.
 * @module
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineId } from '@local-memory/download-keys/lease';
import { GO_REFERENCE } from './global-setup';

/** What one run of the CLI said. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (every licensing command here runs with --json). */
  readonly json: Record<string, unknown>;
}

/** The public key a machine checks leases with (the product embeds its keyset). */
export interface LeaseKey {
  readonly kid: string;
  readonly hex: string;
}

export class LicenseMachine {
  /** The id leases name: lease.MachineID of the OS id; the raw id never leaves the machine. */
  readonly id: string;
  readonly licenseFile: string;
  private readonly machineIdFile: string;

  /**
   * @param dir - this machine's own directory (its "disk")
   * @param name - the name it is activated under, shown when a seat must be freed
   */
  constructor(
    dir: string,
    readonly name: string,
    private readonly key: LeaseKey,
  ) {
    mkdirSync(dir, { recursive: true });
    const osMachineId = randomBytes(16).toString('hex');
    this.machineIdFile = join(dir, 'machine-id');
    writeFileSync(this.machineIdFile, `${osMachineId}\n`);
    this.id = machineId(osMachineId);
    this.licenseFile = join(dir, 'config', 'local-memory', 'license.json');
  }

  /** Run `local-memory-ref <args> --json` on this machine, with `env` added. */
  run(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      execFile(
        GO_REFERENCE,
        [...args, '--json'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            LOCAL_MEMORY_LICENSE_FILE: this.licenseFile,
            LOCAL_MEMORY_MACHINE_ID_FILE: this.machineIdFile,
            LOCAL_MEMORY_LEASE_PUBLIC_KEY: this.key.hex,
            LOCAL_MEMORY_LEASE_KID: this.key.kid,
            ...env,
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          const code = error ? (error as { code?: unknown }).code : 0;
          if (typeof code !== 'number') {
            reject(new Error(`local-memory-ref ${args.join(' ')} did not run: ${error?.message}`));
            return;
          }
          let json: Record<string, unknown> = {};
          try {
            json = stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
          } catch {
            reject(new Error(`local-memory-ref ${args.join(' ')} printed no JSON:\n${stdout}`));
            return;
          }
          resolve({ status: code, stdout, stderr, json });
        },
      );
    });
  }

  /** `license activate --api URL --name NAME`, the key from the environment. */
  activate(licenseKey: string, api: string): Promise<CliRun> {
    return this.run(['license', 'activate', '--api', api, '--name', this.name], {
      LOCAL_MEMORY_LICENSE_KEY: licenseKey,
    });
  }

  /** `license status [options]`; `env` may point the network elsewhere. */
  status(options: readonly string[] = [], env: Record<string, string> = {}): Promise<CliRun> {
    return this.run(['license', 'status', ...options], env);
  }

  /** `license refresh [options]`; `env` may point the network elsewhere. */
  refresh(options: readonly string[] = [], env: Record<string, string> = {}): Promise<CliRun> {
    return this.run(['license', 'refresh', ...options], env);
  }

  /**
   * `license deactivate`: this machine's seat, or another machine's (`--machine ID`, with
   * `--api URL` when this machine holds no license file naming the API).
   */
  deactivate(licenseKey: string, other?: { machine: string; api: string }): Promise<CliRun> {
    const args = other ? ['--machine', other.machine, '--api', other.api] : [];
    return this.run(['license', 'deactivate', ...args], { LOCAL_MEMORY_LICENSE_KEY: licenseKey });
  }
}
