import type { Readable } from 'node:stream';

/**
 * Where sealed document bodies live. Keys are `<practiceId>/<documentId>`; bodies are
 * already encrypted, so a store sees only ciphertext.
 */
export interface DocumentStorage {
  /** Writes the whole stream durably, or nothing: a failed write leaves no object behind. */
  write(key: string, body: Readable): Promise<{ bytes: number }>;
  read(key: string): Promise<Readable>;
  /** Idempotent: removing a missing object is not an error. */
  remove(key: string): Promise<void>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STORAGE_KEY = new RegExp(`^${UUID}/${UUID}$`);

/** Keys are built by us from two UUIDs; anything else (../, absolute paths) is a bug. */
export function requireStorageKey(key: string): string {
  if (!STORAGE_KEY.test(key)) throw new Error('invalid document storage key');

  return key;
}

export function storageKeyFor(practiceId: string, documentId: string): string {
  return requireStorageKey(`${practiceId}/${documentId}`);
}
