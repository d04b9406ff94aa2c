/**
 * The `binaries-updated` repository_dispatch from the Go repository: its client_payload, validated
 * against the JSON Schema kept in this package and against what a schema cannot say.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PLATFORM_CATALOGUE, type Platform } from '@local-memory/download-keys';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { OpsError } from '../errors.js';
import { assertFetchableUrl, type FetchPolicy } from './urlPolicy.js';

/** Where the schema lives (shipped beside dist/; found through the package's own name). */
export const SCHEMA_PATH = join(
  dirname(createRequire(import.meta.url).resolve('@local-memory/download-ops/package.json')),
  'schema',
  'binaries-updated.schema.json',
);

export interface DispatchArtifact {
  readonly platform: Platform;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly url: string;
}

export interface BinariesUpdatedPayload {
  readonly version: string;
  readonly commit: string;
  readonly repository: string;
  readonly run_id?: string;
  readonly run_url: string;
  readonly released_at: string;
  readonly force?: boolean;
  readonly artifacts: readonly DispatchArtifact[];
}

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function validator() {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return compiled;
}

function describeError(error: ErrorObject): string {
  const where =
    error.instancePath === '' ? 'the payload' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'additionalProperties')
    return `${where} has an unexpected property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  if (error.keyword === 'required')
    return `${where} lacks "${(error.params as { missingProperty: string }).missingProperty}"`;
  if (error.keyword === 'enum')
    return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Validate a client_payload: the schema, then what a schema cannot say (each platform once, the
 * file name matching the platform).
 * @returns the readable problems; empty when valid
 */
export function validateDispatch(payload: unknown, policy: FetchPolicy = {}): string[] {
  const validate = validator();
  if (!validate(payload)) {
    const errors = (validate.errors ?? []).filter((error) => {
      // Test switches only: a URL the test policy accepts passes the https:// pattern.
      if (!(policy.allowFileUrls || policy.allowLoopbackHttp)) return true;
      if (error.keyword !== 'pattern' || !/^\/artifacts\/\d+\/url$/.test(error.instancePath))
        return true;
      const url = instanceAt(payload, error.instancePath);
      try {
        assertFetchableUrl(String(url), policy);
        return false;
      } catch {
        return true;
      }
    });
    if (errors.length > 0) return errors.map(describeError);
  }
  const { artifacts } = payload as BinariesUpdatedPayload;
  const problems: string[] = [];
  const seen = new Set<string>();
  artifacts.forEach((artifact, index) => {
    if (seen.has(artifact.platform))
      problems.push(`artifacts.${index}.platform "${artifact.platform}" appears twice`);
    seen.add(artifact.platform);
    const expected = PLATFORM_CATALOGUE[artifact.platform].filename;
    if (artifact.name !== expected)
      problems.push(
        `artifacts.${index}.name must be "${expected}" for platform ${artifact.platform}`,
      );
  });
  return problems;
}

function instanceAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], value);
}

/**
 * Parse and validate, or throw OpsError INVALID_PAYLOAD listing every problem.
 * @param payload - the parsed JSON
 * @param policy - test switches (file:// and loopback http URLs)
 * @returns the typed payload
 * @throws {OpsError} INVALID_PAYLOAD
 */
export function parseDispatch(payload: unknown, policy: FetchPolicy = {}): BinariesUpdatedPayload {
  const problems = validateDispatch(payload, policy);
  if (problems.length > 0) {
    throw new OpsError(
      `the binaries-updated payload is invalid: ${problems.join('; ')}`,
      'INVALID_PAYLOAD',
    );
  }
  return payload as BinariesUpdatedPayload;
}
