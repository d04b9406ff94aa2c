/**
 * `download-ops make-demo-release <dir>`: four clearly labelled DEMO ZIPs.
 * @module
 */
import type { Command } from 'commander';
import { makeDemoRelease } from '../../demoRelease.js';
import { addOutputOptions, exampleLines } from '../options.js';
import type { Session } from '../session.js';

export function registerMakeDemoRelease(program: Command, session: Session): void {
  addOutputOptions(
    program
      .command('make-demo-release')
      .description('write four clearly labelled DEMO ZIPs into <dir>')
      .argument('<dir>', 'target folder'),
  )
    .addHelpText('after', exampleLines('make-demo-release ./demo-release'))
    .action(async (dir: string, opts: { json?: boolean }) => {
      const files = await makeDemoRelease(dir);
      session
        .output(opts)
        .print(
          `wrote ${files.length} DEMO ZIPs to ${dir}:\n${files.map((f) => `  ${f}`).join('\n')}`,
          {
            files,
          },
        );
    });
}
