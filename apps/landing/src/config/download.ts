/**
 * Browser mode's download secret and base URL, validated with the library's own rules. Kept apart
 * from config/env.ts so that only the Success page, which derives keys and links, loads
 * `@local-memory/download-keys`; every other page stays free of the key derivation.
 * @module
 */
import {
  assertConfiguredSecret,
  isDownloadKeysError,
  normalizeBaseUrl,
} from '@local-memory/download-keys';
import {
  type AppConfig,
  type ConfigProblem,
  config,
  type DownloadConfig,
  readConfig,
  text,
} from './env';

/** Validate `VITE_DOWNLOAD_SECRET` and `VITE_DOWNLOAD_BASE_URL`, naming each wrong one. */
export function readDownload(env: Readonly<Record<string, unknown>>): DownloadConfig {
  const problems: ConfigProblem[] = [];
  let secret = '';
  try {
    secret = assertConfiguredSecret(env.VITE_DOWNLOAD_SECRET, 'VITE_DOWNLOAD_SECRET');
  } catch (error) {
    if (!isDownloadKeysError(error)) throw error;
    problems.push({ variable: 'VITE_DOWNLOAD_SECRET', message: error.message });
  }
  let baseUrl = '/downloads';
  const rawBase = text(env, 'VITE_DOWNLOAD_BASE_URL');
  if (rawBase !== undefined) {
    try {
      baseUrl = normalizeBaseUrl(rawBase, 'VITE_DOWNLOAD_BASE_URL');
    } catch (error) {
      if (!isDownloadKeysError(error)) throw error;
      problems.push({
        variable: 'VITE_DOWNLOAD_BASE_URL',
        message: `${error.message}. Use /downloads, https://localmemory.co/downloads or your CDN's https origin.`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, secret, baseUrl };
}

/** The whole configuration, the download secret included. Pure: tests pass their own `env`. */
export function readFullConfig(
  env: Readonly<Record<string, unknown>>,
): AppConfig & { readonly download: DownloadConfig } {
  const full = readConfig(env, readDownload);
  if (full.download === undefined) throw new Error('readConfig ignored its download reader');
  return { ...full, download: full.download };
}

/**
 * This build's download configuration, for the Success page: server mode's was settled with the
 * rest of the configuration; browser mode's secret is read here, once.
 */
export const downloadConfig: DownloadConfig = config.download ?? readDownload(import.meta.env);
