/**
 * Where evidence bytes live. The database keeps the metadata (lib/data/evidence.ts); the storage
 * keeps the bytes under server-generated keys. One interface, chosen by `getStorage()`, so an
 * S3-compatible store can replace the local disk without touching the data layer
 * (docs/decisions/004-evidence-storage.md).
 */
import 'server-only';
import path from 'node:path';
import { LocalDiskStorage } from './local-disk';
import type { Storage } from './storage';
import { env } from '../env';

export { newStorageKey, StorageNotFoundError, type Storage } from './storage';

let cached: { root: string; storage: Storage } | null = null;

/**
 * The configured store. Today only the local disk (UPLOAD_DIR, default .data/uploads). Read at
 * call time, not import time, so tests and scripts can set UPLOAD_DIR first.
 */
export function getStorage(): Storage {
  // turbopackIgnore: the upload folder is data chosen at run time, not a build input to trace.
  const root = path.resolve(/*turbopackIgnore: true*/ env().UPLOAD_DIR ?? '.data/uploads');
  if (cached?.root !== root) cached = { root, storage: new LocalDiskStorage(root) };
  return cached.storage;
}
