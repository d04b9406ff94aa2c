/**
 * `download-ops upload <dir>`: the four platform ZIPs into the current and next windows.
 * @module
 */
import type { Command } from 'commander';
import prettyBytes from 'pretty-bytes';
import { upload } from '../../operations/upload.js';
import { addLeaseOption, addStoreOptions, examples } from '../options.js';
import { progressReporter } from '../progress.js';
import type { Session } from '../session.js';
import type { StoreOptions } from '../storeOptions.js';

interface UploadCommandOptions extends StoreOptions {
  buildVersion?: string;
  buildCommit?: string;
  resetBuild?: boolean;
  force?: boolean;
  deep?: boolean;
  dryRun?: boolean;
}

export function registerUpload(program: Command, session: Session): void {
  addLeaseOption(
    addStoreOptions(
      program
        .command('upload')
        .description(
          'upload the four platform ZIPs in <dir> to the current and next windows, read each back, record the release manifest',
        )
        .argument('<dir>', 'folder holding the platform ZIPs'),
    ),
  )
    .option('--build-version <version>', 'recorded on the objects and in the manifest')
    .option('--build-commit <sha>', 'recorded on the objects and in the manifest')
    .option('--reset-build', 'forget the recorded build version and commit')
    .option('--force', 'upload every object even if it already holds these bytes')
    .option('--deep', 're-hash stored objects before skipping them (repairs flipped bytes)')
    .option('--dry-run', 'print what would be uploaded; change nothing')
    .addHelpText(
      'after',
      examples(
        'upload ./release --build-version 1.4.2 --build-commit abc1234',
        'upload ./release --dry-run --json',
        'upload ./release --deep     # after verify --deep found wrong bytes',
      ),
    )
    .action(async (dir: string, opts: UploadCommandOptions) => {
      const { print, json } = session.output(opts);
      const ctx = await session.openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await session.lease(ctx, opts, 'upload');
      const progress = dryRun ? undefined : progressReporter(session.io, json);
      const result = await upload(ctx, {
        releaseDir: dir,
        build: {
          ...(typeof opts.buildVersion === 'string' ? { version: opts.buildVersion } : {}),
          ...(typeof opts.buildCommit === 'string' ? { commit: opts.buildCommit } : {}),
        },
        resetBuild: opts.resetBuild === true,
        force: opts.force === true,
        deep: opts.deep === true,
        dryRun,
        ...(progress ? { progress } : {}),
      });
      const windows = result.windows.join(' and ');
      print(
        dryRun
          ? `upload (dry run): would upload ${result.uploaded.length} objects (${prettyBytes(result.bytes)}), ${result.repaired.length} of them replacing other content; ${result.unchanged.length} already in place; windows ${windows} in ${ctx.store.description}`
          : `uploaded ${result.uploaded.length} objects (${prettyBytes(result.bytes)}; ${result.repaired.length} replaced other content), ${result.unchanged.length} already in place, windows ${windows} in ${ctx.store.description}`,
        result,
      );
    });
}
