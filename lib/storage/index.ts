/**
 * Where evidence bytes live. The database keeps the metadata (lib/data/evidence.ts); the storage
 * keeps the bytes under server-generated keys. One interface, chosen by `getStorage()`, so an
 * S3-compatible store can replace the local disk without touching the data layer
 * (docs/decisions/004-evidence-storage.md).
 */
import 'server-only';
import path from 'node:path';
import { LocalDiskStorage } from './local-disk';
import { S3Storage } from './s3';
import type { Storage } from './storage';
import { env } from '../env';

export { newStorageKey, StorageNotFoundError, type Storage } from './storage';

let cached: { config: string; storage: Storage } | null = null;

/**
 * The configured store: an S3-compatible bucket when S3_BUCKET (with its keys) is set, otherwise
 * the local disk (UPLOAD_DIR, default .data/uploads). Read at call time, not import time, so tests
 * and scripts can set the variables first.
 */
export function getStorage(): Storage {
  const e = env();
  if (e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY) {
    const s3 = {
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === '1',
    };
    const config = `s3:${JSON.stringify(s3)}`;
    if (cached?.config !== config) cached = { config, storage: new S3Storage(s3) };
    return cached.storage;
  }
  // turbopackIgnore: the upload folder is data chosen at run time, not a build input to trace.
  const root = path.resolve(/*turbopackIgnore: true*/ e.UPLOAD_DIR ?? '.data/uploads');
  if (cached?.config !== root) cached = { config: root, storage: new LocalDiskStorage(root) };
  return cached.storage;
}
