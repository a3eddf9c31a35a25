import 'server-only';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, StorageNotFoundError, type Storage } from './storage';

/**
 * Files under one root directory, fanned out by the key's first two characters so no directory
 * grows to hundreds of thousands of entries.
 */
export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  /** The file of a key, refused unless it is inside the root (defence in depth behind the key check). */
  private pathOf(key: string): string {
    assertStorageKey(key);
    const file = path.resolve(this.root, key.slice(0, 2), key);
    const inside = path.relative(this.root, file);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside))
      throw new Error('Storage path escapes the upload directory');
    return file;
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside the target, then renamed: readers never see a half-written file, and a crash
    // leaves only a *.partial file that no key points to.
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(partial, body, { flag: 'wx' });
      else await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Opened now, so a missing file is an error here rather than a broken stream later.
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StorageNotFoundError(key) : error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
