/**
 * `download-ops apply-dispatch <payload.json>`: validate a binaries-updated payload, fetch and
 * check each ZIP, upload the release and verify it deeply.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import prettyBytes from 'pretty-bytes';
import { fetchArtifacts } from '../../dispatch/fetch.js';
import { parseDispatch } from '../../dispatch/payload.js';
import { upload } from '../../operations/upload.js';
import { verify } from '../../operations/verify.js';
import { readPayloadFile } from '../io.js';
import { addLeaseOption, addStoreOptions, examples } from '../options.js';
import { progressReporter } from '../progress.js';
import type { Session } from '../session.js';
import type { StoreOptions } from '../storeOptions.js';

interface ApplyDispatchOptions extends StoreOptions {
  workDir?: string;
  force?: boolean;
  dryRun?: boolean;
}

export function registerApplyDispatch(program: Command, session: Session): void {
  const { io } = session;
  addLeaseOption(
    addStoreOptions(
      program
        .command('apply-dispatch')
        .description(
          'validate a binaries-updated payload, fetch each ZIP (https only, bounded, retried), check size and SHA-256, upload, verify',
        )
        .argument('<payload.json>', 'the payload or $GITHUB_EVENT_PATH'),
    ),
  )
    .option('--work-dir <dir>', 'keep the fetched ZIPs here (default: a temporary folder)')
    .option('--force', 'upload every object again (the payload\'s "force": true does the same)')
    .option('--dry-run', 'validate and fetch, print what would be uploaded; change nothing')
    .addHelpText(
      'after',
      examples('apply-dispatch "$RUNNER_TEMP/payload.json" --work-dir "$RUNNER_TEMP/zips"'),
    )
    .action(async (file: string, opts: ApplyDispatchOptions) => {
      const { print, log, json } = session.output(opts);
      const payload = parseDispatch(await readPayloadFile(file), io.fetchPolicy);
      const ctx = await session.openStore(opts);
      const dryRun = opts.dryRun === true;
      const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'binaries-updated-')));
      try {
        await fetchArtifacts(payload, workDir, { ...(log ? { log } : {}), ...io.fetchPolicy });
        if (!dryRun) await session.lease(ctx, opts, 'apply-dispatch');
        const progress = dryRun ? undefined : progressReporter(io, json);
        const releasedAt = Math.floor(Date.parse(payload.released_at) / 1000);
        const uploaded = await upload(ctx, {
          releaseDir: workDir,
          build: { version: payload.version, commit: payload.commit },
          force: opts.force === true || payload.force === true,
          dryRun,
          ...(Number.isFinite(releasedAt) ? { releasedAt } : {}),
          ...(progress ? { progress } : {}),
        });
        if (dryRun) {
          print(
            `apply-dispatch (dry run): release ${payload.version} fetched and checked; would upload ${uploaded.uploaded.length} objects (${prettyBytes(uploaded.bytes)}) into windows ${uploaded.windows.join(' and ')}`,
            { version: payload.version, commit: payload.commit, uploaded },
          );
          return;
        }
        const verified = await verify(ctx, { deep: true });
        if (!verified.ok) {
          print(
            `apply-dispatch: uploaded, but verify FAILED:\n${verified.problems.map((p) => `  - ${p.detail}`).join('\n')}`,
            { uploaded, verified },
          );
          session.fail();
          return;
        }
        print(
          `apply-dispatch: release ${payload.version} (${payload.commit.slice(0, 7)}) is in windows ${uploaded.windows.join(' and ')}; ${uploaded.uploaded.length} objects uploaded, ${verified.checked} verified`,
          { version: payload.version, commit: payload.commit, uploaded, verified },
        );
      } finally {
        if (opts.workDir === undefined) await rm(workDir, { recursive: true, force: true });
      }
    });
}
