import 'server-only';

import { z } from 'zod';

import { DEFAULT_CHUNK_SIZE, newDataKey, unwrapDataKey, wrapDataKey } from './crypto';
import type { Keyring } from './keyring';

/** What documents.encryption holds: enough to find the master key and open the body. */
export const encryptionInfoSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('aes-256-gcm-chunked'),
  chunkSize: z.number().int().min(1024),
  kid: z.string().min(1),
  wrappedKey: z.string().min(1),
});
export type EncryptionInfo = z.infer<typeof encryptionInfoSchema>;

/** The wrapped key is bound to its practice and document, so it cannot be moved to another row. */
export function keyContext(practiceId: string, documentId: string): string {
  return `${practiceId}/${documentId}`;
}

export function createEnvelope(keyring: Keyring, context: string) {
  const dataKey = newDataKey();
  const info: EncryptionInfo = {
    v: 1,
    alg: 'aes-256-gcm-chunked',
    chunkSize: DEFAULT_CHUNK_SIZE,
    kid: keyring.current.kid,
    wrappedKey: wrapDataKey(dataKey, keyring.current.key, context),
  };

  return { dataKey, info };
}

export function openEnvelope(raw: unknown, keyring: Keyring, context: string): Buffer {
  const info = encryptionInfoSchema.parse(raw);
  const master = keyring.byKid.get(info.kid);
  if (!master) throw new Error(`document master key ${info.kid} is not configured`);

  return unwrapDataKey(info.wrappedKey, master.key, context);
}

/** Re-wraps under the newest master key; null when already current. */
export function rewrapEnvelope(
  raw: unknown,
  keyring: Keyring,
  context: string,
): EncryptionInfo | null {
  const info = encryptionInfoSchema.parse(raw);
  if (info.kid === keyring.current.kid) return null;
  const dataKey = openEnvelope(info, keyring, context);

  return {
    ...info,
    kid: keyring.current.kid,
    wrappedKey: wrapDataKey(dataKey, keyring.current.key, context),
  };
}
