/**
 * `download-ops verify`: every platform is in the windows with the release's size and SHA-256.
 * @module
 */
import type { Command } from 'commander';
import { verify } from '../../operations/verify.js';
import { addStoreOptions, examples } from '../options.js';
import type { Session } from '../session.js';
import { parseWindowOption, type StoreOptions } from '../storeOptions.js';

export function registerVerify(program: Command, session: Session): void {
  addStoreOptions(
    program
      .command('verify')
      .description(
        "every platform is in the current and next windows (or --window W) with the release's size and SHA-256",
      ),
  )
    .option('--window <window>', 'check this window only')
    .option('--deep', 're-hash the stored bytes (downloads every object)')
    .addHelpText(
      'after',
      examples('verify', 'verify --deep --json', 'verify --window 40648 --dir ./store'),
    )
    .action(async (opts: StoreOptions & { window?: string; deep?: boolean }) => {
      const { print } = session.output(opts);
      const windows = opts.window !== undefined ? [parseWindowOption(opts.window)] : null;
      const ctx = await session.openStore(opts);
      const result = await verify(ctx, {
        ...(windows ? { windows } : {}),
        deep: opts.deep === true,
      });
      if (!result.ok) {
        const missing = result.problems.some((p) => p.problem === 'missing');
        const wrong = result.problems.some((p) => p.problem !== 'missing');
        const advice = [
          ...(missing ? ['Run `download-ops rotate` to fill missing windows.'] : []),
          ...(wrong
            ? [
                `Run \`download-ops upload <dir>${opts.deep ? ' --deep' : ''}\` with the release's ZIPs to replace the wrong objects.`,
              ]
            : []),
        ];
        print(
          `verify FAILED: ${result.problems.length} of ${result.checked} objects are missing or wrong:\n${result.problems.map((p) => `  - ${p.detail}`).join('\n')}\n${advice.join('\n')}`,
          result,
        );
        session.fail();
        return;
      }
      print(
        `verify ok: ${result.checked} objects in windows ${result.windows.join(' and ')}${opts.deep ? ' (bytes re-hashed)' : ' (checksum metadata)'}`,
        result,
      );
    });
}
