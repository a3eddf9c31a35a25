/**
 * The storage contract (lib/storage/storage.ts), run against both stores: the local disk and an
 * S3-compatible bucket (s3rver, started here). getStorage() picks S3 when it is configured.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../support/s3';
import { LocalDiskStorage } from '../../lib/storage/local-disk';
import { S3Storage } from '../../lib/storage/s3';
import { getStorage, newStorageKey, StorageNotFoundError, type Storage } from '../../lib/storage';

// A port beside the browser tests' (E2E_PORT), so parallel checkouts given their own ports do not collide.
const S3_PORT = Number(process.env.E2E_PORT ?? 3100) + 15;
let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  s3 = await startS3(S3_PORT);
});
afterAll(async () => {
  await s3?.stop();
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** `size` bytes produced lazily in 64 KB chunks (never one buffer), with their SHA-256. */
function generated(size: number): { stream: Readable; sha256: Promise<string> } {
  const hash = createHash('sha256');
  let sent = 0;
  let resolve!: (v: string) => void;
  const sha256 = new Promise<string>((r) => (resolve = r));
  const stream = new Readable({
    read() {
      if (sent >= size) {
        resolve(hash.digest('hex'));
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(65_536, size - sent), sent % 251);
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256 };
}

const stores: [string, () => Storage][] = [
  ['local disk', () => new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'dondoc-disk-')))],
  [
    'S3 (s3rver)',
    () =>
      new S3Storage({
        bucket: s3.env.S3_BUCKET,
        endpoint: s3.env.S3_ENDPOINT,
        accessKeyId: s3.env.S3_ACCESS_KEY_ID,
        secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: true,
      }),
  ],
];

describe.each(stores)('storage: %s', (_name, make) => {
  it('stores a buffer and gives it back as a stream; delete removes it, twice is fine', async () => {
    const store = make();
    const key = newStorageKey();
    await store.put(key, Buffer.from('Biên bản họp'));
    expect((await bytesOf(await store.get(key))).toString()).toBe('Biên bản họp');
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('streams a 21 MB file in and out (multipart on S3) with the same checksum', async () => {
    const store = make();
    const key = newStorageKey();
    const source = generated(21 * 1024 * 1024);
    await store.put(key, source.stream);
    const back = createHash('sha256');
    let length = 0;
    for await (const chunk of await store.get(key)) {
      back.update(chunk as Buffer);
      length += (chunk as Buffer).length;
    }
    expect(length).toBe(21 * 1024 * 1024);
    expect(back.digest('hex')).toBe(await source.sha256);
  });

  it('a failed upload leaves nothing under its key', async () => {
    const store = make();
    const key = newStorageKey();
    let sent = 0;
    const broken = new Readable({
      read() {
        if (sent++ < 100) this.push(Buffer.alloc(65_536, 1));
        else this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(key, broken)).rejects.toThrow();
    await expect(store.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('refuses a key that is not ours', async () => {
    const store = make();
    await expect(store.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow('Invalid storage key');
    await expect(store.get('A'.repeat(32))).rejects.toThrow('Invalid storage key');
  });
});

describe('getStorage', () => {
  it('is the S3 bucket when S3 is configured, the disk otherwise', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, s3.env);
      const store = getStorage();
      expect(store).toBeInstanceOf(S3Storage);
      const key = newStorageKey();
      await store.put(key, Buffer.from('trong bucket'));
      // the object is in s3rver's folder, under the evidence/ prefix
      expect(readdirSync(s3.directory, { recursive: true }).some((f) => String(f).includes(key))).toBe(true);
      for (const name of Object.keys(s3.env)) delete process.env[name];
      expect(getStorage()).toBeInstanceOf(LocalDiskStorage);
    } finally {
      process.env = saved;
    }
  });
});
