#!/usr/bin/env node
// The deploy's release steps (deploy.yml), ordered so that a bad deploy cannot stay live:
//
//   functions  before `cdk deploy`: for each CloudFront Function of the synthesized template,
//              keep its LIVE code, put the new code in the DEVELOPMENT stage, run CloudFront's
//              TestFunction on every recorded event (scripts/edge-cases.mjs) and publish to LIVE
//              only when all pass. A failing function never reaches LIVE and the deploy stops.
//              Then smoke-test the live site (all but the headers, which change with the stack);
//              on failure publish the kept code again and stop.
//   site       after `cdk deploy`: keep a copy of the live HTML (everything but assets/), upload the
//              new hashed assets, then the HTML, invalidate, and smoke-test the live site against
//              exactly the deployed policy (the build's style hashes). On failure: `rollback`,
//              then exit 1.
//   rollback   put back the kept HTML and the kept LIVE function code, invalidate.
//
// Usage: node infra/scripts/release-site.mjs <step> --state <dir> [--dry-run] [options]
//   functions --stack <name> --template <cdk.out/Stack.template.json> [--site-url <url>]
//             (default: the stack's SiteUrl output; DOWNLOAD_SECRET_FILE in env)
//   site      --site-dir <dir> --bucket <name> --distribution <id> --site-url <url>
//             [--csp-facts <csp.json>] [--fulfilment browser|server]   (DOWNLOAD_SECRET_FILE in env)
//   rollback  --bucket <name> --distribution <id>
// --dry-run prints every AWS CLI call instead of making it (the smoke test still runs for real).
// Exit 0 when the step succeeded, 1 when it failed (after rolling back), 2 on usage errors.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkResult, edgeCases, resultOfTestFunction } from './edge-cases.mjs';
import { DEFAULT_CSP_FACTS, smokeTest } from './smoke-test.mjs';

const INFRA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTIONS_DIR = join(INFRA_DIR, 'lib', 'functions');

/** The paths invalidated after an HTML upload or restore (HTML is kept at the edge briefly). */
export const HTML_PATHS = [
  ...['/', '/index.html', '/404.html', '/pricing', '/pricing.html', '/success', '/success.html'],
  ...['/account', '/account.html'],
  ...['/terms', '/terms.html', '/privacy', '/privacy.html', '/refunds', '/refunds.html'],
  ...['/docs/*', '/robots.txt', '/sitemap.xml', '/site.webmanifest'],
];

const USAGE = `usage: node infra/scripts/release-site.mjs <functions|site|rollback> --state <dir> [--dry-run]
  functions --stack <name> --template <file> [--site-url <url>] [--fulfilment browser|server]
  site      --site-dir <dir> --bucket <name> --distribution <id> --site-url <url> [--csp-facts <file>] [--fulfilment browser|server]
  rollback  --bucket <name> --distribution <id>
`;

class UsageError extends Error {}
class ReleaseError extends Error {}

/** A shell-readable rendering of one argument, for the printed calls. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/**
 * The AWS CLI, or in a dry run a stand-in that prints each call and answers with placeholders.
 * @returns {(args: string[]) => Promise<string>} the call's standard output
 */
function awsCli({ dryRun, io }) {
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

/** The CloudFront Functions of a synthesized template, each with its source file. */
export function templateFunctions(templateFile) {
  const template = JSON.parse(readFileSync(templateFile, 'utf8'));
  const sources = readdirSync(FUNCTIONS_DIR)
    .filter((f) => f.endsWith('.js'))
    .map((file) => ({ file, code: readFileSync(join(FUNCTIONS_DIR, file), 'utf8') }));
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::CloudFront::Function')
    .map(([logicalId, resource]) => {
      const code = resource.Properties.FunctionCode;
      const source = sources.find((s) => s.code === code);
      if (!source)
        throw new ReleaseError(
          `${logicalId}: its code in ${templateFile} is none of lib/functions/*.js`,
        );
      return { logicalId, file: source.file, config: resource.Properties.FunctionConfig };
    });
}

const stateFile = (state) => join(state, 'functions.json');

/** Step `functions`: TestFunction in DEVELOPMENT on every case, then publish to LIVE. */
async function releaseFunctions(options, aws, io) {
  const { stack, template, state } = options;
  const functions = templateFunctions(template);
  mkdirSync(join(state, 'functions'), { recursive: true });
  const kept = [];
  const cases = edgeCases(io.now());
  for (const fn of functions) {
    let name;
    try {
      name = await aws([
        'cloudformation',
        'describe-stack-resource',
        '--stack-name',
        stack,
        '--logical-resource-id',
        fn.logicalId,
        '--query',
        'StackResourceDetail.PhysicalResourceId',
        '--output',
        'text',
      ]);
    } catch {
      // A first deploy: the stack creates (and publishes) the function; nothing is live yet.
      io.out(`${fn.file}: not in stack ${stack} yet; the stack creates it`);
      continue;
    }
    const previous = join(state, 'functions', `${name}.js`);
    await aws(['cloudfront', 'get-function', '--name', name, '--stage', 'LIVE', previous]);
    const described = JSON.parse(await aws(['cloudfront', 'describe-function', '--name', name]));
    const config = described.FunctionSummary.FunctionConfig;
    kept.push({ name, file: fn.file, previous, comment: config.Comment, runtime: config.Runtime });
    writeFileSync(stateFile(state), `${JSON.stringify(kept, null, 2)}\n`);
    const updated = JSON.parse(
      await aws([
        'cloudfront',
        'update-function',
        '--name',
        name,
        '--if-match',
        described.ETag,
        '--function-config',
        JSON.stringify({ Comment: fn.config.Comment, Runtime: fn.config.Runtime }),
        '--function-code',
        `fileb://${join(FUNCTIONS_DIR, fn.file)}`,
      ]),
    );
    const failures = [];
    for (const edgeCase of cases.filter((c) => c.file === fn.file)) {
      const eventFile = join(
        state,
        'functions',
        `${name}.${edgeCase.id.replaceAll(' ', '-')}.json`,
      );
      writeFileSync(eventFile, JSON.stringify(edgeCase.event));
      const answer = await aws([
        'cloudfront',
        'test-function',
        '--name',
        name,
        '--if-match',
        updated.ETag,
        '--stage',
        'DEVELOPMENT',
        '--event-object',
        `fileb://${eventFile}`,
      ]);
      if (options.dryRun) continue;
      const result = JSON.parse(answer).TestResult ?? {};
      const problem = result.FunctionErrorMessage
        ? `threw: ${result.FunctionErrorMessage}`
        : checkResult(
            resultOfTestFunction(result.FunctionOutput ?? 'null', edgeCase.expect),
            edgeCase.expect,
          );
      if (problem) failures.push(`${fn.file} ${edgeCase.id}: ${problem}`);
    }
    if (failures.length > 0) {
      throw new ReleaseError(
        `CloudFront's TestFunction refused ${fn.file} (left in DEVELOPMENT, LIVE unchanged):\n- ${failures.join('\n- ')}`,
      );
    }
    await aws(['cloudfront', 'publish-function', '--name', name, '--if-match', updated.ETag]);
    io.out(`${fn.file}: passed TestFunction on its recorded events; published to LIVE`);
  }
  if (kept.length === 0) return;
  // An early look at the live site with the new functions (pages, clock, downloads; the headers
  // change only with the stack): a function that passed TestFunction and still breaks the site
  // is rolled back now, not after the stack deploy. Edges pick a publish up within about a
  // minute, so this can miss one; the site step's smoke test catches it then.
  const stackUrl = await aws([
    'cloudformation',
    'describe-stacks',
    '--stack-name',
    stack,
    '--query',
    "Stacks[0].Outputs[?OutputKey=='SiteUrl'].OutputValue",
    '--output',
    'text',
  ]);
  const siteUrl = options.siteUrl ?? stackUrl;
  if (!/^https?:\/\//.test(siteUrl)) {
    if (options.dryRun) return;
    throw new ReleaseError(`stack ${stack} has no SiteUrl output (got ${JSON.stringify(siteUrl)})`);
  }
  const problems = await smokeTest({
    siteUrl,
    mode: options.fulfilment,
    secret: options.secret,
    checkHeaders: false,
    nowMs: io.now(),
  });
  if (problems.length > 0) {
    io.err(
      `::error::The live site fails with the new CloudFront Functions; rolling them back:\n- ${problems.join('\n- ')}`,
    );
    await restoreFunctions(state, aws, io);
    throw new ReleaseError('Rolled back to the previous CloudFront Functions. This deploy FAILED.');
  }
  io.out(`${siteUrl} passes with the new CloudFront Functions (headers: after the stack deploy).`);
}

/** Step `site`: keep the live HTML, upload assets then HTML, invalidate, smoke-test, roll back. */
async function releaseSite(options, aws, io) {
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

/**
 * Make the bucket's HTML (everything but `assets/`) exactly the folder's, never cached by browsers:
 * the upload of a new site and the rollback to the kept one.
 */
function syncHtml(aws, from, bucket) {
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

/** Step `rollback`: the kept HTML and LIVE function code back in place, then invalidate. */
async function rollback(options, aws, io) {
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

/** Publish each function's kept LIVE code (from the `functions` step) again. */
async function restoreFunctions(state, aws, io) {
  const kept = existsSync(stateFile(state))
    ? JSON.parse(readFileSync(stateFile(state), 'utf8'))
    : [];
  for (const fn of kept) {
    const described = JSON.parse(await aws(['cloudfront', 'describe-function', '--name', fn.name]));
    const updated = JSON.parse(
      await aws([
        'cloudfront',
        'update-function',
        '--name',
        fn.name,
        '--if-match',
        described.ETag,
        '--function-config',
        JSON.stringify({ Comment: fn.comment, Runtime: fn.runtime }),
        '--function-code',
        `fileb://${fn.previous}`,
      ]),
    );
    await aws(['cloudfront', 'publish-function', '--name', fn.name, '--if-match', updated.ETag]);
    io.err(`${fn.file}: previous LIVE code published again`);
  }
}

async function invalidate(aws, distribution) {
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

/**
 * Run one step.
 * @param {string[]} argv - the arguments after the script name
 * @param {{ out?: (line: string) => void, err?: (line: string) => void, env?: Record<string, string|undefined>, now?: () => number }} [io]
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, io = {}) {
  const out = io.out ?? ((line) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line) => process.stderr.write(`${line}\n`));
  const env = io.env ?? process.env;
  const ioFull = { out, err, now: io.now ?? Date.now };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        state: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        stack: { type: 'string' },
        template: { type: 'string' },
        'site-dir': { type: 'string' },
        bucket: { type: 'string' },
        distribution: { type: 'string' },
        'site-url': { type: 'string' },
        'csp-facts': { type: 'string', default: DEFAULT_CSP_FACTS },
        fulfilment: { type: 'string', default: env.FULFILMENT || 'browser' },
      },
    });
  } catch (error) {
    err(`${error.message}\n${USAGE}`);
    return 2;
  }
  const [step] = parsed.positionals;
  const v = parsed.values;
  const need = {
    functions: ['stack', 'template'],
    site: ['site-dir', 'bucket', 'distribution', 'site-url'],
    rollback: ['bucket', 'distribution'],
  }[step];
  const missing = need ? ['state', ...need].filter((key) => !v[key]) : [];
  if (!need || missing.length > 0 || !['browser', 'server'].includes(v.fulfilment)) {
    err(
      `${need ? `missing --${missing.join(', --')}` : `unknown step ${JSON.stringify(step ?? '')}`}\n${USAGE}`,
    );
    return 2;
  }
  let secret = env.DOWNLOAD_SECRET;
  if (env.DOWNLOAD_SECRET_FILE) secret = readFileSync(env.DOWNLOAD_SECRET_FILE, 'utf8').trim();
  const options = {
    state: resolve(v.state),
    dryRun: v['dry-run'],
    stack: v.stack,
    template: v.template,
    siteDir: v['site-dir'],
    bucket: v.bucket,
    distribution: v.distribution,
    siteUrl: v['site-url'],
    cspFacts: v['csp-facts'],
    fulfilment: v.fulfilment,
    secret,
  };
  const aws = awsCli({ dryRun: options.dryRun, io: ioFull });
  try {
    if (step === 'functions') {
      await releaseFunctions(options, aws, ioFull);
      return 0;
    }
    if (step === 'site') return await releaseSite(options, aws, ioFull);
    await rollback(options, aws, ioFull);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n${USAGE}`);
      return 2;
    }
    err(`::error::${step}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = await main(process.argv.slice(2));
