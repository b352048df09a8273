import 'server-only';

import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { createEncryptStream } from './crypto';
import { resolveDeps, type DocumentDeps } from './deps';
import { createEnvelope, keyContext, type EncryptionInfo } from './envelope';
import { createInspectStream, MAX_DOCUMENT_BYTES, type InspectedBody } from './inspect-stream';
import { storageKeyFor } from './storage/types';

export interface StoredBody extends InspectedBody {
  documentId: string;
  storageKey: string;
  encryption: EncryptionInfo;
}

export type BodySource = Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

function toReadable(source: BodySource): Readable {
  if (source instanceof Readable) return source;
  if (typeof (source as ReadableStream).getReader === 'function') {
    return Readable.fromWeb(source as unknown as WebReadableStream<Uint8Array>);
  }

  return Readable.from(source as AsyncIterable<Uint8Array>);
}

/**
 * Streams an upload through the checks (size, type by content, SHA-256) and the cipher
 * into the store, never holding the file in memory. Touches no database: the caller
 * records the row afterwards and calls `discardStoredBody` if that fails.
 */
export async function storeDocumentBody(
  practiceId: string,
  source: BodySource,
  options: { maxBytes?: number } = {},
  deps?: DocumentDeps,
): Promise<StoredBody> {
  const { keyring, storage } = resolveDeps(deps);
  const documentId = randomUUID();
  const storageKey = storageKeyFor(practiceId, documentId);
  const { dataKey, info } = createEnvelope(keyring, keyContext(practiceId, documentId));
  const inspect = createInspectStream(options.maxBytes ?? MAX_DOCUMENT_BYTES);
  const sealed = new PassThrough();

  const [piped, written] = await Promise.allSettled([
    pipeline(
      toReadable(source),
      inspect.stream,
      createEncryptStream(dataKey, info.chunkSize),
      sealed,
    ),
    storage.write(storageKey, sealed),
  ]);
  if (piped.status === 'rejected' || written.status === 'rejected') {
    await storage.remove(storageKey);
    // The inspection error (413, 415) is the one worth reporting, not the write it broke.
    throw piped.status === 'rejected' ? piped.reason : (written as PromiseRejectedResult).reason;
  }

  return { ...inspect.result(), documentId, storageKey, encryption: info };
}

export async function discardStoredBody(stored: StoredBody, deps?: DocumentDeps): Promise<void> {
  await resolveDeps(deps).storage.remove(stored.storageKey);
}
