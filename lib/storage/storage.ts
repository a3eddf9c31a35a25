/** The storage contract, shared by every implementation (no implementation imports index.ts). */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface Storage {
  /** Stores the bytes under `key`. Never leaves a partial object under `key` if it fails. */
  put(key: string, body: Buffer | Readable): Promise<void>;
  /** The stored bytes; rejects with StorageNotFoundError when nothing is stored under `key`. */
  get(key: string): Promise<Readable>;
  /** Removes the bytes; removing a missing key is not an error (cleanup may run twice). */
  delete(key: string): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object under key ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

/** 128 random bits as hex: unguessable, and never derived from anything a user typed. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

const KEY_PATTERN = /^[0-9a-f]{32}$/;

/** Keys become file names or object names: only our own format passes, so no key can name a path. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error('Invalid storage key');
}
