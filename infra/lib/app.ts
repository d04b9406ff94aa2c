/**
 * Build the CDK app: config from context, the stack, and cdk-nag's AwsSolutions checks as a
 * validation plugin (cdk-nag 3; synth fails on any unsuppressed finding).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PRODUCT_NAME } from '@local-memory/catalog';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONTEXT_KEYS, parseConfig, RETIRED_KEYS } from './config';
import { REPO_DIR, SITE_CSP_FACTS } from './paths';
import { StorefrontStack } from './stack';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Context values (tests); otherwise the CLI's context. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  readonly apiEntry?: string;
  /** The site build's inline-style hashes; by default read from the landing build (SITE_CSP_FACTS). */
  readonly styleHashes?: readonly string[];
  /** The site build's inline-script hashes; by default read from the landing build too. */
  readonly scriptHashes?: readonly string[];
}

/** The hashes the landing build recorded, or none when the site has not been built. */
function builtHashes(list: 'styleHashes' | 'scriptHashes'): string[] {
  if (!existsSync(SITE_CSP_FACTS)) return [];
  const facts = JSON.parse(readFileSync(SITE_CSP_FACTS, 'utf8')) as Record<string, unknown>;
  const hashes = facts[list];
  if (!Array.isArray(hashes))
    throw new Error(
      `${SITE_CSP_FACTS}: no ${list} list; rebuild the site (npm run build in apps/landing)`,
    );
  return hashes.map(String);
}

/**
 * @returns the app and its one stack
 * @throws {ConfigError} when the context is wrong
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: Stack } {
  const app = new App({
    ...(options.context && { context: options.context }),
    ...(options.outdir && { outdir: options.outdir }),
  });
  const keys = [...CONTEXT_KEYS, ...Object.keys(RETIRED_KEYS)];
  const raw: Record<string, unknown> = {};
  for (const key of keys) raw[key] = app.node.tryGetContext(key);
  const config = parseConfig(raw);
  // Only for trying a synth before apps/api exists; deployments use apps/api/src/lambda.ts.
  const contextEntry = app.node.tryGetContext('apiEntry') as string | undefined;
  const apiEntry = options.apiEntry ?? (contextEntry ? resolve(REPO_DIR, contextEntry) : undefined);
  const stack = new StorefrontStack(app, config.stackName, {
    config,
    ...(apiEntry && { apiEntry }),
    styleHashes: options.styleHashes ?? builtHashes('styleHashes'),
    scriptHashes: options.scriptHashes ?? builtHashes('scriptHashes'),
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
    },
    description: `${PRODUCT_NAME} storefront (${config.fulfilment} fulfilment)`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
