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
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { awsCli, UsageError } from './release/aws.mjs';
import { releaseFunctions } from './release/functions.mjs';
import { releaseSite, rollback } from './release/site.mjs';
import { configuredSecret } from './secret.mjs';
import { DEFAULT_CSP_FACTS } from './smoke-test.mjs';

const USAGE = `usage: node infra/scripts/release-site.mjs <functions|site|rollback> --state <dir> [--dry-run]
  functions --stack <name> --template <file> [--site-url <url>] [--fulfilment browser|server]
  site      --site-dir <dir> --bucket <name> --distribution <id> --site-url <url> [--csp-facts <file>] [--fulfilment browser|server]
  rollback  --bucket <name> --distribution <id>
`;

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
  let secret;
  try {
    secret = await configuredSecret(env);
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
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
