/**
 * Shared by the synth tests: the contexts of both fulfilment modes and a synth into a temporary
 * directory (cdk-nag runs as validation: any unacknowledged finding throws).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDITIONS } from '@local-memory/catalog';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../lib/app';
import { priceContextKey } from '../lib/config';
import { API_ENTRY } from '../lib/paths';
import type { StorefrontStack } from '../lib/stack';

// The API is built on another branch; until it is merged here, a fixture handler stands in so
// NodejsFunction still bundles a real file with esbuild.
const FIXTURE_ENTRY = join(import.meta.dirname, 'fixtures', 'lambda.ts');
export const apiEntry = existsSync(API_ENTRY) ? API_ENTRY : FIXTURE_ENTRY;

export const BROWSER: Record<string, unknown> = {
  githubRepository: 'acme/storefront',
  fulfilment: 'browser',
  operatorEmail: 'ops@example.com',
};
export const SERVER: Record<string, unknown> = {
  githubRepository: 'acme/storefront',
  fulfilment: 'server',
  domainName: 'shop.example.com',
  wwwAlias: 'true',
  certificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
  // One context value per edition's price (lib/config.ts, priceContextKey).
  ...Object.fromEntries(
    Object.values(EDITIONS).map((edition, i) => [priceContextKey(edition), `price_1TestOnly${i}`]),
  ),
  mailFrom: 'orders@example.com',
  supportEmail: 'support@example.com',
  operatorEmail: 'ops@example.com',
  downloadsBucket: 'import:local-memory-secure-downloads',
};

/** A site build's inline-style hash, as apps/landing's prerender step records it. */
export const STYLE_HASH = 'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc=';
/** A site build's inline bootstrap-script hash, as the prerender step records it. */
export const SCRIPT_HASH = 'sha256-7pXuLxz66uH+kPBC/PFlCxolnpwSIezepjUEltYPTHQ=';

const synths = new Map<string, ReturnType<typeof synthOnce>>();

/**
 * Synthesise the app with `context` (and, when given, the stack in `region`). The files share one
 * module registry (vitest.config.ts), so a context synthesised by an earlier file is not
 * synthesised again: the server mode three times and the browser mode twice were 6 s of the
 * suite. The result is only read (the template is in memory; its directory is already gone).
 */
export function synth(context: Record<string, unknown>, region?: string) {
  const key = JSON.stringify([context, region ?? null]);
  let result = synths.get(key);
  if (!result) {
    result = synthOnce(context, region);
    synths.set(key, result);
  }
  return result;
}

function synthOnce(context: Record<string, unknown>, region?: string) {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-synth-'));
  const saved = process.env.CDK_DEFAULT_REGION;
  if (region) process.env.CDK_DEFAULT_REGION = region;
  try {
    const started = performance.now();
    const { app, stack } = buildApp({
      context,
      outdir,
      apiEntry,
      styleHashes: [STYLE_HASH],
      scriptHashes: [SCRIPT_HASH],
    });
    const assembly = app.synth();
    const ms = performance.now() - started;
    const templateFile = join(outdir, assembly.getStackByName(stack.stackName).templateFile);
    return {
      app,
      stack: stack as StorefrontStack,
      template: Template.fromStack(stack),
      ms,
      bytes: statSync(templateFile).size,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
    else process.env.CDK_DEFAULT_REGION = saved;
  }
}

export type Synth = ReturnType<typeof synth>;

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
export type Json = any;

/** The resources of one type, as objects. */
export const resources = (template: Template, type: string): Json[] =>
  Object.values(template.findResources(type));

/** The resources of one type by logical id. */
export const resourcesById = (template: Template, type: string): Record<string, Json> =>
  template.findResources(type);

/** The distribution's configuration. */
export const distributionConfig = (template: Template): Json =>
  resources(template, 'AWS::CloudFront::Distribution')[0].Properties.DistributionConfig;
