import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

import { ChunkBuffer } from './chunk-buffer';

/*
 * Envelope encryption for document bodies.
 *
 * Each file gets its own random 256-bit data key. The body is cut into fixed-size
 * chunks, each sealed with AES-256-GCM under that key:
 *
 *   blob   = header || chunk_0 || ... || chunk_n        (chunk_n is always present)
 *   header = "VLD" 0x01 || chunkSize (u32 BE) || noncePrefix (8 random bytes)
 *   chunk  = ciphertext (chunkSize bytes; the final one 0..chunkSize) || tag (16)
 *   nonce  = noncePrefix || index (u32 BE)
 *   aad    = header || index (u32 BE) || final (1 byte: 1 on the last chunk, else 0)
 *
 * The index in the nonce and AAD stops reordering; the final flag stops truncation at a
 * chunk boundary and appending; the header in the AAD pins the chunk size and prefix.
 * Only authenticated plaintext is ever pushed downstream: a chunk is released after
 * its tag verifies, and the last one only after the whole-file SHA-256 matches.
 */

export const DEFAULT_CHUNK_SIZE = 64 * 1024;
const MAGIC = Buffer.from([0x56, 0x4c, 0x44, 0x01]);
const HEADER_BYTES = 16;
const TAG_BYTES = 16;
const MAX_CHUNKS = 0xffffffff;

export class DocumentIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentIntegrityError';
  }
}

function chunkAad(header: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = final ? 1 : 0;

  return Buffer.concat([header, tail]);
}

function chunkNonce(header: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  header.copy(nonce, 0, 8, 16);
  nonce.writeUInt32BE(index, 8);

  return nonce;
}

function sealChunk(key: Buffer, header: Buffer, index: number, final: boolean, plain: Buffer) {
  if (index > MAX_CHUNKS) throw new Error('document too large for its chunk counter');
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(header, index));
  cipher.setAAD(chunkAad(header, index, final));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);

  return Buffer.concat([body, cipher.getAuthTag()]);
}

function openChunk(key: Buffer, header: Buffer, index: number, final: boolean, sealed: Buffer) {
  if (sealed.length < TAG_BYTES) throw new DocumentIntegrityError('truncated chunk');
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(header, index));
  decipher.setAAD(chunkAad(header, index, final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DocumentIntegrityError(`chunk ${index} failed authentication`);
  }
}

/** Streams plaintext in, sealed blob out. One chunk is held back so the last can be flagged. */
export function createEncryptStream(dataKey: Buffer, chunkSize = DEFAULT_CHUNK_SIZE): Transform {
  const header = Buffer.concat([MAGIC, Buffer.alloc(4), randomBytes(8)]);
  header.writeUInt32BE(chunkSize, 4);
  const queue = new ChunkBuffer();
  let index = 0;
  let headerSent = false;

  const emit = (stream: Transform, plain: Buffer, final: boolean) => {
    if (!headerSent) {
      stream.push(header);
      headerSent = true;
    }
    stream.push(sealChunk(dataKey, header, index, final, plain));
    index += 1;
  };

  return new Transform({
    transform(part: Buffer, _enc, done: TransformCallback) {
      try {
        queue.push(part);
        // Strictly greater: a full chunk that might be the last stays queued.
        while (queue.length > chunkSize) emit(this, queue.take(chunkSize), false);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        emit(this, queue.take(chunkSize), true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

export interface DecryptOptions {
  /** SHA-256 of the plaintext recorded at upload; the last chunk is withheld on mismatch. */
  expectedSha256?: Buffer;
}

/** Streams a sealed blob in, authenticated plaintext out; errors on any tampering. */
export function createDecryptStream(dataKey: Buffer, options: DecryptOptions = {}): Transform {
  const queue = new ChunkBuffer();
  const hash: Hash = createHash('sha256');
  let header: Buffer | null = null;
  let recordSize = 0;
  let index = 0;

  const readHeader = () => {
    if (header || queue.length < HEADER_BYTES) return;
    const candidate = queue.take(HEADER_BYTES);
    const chunkSize = candidate.readUInt32BE(4);
    if (!candidate.subarray(0, 4).equals(MAGIC) || chunkSize < 1024 || chunkSize > 1 << 24) {
      throw new DocumentIntegrityError('not a document blob');
    }
    header = candidate;
    recordSize = chunkSize + TAG_BYTES;
  };

  const release = (stream: Transform, sealed: Buffer, final: boolean) => {
    const plain = openChunk(dataKey, header!, index, final, sealed);
    index += 1;
    hash.update(plain);
    if (final && options.expectedSha256 && !hash.digest().equals(options.expectedSha256)) {
      throw new DocumentIntegrityError('plaintext hash does not match the recorded SHA-256');
    }
    stream.push(plain);
  };

  return new Transform({
    transform(part: Buffer, _enc, done: TransformCallback) {
      try {
        queue.push(part);
        readHeader();
        while (header && queue.length > recordSize) release(this, queue.take(recordSize), false);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        readHeader();
        if (!header) throw new DocumentIntegrityError('truncated header');
        release(this, queue.take(recordSize), true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Size of the sealed blob for a plaintext of `plainBytes` (lets S3 send a Content-Length). */
export function sealedSize(plainBytes: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const chunks = Math.floor(plainBytes / chunkSize) + (plainBytes % chunkSize === 0 ? 0 : 1);

  return HEADER_BYTES + plainBytes + Math.max(chunks, 1) * TAG_BYTES;
}

const WRAP_VERSION = 'v1';

/** Wraps a data key under a master key, bound to where the key may be used. */
export function wrapDataKey(dataKey: Buffer, masterKey: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`vetloop/document-key/${WRAP_VERSION}/${context}`));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);

  return Buffer.concat([iv, sealed]).toString('base64');
}

export function unwrapDataKey(wrapped: string, masterKey: Buffer, context: string): Buffer {
  const raw = Buffer.from(wrapped, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`vetloop/document-key/${WRAP_VERSION}/${context}`));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DocumentIntegrityError('data key did not unwrap under this master key');
  }
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}
