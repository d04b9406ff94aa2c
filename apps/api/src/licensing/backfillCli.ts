/**
 * `node scripts/backfill-licenses.mjs [--dry-run] [--json]`: the backfill as a command, with the
 * API's own configuration (the same environment and `*_FILE` secrets as the server). Progress on
 * stderr every 100 sessions; the totals on stdout (one JSON object with `--json`). Exit 0 when
 * done, 1 on a failure (configuration, Stripe or DynamoDB), 2 on a usage error.
 * @module
 */
import { parseArgs } from 'node:util';
import { ConfigError, type Env, loadConfig } from '../config/config.js';
import { createLedger } from '../ledger/ledger.js';
import { createStripe } from '../stripe/client.js';
import { type BackfillReport, backfillLicenses } from './backfill.js';
import { LicenseRecords } from './records.js';

/** What the command talks to; tests pass their own. */
export interface BackfillIo {
  readonly env: Env;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `usage: backfill-licenses [--dry-run] [--json]
  Writes a license record for every paid purchase that has none (idempotent).
  --dry-run  list what would be written, write nothing
  --json     print the totals as one JSON object
Configuration: the API's environment (STRIPE_SECRET_KEY, every edition's price (STRIPE_PRICE_ID, …), DOWNLOAD_SECRET, LEDGER_TABLE, …).`;

const summary = (r: BackfillReport) =>
  `${r.dryRun ? 'dry run: would write' : 'wrote'} ${r.written} license(s) and ${r.revoked} revoked; ${r.existing} already had one; ${r.skipped} session(s) skipped of ${r.seen}`;

/**
 * Run the command.
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: BackfillIo): Promise<number> {
  let values: { 'dry-run'?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig(io.env);
  } catch (error) {
    io.stderr(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
  const ledger = createLedger(config);
  try {
    const report = await backfillLicenses({
      stripe: createStripe(config),
      records: new LicenseRecords(ledger.client, ledger.table),
      ledger,
      editionPrices: config.editionPrices,
      downloadSecret: config.downloadSecret,
      activationLimit: config.licensing.activationLimit,
      dryRun: values['dry-run'] === true,
      onProgress: (r) => {
        if (r.seen % 100 === 0) io.stderr(`… ${r.seen} sessions\n`);
      },
    });
    io.stdout(values.json ? `${JSON.stringify(report)}\n` : `${summary(report)}\n`);
    return 0;
  } catch (error) {
    io.stderr(
      `backfill failed: ${(error as Error).message}; it is safe to run again (records already written are kept)\n`,
    );
    return 1;
  } finally {
    ledger.client.destroy();
  }
}
