// The AWS side of a release (release-site.mjs): the AWS CLI (or, in a dry run, a stand-in that
// prints each call), the HTML upload and the CloudFront invalidation, and the errors the steps
// throw.
import { spawn } from 'node:child_process';

/** A step that cannot start: bad or missing options (exit 2). */
export class UsageError extends Error {}
/** A step that started and failed (exit 1, after any rollback). */
export class ReleaseError extends Error {}

/** The paths invalidated after an HTML upload or restore (HTML is kept at the edge briefly). */
export const HTML_PATHS = [
  ...['/', '/index.html', '/404.html', '/pricing', '/pricing.html', '/success', '/success.html'],
  ...['/account', '/account.html'],
  ...['/terms', '/terms.html', '/privacy', '/privacy.html', '/refunds', '/refunds.html'],
  ...['/docs/*', '/robots.txt', '/sitemap.xml', '/site.webmanifest'],
];

/** A shell-readable rendering of one argument, for the printed calls. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/**
 * The AWS CLI, or in a dry run a stand-in that prints each call and answers with placeholders.
 * @returns {(args: string[]) => Promise<string>} the call's standard output
 */
export function awsCli({ dryRun, io }) {
  if (dryRun) {
    return async (args) => {
      io.out(`aws ${args.map(quote).join(' ')}`);
      const [service, command] = args;
      if (command === 'describe-stack-resource')
        return `dry-run-${args[args.indexOf('--logical-resource-id') + 1]}`;
      if (command === 'describe-function')
        return JSON.stringify({
          ETag: 'DRYRUN-ETAG',
          FunctionSummary: { FunctionConfig: { Comment: 'dry run', Runtime: 'cloudfront-js-2.0' } },
        });
      if (command === 'update-function') return JSON.stringify({ ETag: 'DRYRUN-ETAG-NEW' });
      if (command === 'create-invalidation') return 'DRYRUN-INVALIDATION';
      void service;
      return '';
    };
  }
  return (args) =>
    new Promise((resolvePromise, reject) => {
      const child = spawn('aws', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', (error) =>
        reject(
          new ReleaseError(`aws ${args.slice(0, 2).join(' ')}: ${error.message}`, { cause: error }),
        ),
      );
      child.on('close', (code) => {
        if (code === 0) resolvePromise(stdout.trim());
        else
          reject(
            new ReleaseError(`aws ${args.slice(0, 2).join(' ')} exited ${code}: ${stderr.trim()}`),
          );
      });
    });
}

/**
 * Make the bucket's HTML (everything but `assets/`) exactly the folder's, never cached by browsers:
 * the upload of a new site and the rollback to the kept one.
 */
export function syncHtml(aws, from, bucket) {
  return aws([
    's3',
    'sync',
    from,
    `s3://${bucket}`,
    '--exclude',
    'assets/*',
    '--delete',
    '--cache-control',
    'no-cache',
    '--only-show-errors',
  ]);
}

/** Invalidate the HTML paths and wait until the edges have dropped them. */
export async function invalidate(aws, distribution) {
  const id = await aws([
    'cloudfront',
    'create-invalidation',
    '--distribution-id',
    distribution,
    '--paths',
    ...HTML_PATHS,
    '--query',
    'Invalidation.Id',
    '--output',
    'text',
  ]);
  await aws([
    'cloudfront',
    'wait',
    'invalidation-completed',
    '--distribution-id',
    distribution,
    '--id',
    id,
  ]);
}
