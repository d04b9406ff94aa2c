// Step `site` of a release (release-site.mjs) and `rollback`: keep the live HTML, upload the
// hashed assets then the HTML, invalidate, smoke-test against the deployed policy, and put the
// kept HTML and function code back when the smoke test fails.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { smokeTest } from '../smoke-test.mjs';
import { invalidate, syncHtml, UsageError } from './aws.mjs';
import { restoreFunctions } from './functions.mjs';

/** Step `site`: keep the live HTML, upload assets then HTML, invalidate, smoke-test, roll back. */
export async function releaseSite(options, aws, io) {
  const { state, bucket, distribution } = options;
  const siteDir = resolve(options.siteDir);
  if (!existsSync(join(siteDir, 'index.html')))
    throw new UsageError(`--site-dir ${siteDir} has no index.html`);
  const { styleHashes, scriptHashes } = readCspHashes(options.cspFacts);
  const previous = join(state, 'previous-site');
  mkdirSync(previous, { recursive: true });
  await aws([
    's3',
    'sync',
    `s3://${bucket}`,
    previous,
    '--exclude',
    'assets/*',
    '--only-show-errors',
  ]);
  // Hashed assets first, so the new HTML never points at a file that is not there yet; old
  // assets stay for pages already open (the bucket is versioned, old versions expire).
  let problems;
  try {
    await aws([
      's3',
      'sync',
      join(siteDir, 'assets'),
      `s3://${bucket}/assets`,
      '--cache-control',
      'public, max-age=31536000, immutable',
      '--only-show-errors',
    ]);
    await syncHtml(aws, siteDir, bucket);
    await invalidate(aws, distribution);
    problems = await smokeTest({
      siteUrl: options.siteUrl,
      mode: options.fulfilment,
      secret: options.secret,
      styleHashes,
      scriptHashes,
      nowMs: io.now(),
    });
  } catch (error) {
    // A half-done upload is as bad as a failed smoke test.
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length === 0) {
    io.out(`Smoke test of ${options.siteUrl} passed (${options.fulfilment} fulfilment).`);
    return 0;
  }
  io.err(
    `::error::Smoke test of ${options.siteUrl} failed; rolling back:\n- ${problems.join('\n- ')}`,
  );
  await rollback(options, aws, io);
  io.err('::error::Rolled back to the previous HTML and CloudFront Functions. This deploy FAILED.');
  return 1;
}

/** Step `rollback`: the kept HTML and LIVE function code back in place, then invalidate. */
export async function rollback(options, aws, io) {
  const { state, bucket, distribution } = options;
  const previous = join(state, 'previous-site');
  if (options.dryRun || existsSync(join(previous, 'index.html'))) {
    await syncHtml(aws, previous, bucket);
  } else {
    io.err(`No previous HTML in ${previous} (a first deploy?): the HTML cannot be rolled back.`);
  }
  await restoreFunctions(state, aws, io);
  await invalidate(aws, distribution);
}

function readCspHashes(file) {
  let facts;
  try {
    facts = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--csp-facts ${file}: ${error.message} (build the site first)`);
  }
  for (const list of ['styleHashes', 'scriptHashes'])
    if (!Array.isArray(facts[list])) throw new UsageError(`--csp-facts ${file}: no ${list} list`);
  return {
    styleHashes: facts.styleHashes.map(String),
    scriptHashes: facts.scriptHashes.map(String),
  };
}
