/**
 * A release on disk: one ZIP per platform, named as the catalogue says, each checked to be a
 * real ZIP holding the catalogue's entries before anything is uploaded.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PLATFORM_CATALOGUE, PLATFORMS, type Platform } from '@local-memory/download-keys';
import { OpsError } from './errors.js';

export interface ReleaseFile {
  readonly platform: Platform;
  readonly filename: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** Lowercase hex SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * Names of the entries in a ZIP's central directory, read from the end of the file without
 * loading it whole. Throws OpsError NOT_A_ZIP when the file is not a ZIP.
 */
export async function zipEntryNames(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const notZip = (why: string) =>
      new OpsError(`${path} is not a ZIP file (${why}); rebuild the release archive`, 'NOT_A_ZIP');
    if (size < 22) throw notZip('too short');
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50 && head.readUInt32LE(0) !== EOCD_SIGNATURE)
      throw notZip('no ZIP signature at the start');
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip('no end-of-central-directory record');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw notZip('central directory out of range');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL_SIGNATURE)
        throw notZip('damaged central directory');
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      names.push(cd.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await handle.close();
  }
}

/**
 * Refuse an entry name that could write outside the folder it is extracted into: a `..` segment,
 * an absolute path, a drive letter or a backslash (a separator on Windows).
 * @param name - the entry name from the central directory
 * @param zip - the archive, for the message
 * @throws {OpsError} UNSAFE_ZIP_ENTRY
 */
export function assertSafeEntryName(name: string, zip: string): void {
  const why = name.includes('\\')
    ? 'a backslash'
    : name.startsWith('/')
      ? 'an absolute path'
      : /^[A-Za-z]:/.test(name)
        ? 'a drive letter'
        : name.split('/').includes('..')
          ? 'a ".." segment'
          : name.includes('\0')
            ? 'a NUL byte'
            : null;
  if (why !== null) {
    throw new OpsError(
      `${zip} has an entry ${JSON.stringify(name)} with ${why}, which could write outside the folder it is unpacked into; rebuild the archive with relative paths`,
      'UNSAFE_ZIP_ENTRY',
    );
  }
}

/**
 * Find and check the platform ZIPs in `dir`. Every platform must be present.
 * @throws {OpsError} MISSING_ZIPS, NOT_A_ZIP, WRONG_CONTENTS, UNSAFE_ZIP_ENTRY
 */
export async function readRelease(dir: string): Promise<ReleaseFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new OpsError(`cannot read the release folder ${dir}; check the path`, 'MISSING_ZIPS', {
      cause: error,
    });
  }
  const missing = PLATFORMS.filter((p) => !names.includes(PLATFORM_CATALOGUE[p].filename));
  if (missing.length > 0) {
    throw new OpsError(
      `the release folder ${dir} lacks ${missing.map((p) => PLATFORM_CATALOGUE[p].filename).join(', ')}; every platform is uploaded together so no window is ever half-filled`,
      'MISSING_ZIPS',
    );
  }
  const files: ReleaseFile[] = [];
  for (const platform of PLATFORMS) {
    const { filename, contents } = PLATFORM_CATALOGUE[platform];
    const path = join(dir, filename);
    const entries = await zipEntryNames(path);
    for (const entry of entries) assertSafeEntryName(entry, filename);
    const absent = contents.filter((c) => !entries.some((e) => e === c || e.endsWith(`/${c}`)));
    if (absent.length > 0) {
      throw new OpsError(
        `${filename} lacks ${absent.join(', ')}; the ${platform} archive must contain ${contents.join(', ')}`,
        'WRONG_CONTENTS',
      );
    }
    const { size } = await stat(path);
    files.push({ platform, filename, path, size, sha256: await sha256File(path) });
  }
  return files;
}
