/**
 * The release manifest kept at `{prefix}/release.json`: what every window must hold. The
 * storefront reads it (version, size and SHA-256 per platform), so existing fields keep their
 * names and types; new ones are optional.
 * @module
 */
import { PLATFORMS, type Platform } from '@local-memory/download-keys';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { OpsError } from './errors.js';
import type { Store } from './store/types.js';

export interface ManifestArtifact {
  readonly filename: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ReleaseManifest {
  readonly schemaVersion: 1;
  /**
   * When the release was uploaded: written as Unix seconds, like every time in this manifest;
   * manifests written before that hold ISO 8601 text, still read (the storefront too). Use
   * {@link uploadedAtSeconds}.
   */
  readonly uploadedAt: string | number;
  readonly build: { readonly version?: string; readonly commit?: string };
  readonly artifacts: Readonly<Record<Platform, ManifestArtifact>>;
  /** Unix seconds: when the build was released (from the binaries-updated dispatch). */
  readonly releasedAt?: number;
  /** Unix seconds: the last rotate that wrote the windows (the clock guard's reference). */
  readonly rotatedAt?: number;
}

export const manifestKey = (prefix: string) => `${prefix}/release.json`;

/**
 * When the release was uploaded, in Unix seconds, whichever form the manifest records.
 * @param manifest - a validated manifest
 * @returns Unix seconds (whole)
 */
export function uploadedAtSeconds(manifest: Pick<ReleaseManifest, 'uploadedAt'>): number {
  const { uploadedAt } = manifest;
  return typeof uploadedAt === 'number' ? uploadedAt : Math.floor(Date.parse(uploadedAt) / 1000);
}

const SCHEMA = {
  type: 'object',
  required: ['schemaVersion', 'uploadedAt', 'build', 'artifacts'],
  properties: {
    schemaVersion: { const: 1 },
    uploadedAt: {
      oneOf: [
        { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
        { type: 'integer', minimum: 0 },
      ],
    },
    build: {
      type: 'object',
      additionalProperties: false,
      properties: { version: { type: 'string' }, commit: { type: 'string' } },
    },
    releasedAt: { type: 'integer', minimum: 0 },
    rotatedAt: { type: 'integer', minimum: 0 },
    artifacts: {
      type: 'object',
      additionalProperties: false,
      required: [...PLATFORMS],
      properties: Object.fromEntries(
        PLATFORMS.map((platform) => [
          platform,
          {
            type: 'object',
            required: ['filename', 'size', 'sha256'],
            properties: {
              filename: { type: 'string', minLength: 1 },
              size: { type: 'integer', minimum: 0 },
              sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            },
          },
        ]),
      ),
    },
  },
} as const;

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function validator() {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(SCHEMA);
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the manifest' : error.instancePath.slice(1);
  if (error.keyword === 'required')
    return `${where} lacks "${(error.params as { missingProperty: string }).missingProperty}"`;
  return `${where.replaceAll('/', '.')} ${error.message ?? 'is invalid'}`;
}

/**
 * Problems with a parsed manifest; empty when it matches the schema.
 * @param value - the parsed JSON
 * @returns readable problems
 */
export function manifestProblems(value: unknown): string[] {
  const validate = validator();
  return validate(value) ? [] : (validate.errors ?? []).map(describe);
}

/**
 * Read and validate `{prefix}/release.json`.
 * @param store - the release store
 * @param prefix - key prefix
 * @returns the manifest
 * @throws {OpsError} NO_RELEASE when absent, BAD_MANIFEST when unreadable or not the schema
 */
export async function readManifest(store: Store, prefix: string): Promise<ReleaseManifest> {
  const s3Key = manifestKey(prefix);
  const bytes = await store.get(s3Key);
  if (bytes === null) {
    throw new OpsError(
      `no release has been uploaded to ${store.description} under ${prefix}/ (missing ${s3Key}); run \`download-ops upload <dir>\` first`,
      'NO_RELEASE',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new OpsError(
      `${s3Key} is not valid JSON; run \`download-ops upload <dir>\` again to rewrite it`,
      'BAD_MANIFEST',
      { cause: error },
    );
  }
  const problems = manifestProblems(value);
  if (problems.length > 0) {
    throw new OpsError(
      `${s3Key} is not a valid release manifest (${problems.slice(0, 3).join('; ')}); run \`download-ops upload <dir>\` again to rewrite it`,
      'BAD_MANIFEST',
    );
  }
  return value as ReleaseManifest;
}

/** Write the manifest (pretty JSON, one trailing newline). */
export async function writeManifest(
  store: Store,
  prefix: string,
  manifest: ReleaseManifest,
): Promise<void> {
  await store.putBytes(
    manifestKey(prefix),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'application/json',
  );
}
