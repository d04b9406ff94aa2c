/**
 * A local folder with the S3 layout: object key `downloads/…` is file `{root}/downloads/…`, and
 * metadata sits beside each file in `{file}.meta.json`. Used by the landing demo and dry runs.
 * Writes go to a temporary file first and are renamed into place, so a reader never sees half a ZIP.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { OpsError } from '../errors.js';
import type { ListedObject, ObjectMetadata, PutProgress, Store, StoredObject } from './types.js';

const META_SUFFIX = '.meta.json';

export class FsStore implements Store {
  readonly root: string;
  readonly description: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.description = `folder ${this.root}`;
  }

  private path(s3Key: string): string {
    const file = resolve(this.root, ...s3Key.split('/'));
    if (!file.startsWith(this.root + sep))
      throw new OpsError(
        `key ${s3Key} escapes the store ${this.root}; keys are paths under the prefix`,
        'UNSAFE_S3_KEY',
      );
    return file;
  }

  private async writeAtomically(file: string, write: (tmp: string) => Promise<void>) {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await write(tmp);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async putFile(
    s3Key: string,
    file: string,
    size: number,
    metadata: ObjectMetadata,
    onProgress?: PutProgress,
  ): Promise<void> {
    const target = this.path(s3Key);
    await this.writeAtomically(target, (tmp) => copyFile(file, tmp));
    await this.writeAtomically(`${target}${META_SUFFIX}`, (tmp) =>
      writeFile(tmp, `${JSON.stringify(metadata)}\n`),
    );
    onProgress?.(size, size);
  }

  async putBytes(s3Key: string, body: Uint8Array): Promise<void> {
    await this.writeAtomically(this.path(s3Key), (tmp) => writeFile(tmp, body));
  }

  async putIfAbsent(s3Key: string, body: Uint8Array): Promise<boolean> {
    const file = this.path(s3Key);
    await mkdir(dirname(file), { recursive: true });
    // An exclusive create ('wx' fails with EEXIST when another writer got there first). A reader
    // may catch the file before its bytes land; the lease code treats that as "held".
    let handle: import('node:fs/promises').FileHandle;
    try {
      handle = await open(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(body);
    } finally {
      await handle.close();
    }
    return true;
  }

  async head(s3Key: string): Promise<StoredObject | null> {
    const file = this.path(s3Key);
    try {
      const stats = await stat(file);
      if (!stats.isFile()) return null;
      let metadata: ObjectMetadata | null = null;
      try {
        metadata = JSON.parse(await readFile(`${file}${META_SUFFIX}`, 'utf8')) as ObjectMetadata;
      } catch {
        metadata = null;
      }
      return { s3Key, size: stats.size, metadata };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async get(s3Key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.path(s3Key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async hashObject(s3Key: string): Promise<string | null> {
    const hash = createHash('sha256');
    try {
      await pipeline(createReadStream(this.path(s3Key)), hash);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return hash.digest('hex');
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    const start = this.path(prefix);
    const walk = async function* (dir: string): AsyncIterable<string> {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full);
        else if (
          entry.isFile() &&
          !entry.name.endsWith(META_SUFFIX) &&
          !entry.name.endsWith('.tmp')
        )
          yield full;
      }
    };
    for await (const file of walk(start)) {
      const stats = await stat(file);
      yield { s3Key: relative(this.root, file).split(sep).join('/'), size: stats.size };
    }
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    const source = this.path(sourceKey);
    const target = this.path(targetKey);
    await this.writeAtomically(target, (tmp) => copyFile(source, tmp));
    try {
      await this.writeAtomically(`${target}${META_SUFFIX}`, (tmp) =>
        copyFile(`${source}${META_SUFFIX}`, tmp),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async deleteMany(keys: readonly string[]): Promise<{ deleted: number; requests: number }> {
    for (const s3Key of keys) {
      const file = this.path(s3Key);
      await rm(file, { force: true });
      await rm(`${file}${META_SUFFIX}`, { force: true });
    }
    return {
      deleted: keys.length,
      requests: keys.length === 0 ? 0 : Math.ceil(keys.length / 1000),
    };
  }
}
