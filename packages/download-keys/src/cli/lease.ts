/**
 * `download-keys lease verify` and `lease sign`: leases (PASETO v4.public) from the command
 * line. The token (verify) or the claims (sign) come on stdin; keys come as a hex argument
 * (public) or a file (private), never a private key in argv.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { isDownloadKeysError } from '../errors.js';
import { type LeaseClaims, leaseKid } from '../lease.js';
// A CLI runs on Node: it verifies on node:crypto, with the same answers as ./lease.
import {
  type CliIo,
  parseTimeArgument,
  signLease,
  verifyLease,
  verifyV4Public,
} from '../node/index.js';
import { UsageError } from './errors.js';

interface Output {
  json?: boolean;
}

function parsePublicKey(text: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new InvalidArgumentError(
      'the Ed25519 public key is 64 hex characters (32 bytes), e.g. 1eb9dbbb…20b1a2',
    );
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

function parseAt(text: string): number {
  const seconds = parseTimeArgument(text);
  if (seconds === null) {
    throw new InvalidArgumentError('TIME is Unix seconds in base 10 or an RFC 3339 date.');
  }
  return seconds;
}

async function readStdin(io: CliIo, what: string): Promise<string> {
  if (!io.stdin) throw new UsageError('stdin', `give the ${what} on stdin`);
  const text = (await io.stdin()).trim();
  if (text === '') throw new UsageError('stdin', `give the ${what} on stdin`);
  return text;
}

/**
 * Add `lease verify` and `lease sign` to the program.
 * @param root - the `download-keys` command
 * @param io - streams, stdin and clock
 * @param done - reports the exit code
 */
export function addLeaseCommands(root: Command, io: CliIo, done: (code: number) => void): void {
  const lease = root.command('lease').description('verify and sign leases (PASETO v4.public)');
  const jsonOption = () => new Option('--json', 'machine-readable output on stdout');
  const refuse = (options: Output, error: unknown): void => {
    if (!isDownloadKeysError(error)) throw error;
    if (options.json) {
      io.stdout(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
    }
    io.stderr(`invalid: ${error.code}: ${error.message}\n`);
    done(1);
  };

  lease
    .command('verify')
    .description(
      'verify the lease on stdin offline and print its payload (exit 0 valid, 1 invalid)',
    )
    .addOption(
      new Option('--public-key <hex>', 'the 32-byte Ed25519 public key, as 64 hex characters')
        .argParser(parsePublicKey)
        .makeOptionMandatory(),
    )
    .requiredOption('--implicit <text>', 'the implicit assertion (local-memory for leases)')
    .option('--kid <kid>', 'the key id the footer must name (default: any)')
    .option('--signature-only', 'check only the signature (any v4.public token, any payload)')
    .addOption(
      new Option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock')
        .argParser(parseAt)
        .conflicts('signatureOnly'),
    )
    .addOption(jsonOption())
    .action(
      async (
        options: Output & {
          publicKey: Uint8Array;
          implicit: string;
          kid?: string;
          signatureOnly?: boolean;
          at?: number;
        },
      ) => {
        const token = await readStdin(io, 'token');
        try {
          if (options.signatureOnly) {
            if (options.kid !== undefined)
              throw new UsageError('--kid', '--kid needs the claims check');
            const { payload } = verifyV4Public(token, options.publicKey, {
              implicit: options.implicit,
            });
            io.stdout(`${Buffer.from(payload).toString('utf8')}\n`);
          } else {
            const kid = options.kid ?? leaseKid(token);
            const claims: LeaseClaims = verifyLease(
              token,
              { [kid]: options.publicKey },
              { now: options.at ?? Math.floor(io.now()), implicit: options.implicit },
            );
            io.stdout(`${JSON.stringify(claims)}\n`);
          }
          done(0);
        } catch (error) {
          if (error instanceof UsageError) throw error;
          refuse(options, error);
        }
      },
    );

  lease
    .command('sign')
    .description('sign the claims JSON on stdin as a lease and print the token')
    .requiredOption(
      '--private-key-file <path>',
      'the Ed25519 private key, PKCS#8 PEM (openssl genpkey -algorithm ed25519)',
    )
    .requiredOption('--kid <kid>', 'the key id written to the footer')
    .requiredOption('--implicit <text>', 'the implicit assertion (local-memory for leases)')
    .addOption(jsonOption())
    .action(async (options: Output & { privateKeyFile: string; kid: string; implicit: string }) => {
      const text = await readStdin(io, 'lease claims (JSON)');
      let pem: string;
      try {
        pem = await readFile(options.privateKeyFile, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        io.stderr(`download-keys: cannot read the private key file (${code})\n`);
        if (options.json) {
          io.stdout(
            `${JSON.stringify({ error: { code: 'INVALID_PRIVATE_KEY', message: `cannot read the private key file (${code})` } })}\n`,
          );
        }
        done(1);
        return;
      }
      try {
        let claims: unknown;
        try {
          claims = JSON.parse(text);
        } catch {
          claims = undefined;
        }
        const token = signLease(claims as LeaseClaims, pem, {
          kid: options.kid,
          implicit: options.implicit,
        });
        io.stdout(options.json ? `${JSON.stringify({ lease: token })}\n` : `${token}\n`);
        done(0);
      } catch (error) {
        refuse(options, error);
      }
    });
}
