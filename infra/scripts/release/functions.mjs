// Step `functions` of a release (release-site.mjs): each CloudFront Function of the synthesized
// template tested in DEVELOPMENT on its recorded events, published to LIVE, the live site
// smoke-tested, and the kept LIVE code restored on failure.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkResult, edgeCases, resultOfTestFunction } from '../edge-cases.mjs';
import { smokeTest } from '../smoke-test.mjs';
import { ReleaseError } from './aws.mjs';

const FUNCTIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lib', 'functions');

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
export async function releaseFunctions(options, aws, io) {
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

/** Publish each function's kept LIVE code (from the `functions` step) again. */
export async function restoreFunctions(state, aws, io) {
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
