/**
 * `download-keys license generate|validate|verify`: license keys from the command line.
 * @module
 */
import type { Command } from 'commander';
import {
  generateLicenseKey,
  LICENSE_KEY_PROBLEM_MESSAGES,
  normalizeLicenseKey,
  validateLicenseKeyFormat,
  verifyLicenseKey,
} from '../index.js';
import type { CommandContext, Common } from './context.js';
import { jsonOption, secretFileOption } from './options.js';

/**
 * Add the command to the program.
 * @param root - the `download-keys` command
 * @param context - output, secret, clock and prefix of this run
 */
export function addLicenseCommands(root: Command, context: CommandContext): void {
  const { print, secret, io, done } = context;
  const license = root.command('license').description('generate, validate and verify license keys');

  license
    .command('generate')
    .description('the license key for a Stripe Checkout session (needs the secret)')
    .requiredOption('--session-id <id>', 'Stripe Checkout session id (cs_test_… or cs_live_…)')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(async (options: Common & { sessionId: string }) => {
      const licenseKey = generateLicenseKey(options.sessionId, await secret(options));
      print(options, licenseKey, { licenseKey });
      done(0);
    });

  const check = async (input: string, options: Common & { sessionId?: string }): Promise<void> => {
    const licenseKey = normalizeLicenseKey(input);
    const format = validateLicenseKeyFormat(licenseKey);
    const verified =
      format.valid && options.sessionId !== undefined
        ? verifyLicenseKey(licenseKey, options.sessionId, await secret(options))
        : undefined;
    const valid = format.valid && verified !== false;
    const human = valid
      ? `valid: ${verified ? 'format and key check out' : 'well-formed (format only: pass --session-id and the secret to verify it)'}`
      : `invalid: ${verified === false ? 'this is not the key for that purchase' : format.problems.map((p) => LICENSE_KEY_PROBLEM_MESSAGES[p]).join(' ')}`;
    print(options, human, {
      licenseKey,
      valid,
      problems: format.problems,
      ...(verified === undefined ? {} : { verified }),
    });
    if (!valid && !options.json) io.stderr(`${human}\n`);
    done(valid ? 0 : 1);
  };

  license
    .command('validate')
    .description('normalise a pasted key and check its format; with --session-id also verify it')
    .argument('<key>', 'the key as the customer pasted it')
    .option('--session-id <id>', 'also check it is the key of this purchase (needs the secret)')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(check);

  license
    .command('verify')
    .description('format and key check against a purchase (needs the secret)')
    .argument('<key>', 'the key as the customer pasted it')
    .requiredOption('--session-id <id>', 'the purchase the key should belong to')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(check);
}
