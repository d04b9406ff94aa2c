/**
 * The `binaries-updated` repository_dispatch from the Go repository: validate its client_payload
 * against the JSON Schema kept in this package, fetch each ZIP (https:// or file://), check size
 * and SHA-256, and hand the folder to `upload`.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PLATFORM_CATALOGUE, type Platform } from '@local-memory/download-keys';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { withRetry } from './retry.js';
import { OpsError } from './store/types.js';

/** Where the schema lives (shipped beside dist/ and src/). */
export const SCHEMA_PATH = fileURLToPath(
  new URL('../schema/binaries-updated.schema.json', import.meta.url),
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
export function validateDispatch(payload: unknown): string[] {
  const validate = validator();
  if (!validate(payload)) return (validate.errors ?? []).map(describeError);
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

/** Parse and validate, or throw OpsError INVALID_PAYLOAD listing every problem. */
export function parseDispatch(payload: unknown): BinariesUpdatedPayload {
  const problems = validateDispatch(payload);
  if (problems.length > 0) {
    throw new OpsError(
      `the binaries-updated payload is invalid:\n  - ${problems.join('\n  - ')}`,
      'INVALID_PAYLOAD',
    );
  }
  return payload as BinariesUpdatedPayload;
}

async function openSource(url: string, fetchImpl: typeof fetch): Promise<Readable> {
  if (url.startsWith('file://')) return createReadStream(fileURLToPath(url));
  const response = await fetchImpl(url, { redirect: 'follow' });
  if (!response.ok || response.body === null) {
    const error = new Error(`GET ${url} answered ${response.status}`) as Error & {
      $metadata: { httpStatusCode: number };
    };
    error.$metadata = { httpStatusCode: response.status };
    throw error;
  }
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
}

/**
 * Download every artifact into `workDir` and check its size and SHA-256 against the payload.
 * A mismatch deletes the file and fails: nothing unverified reaches the store.
 */
export async function fetchArtifacts(
  payload: BinariesUpdatedPayload,
  workDir: string,
  options: { readonly fetch?: typeof fetch; readonly log?: (line: string) => void } = {},
): Promise<void> {
  await mkdir(workDir, { recursive: true });
  for (const artifact of payload.artifacts) {
    const target = join(workDir, artifact.name);
    const { size, sha256 } = await withRetry(async () => {
      const hash = createHash('sha256');
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(
        await openSource(artifact.url, options.fetch ?? fetch),
        count,
        createWriteStream(target),
      );
      return { size: bytes, sha256: hash.digest('hex') };
    });
    if (size !== artifact.size || sha256 !== artifact.sha256) {
      await rm(target, { force: true });
      throw new OpsError(
        `${artifact.name} from ${artifact.url} does not match the payload: ${size} bytes with sha256 ${sha256}, expected ${artifact.size} bytes with sha256 ${artifact.sha256}. The build or the upload of the asset is broken; nothing was uploaded.`,
        'CHECKSUM_MISMATCH',
      );
    }
    options.log?.(`fetched   ${artifact.name} (${size} bytes, sha256 ok)`);
  }
}
