/**
 * The release manifest download-ops publishes beside the downloads (`{prefix}/release.json`, see
 * packages/download-ops/src/operations.ts `ReleaseManifest`), read by the Success page to show the
 * version, date, sizes, SHA-256 checksums and system requirements.
 * @module
 */
import { PLATFORM_CATALOGUE, PLATFORMS, type Platform } from '@local-memory/download-keys';
import { LandingError } from '../../config/errors';

/** One platform's file as the manifest lists it. */
export interface ReleaseArtifact {
  readonly platform: Platform;
  readonly label: string;
  readonly filename: string;
  readonly size: number;
  readonly sha256: string;
  readonly requirements: string;
}

export interface ReleaseInfo {
  readonly version: string | null;
  /** ISO 8601, when the release was published. */
  readonly releasedAt: string;
  readonly artifacts: readonly ReleaseArtifact[];
}

/** A manifest that cannot be shown. */
export class ReleaseManifestError extends LandingError<
  'INVALID_RELEASE_MANIFEST' | 'RELEASE_MANIFEST_UNAVAILABLE'
> {
  override readonly name: string = 'ReleaseManifestError';
  /**
   * @param message - what is wrong with release.json
   * @param code - unavailable (fetch failed, not 2xx) or invalid (the default)
   * @param options - the error this one explains
   */
  constructor(
    message: string,
    code: 'INVALID_RELEASE_MANIFEST' | 'RELEASE_MANIFEST_UNAVAILABLE' = 'INVALID_RELEASE_MANIFEST',
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** What each download needs to run; a manifest's `requirements` entry overrides it. */
export const SYSTEM_REQUIREMENTS: Readonly<Record<Platform, string>> = {
  macos: 'macOS 12 (Monterey) or later, on Apple silicon or Intel.',
  windows: 'Windows 10 or 11, 64-bit (x64).',
  linux: 'Linux on x64 with glibc 2.31 or later (Ubuntu 20.04, Debian 11, Fedora 32 or newer).',
  universal: 'Any of the systems above; the archive holds every build.',
};

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * `uploadedAt` as ISO 8601: download-ops writes Unix seconds; manifests written before that hold
 * ISO 8601 text, still read as it is.
 * @returns the ISO text, or null when it is neither
 */
function uploadedAtIso(uploadedAt: unknown): string | null {
  if (typeof uploadedAt === 'number') {
    return Number.isSafeInteger(uploadedAt) && uploadedAt >= 0
      ? new Date(uploadedAt * 1000).toISOString()
      : null;
  }
  return typeof uploadedAt === 'string' ? uploadedAt : null;
}

/**
 * Check and read a parsed release.json.
 * @param value - the parsed JSON
 * @returns the release, artifacts in display order
 * @throws {ReleaseManifestError} when it is not a schemaVersion 1 manifest with valid artifacts
 */
export function parseReleaseManifest(value: unknown): ReleaseInfo {
  if (typeof value !== 'object' || value === null)
    throw new ReleaseManifestError('release.json is not an object');
  const manifest = value as {
    schemaVersion?: unknown;
    uploadedAt?: unknown;
    build?: { version?: unknown; releasedAt?: unknown };
    artifacts?: Record<string, { filename?: unknown; size?: unknown; sha256?: unknown }>;
    requirements?: Record<string, unknown>;
  };
  if (manifest.schemaVersion !== 1)
    throw new ReleaseManifestError('release.json has an unknown schemaVersion');
  const releasedAt =
    typeof manifest.build?.releasedAt === 'string'
      ? manifest.build.releasedAt
      : uploadedAtIso(manifest.uploadedAt);
  if (releasedAt === null || Number.isNaN(Date.parse(releasedAt)))
    throw new ReleaseManifestError('release.json has no valid uploadedAt');
  const artifacts: ReleaseArtifact[] = [];
  for (const platform of PLATFORMS) {
    const entry = manifest.artifacts?.[platform];
    if (entry === undefined) continue;
    const { filename, size, sha256 } = entry;
    if (
      filename !== PLATFORM_CATALOGUE[platform].filename ||
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size <= 0 ||
      typeof sha256 !== 'string' ||
      !SHA256.test(sha256)
    )
      throw new ReleaseManifestError(`release.json has a malformed ${platform} entry`);
    const override = manifest.requirements?.[platform];
    artifacts.push({
      platform,
      label: PLATFORM_CATALOGUE[platform].label,
      filename,
      size,
      sha256,
      requirements:
        typeof override === 'string' && override.trim() !== ''
          ? override
          : SYSTEM_REQUIREMENTS[platform],
    });
  }
  if (artifacts.length === 0) throw new ReleaseManifestError('release.json lists no downloads');
  const version = manifest.build?.version;
  return {
    version: typeof version === 'string' && version !== '' ? version : null,
    releasedAt,
    artifacts,
  };
}

/** A command that prints a file's SHA-256, and where to run it. */
export interface ChecksumCommand {
  readonly system: string;
  readonly command: string;
}

/**
 * How to check a download's SHA-256 on the systems it is for, naming the file.
 * @example checksumCommands('linux', 'local-memory-linux.zip') // [{ system: 'Linux', command: 'sha256sum local-memory-linux.zip' }]
 */
export function checksumCommands(platform: Platform, filename: string): ChecksumCommand[] {
  const mac = { system: 'macOS (Terminal)', command: `shasum -a 256 ${filename}` };
  const windows = {
    system: 'Windows (PowerShell)',
    command: `Get-FileHash ${filename} -Algorithm SHA256`,
  };
  const linux = { system: 'Linux', command: `sha256sum ${filename}` };
  switch (platform) {
    case 'macos':
      return [mac];
    case 'windows':
      return [windows];
    case 'linux':
      return [linux];
    default:
      return [mac, windows, linux];
  }
}

/**
 * Fetch and read `{baseUrl}/release.json`.
 * @param baseUrl - the download base (`/downloads` or a CDN origin and path)
 * @throws {ReleaseManifestError} when it cannot be fetched or read
 */
export async function loadReleaseInfo(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ReleaseInfo> {
  let response: Response;
  try {
    response = await fetchImpl(`${baseUrl.replace(/\/+$/, '')}/release.json`, {
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new ReleaseManifestError(
      'release.json could not be fetched',
      'RELEASE_MANIFEST_UNAVAILABLE',
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new ReleaseManifestError(
      `release.json answered ${response.status}`,
      'RELEASE_MANIFEST_UNAVAILABLE',
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new ReleaseManifestError('release.json is not JSON', 'INVALID_RELEASE_MANIFEST', {
      cause: error,
    });
  }
  return parseReleaseManifest(body);
}
