/**
 * `download-ops validate-dispatch <payload.json>`: check a binaries-updated payload.
 * @module
 */
import type { Command } from 'commander';
import { validateDispatch } from '../../dispatch/payload.js';
import { readPayloadFile } from '../io.js';
import { addOutputOptions, exampleLines } from '../options.js';
import type { Session } from '../session.js';

export function registerValidateDispatch(program: Command, session: Session): void {
  addOutputOptions(
    program
      .command('validate-dispatch')
      .description('check a binaries-updated payload (client_payload or the whole event)')
      .argument('<payload.json>', 'the payload or $GITHUB_EVENT_PATH'),
  )
    .addHelpText('after', exampleLines('validate-dispatch "$GITHUB_EVENT_PATH"'))
    .action(async (file: string, opts: { json?: boolean }) => {
      const { print } = session.output(opts);
      const problems = validateDispatch(await readPayloadFile(file));
      if (problems.length > 0) {
        print(`invalid binaries-updated payload:\n  - ${problems.join('\n  - ')}`, {
          valid: false,
          problems,
        });
        session.fail();
        return;
      }
      print('valid binaries-updated payload', { valid: true, problems: [] });
    });
}
