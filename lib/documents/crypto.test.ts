import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import {
  DocumentIntegrityError,
  createDecryptStream,
  createEncryptStream,
  newDataKey,
  sealedSize,
  unwrapDataKey,
  wrapDataKey,
} from './crypto';

const CHUNK = 1024;
const HEADER = 16;
const RECORD = CHUNK + 16;

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);

  return Buffer.concat(parts);
}

async function seal(key: Buffer, plain: Buffer): Promise<Buffer> {
  // Feed in odd-sized pieces so chunk boundaries never line up with writes.
  const pieces = [];
  for (let i = 0; i < plain.length; i += 333) pieces.push(plain.subarray(i, i + 333));

  return collect(Readable.from(pieces).pipe(createEncryptStream(key, CHUNK)));
}

async function open(key: Buffer, sealed: Buffer, expectedSha256?: Buffer) {
  const out: Buffer[] = [];
  const pieces = [];
  for (let i = 0; i < sealed.length; i += 500) pieces.push(sealed.subarray(i, i + 500));
  const stream = Readable.from(pieces).pipe(createDecryptStream(key, { expectedSha256 }));
  const error = await new Promise<Error | null>((resolve) => {
    stream.on('data', (part: Buffer) => out.push(part));
    stream.on('end', () => resolve(null));
    stream.on('error', resolve);
  });

  return { plain: Buffer.concat(out), error };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

describe('chunked AES-256-GCM', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])(
    'round-trips %i bytes and predicts the sealed size',
    async (size) => {
      const key = newDataKey();
      const plain = randomBytes(size);
      const sealed = await seal(key, plain);

      expect(sealed.length).toBe(sealedSize(size, CHUNK));
      const opened = await open(key, sealed, sha256(plain));
      expect(opened.error).toBeNull();
      expect(opened.plain.equals(plain)).toBe(true);
    },
  );

  it('leaves no plaintext in the sealed blob', async () => {
    const plain = Buffer.from('Patient Biscuit, grade III/VI murmur. '.repeat(200));
    const sealed = await seal(newDataKey(), plain);

    expect(sealed.includes(Buffer.from('Biscuit'))).toBe(false);
    expect(sealed.includes(Buffer.from('murmur'))).toBe(false);
  });

  it('refuses a blob opened with another data key', async () => {
    const sealed = await seal(newDataKey(), randomBytes(3000));

    const opened = await open(newDataKey(), sealed);
    expect(opened.error).toBeInstanceOf(DocumentIntegrityError);
    expect(opened.plain.length).toBe(0);
  });

  it('detects a flipped bit in a middle chunk and releases nothing from that chunk on', async () => {
    const key = newDataKey();
    const plain = randomBytes(3 * CHUNK + 10);
    const sealed = await seal(key, plain);
    sealed[HEADER + RECORD + 5]! ^= 0x01;

    const opened = await open(key, sealed);
    expect(opened.error).toBeInstanceOf(DocumentIntegrityError);
    expect(opened.plain.equals(plain.subarray(0, CHUNK))).toBe(true);
  });

  it('detects truncation at a chunk boundary', async () => {
    const key = newDataKey();
    const sealed = await seal(key, randomBytes(3 * CHUNK + 10));
    const truncated = sealed.subarray(0, HEADER + 3 * RECORD);

    expect((await open(key, truncated)).error).toBeInstanceOf(DocumentIntegrityError);
  });

  it('detects truncation inside a chunk and a missing header', async () => {
    const key = newDataKey();
    const sealed = await seal(key, randomBytes(2 * CHUNK));

    expect((await open(key, sealed.subarray(0, sealed.length - 3))).error).toBeInstanceOf(
      DocumentIntegrityError,
    );
    expect((await open(key, sealed.subarray(0, 10))).error).toBeInstanceOf(DocumentIntegrityError);
  });

  it('detects two chunks swapped', async () => {
    const key = newDataKey();
    const sealed = await seal(key, randomBytes(3 * CHUNK + 10));
    const first = sealed.subarray(HEADER, HEADER + RECORD);
    const second = sealed.subarray(HEADER + RECORD, HEADER + 2 * RECORD);
    const swapped = Buffer.concat([
      sealed.subarray(0, HEADER),
      second,
      first,
      sealed.subarray(HEADER + 2 * RECORD),
    ]);

    expect((await open(key, swapped)).error).toBeInstanceOf(DocumentIntegrityError);
  });

  it('detects a chunk appended after the final one', async () => {
    const key = newDataKey();
    const sealed = await seal(key, randomBytes(2 * CHUNK + 10));
    const extended = Buffer.concat([sealed, sealed.subarray(HEADER, HEADER + RECORD)]);

    expect((await open(key, extended)).error).toBeInstanceOf(DocumentIntegrityError);
  });

  it('withholds the last chunk when the plaintext hash does not match the record', async () => {
    const key = newDataKey();
    const plain = randomBytes(2 * CHUNK + 10);
    const sealed = await seal(key, plain);

    const opened = await open(key, sealed, sha256(Buffer.from('something else')));
    expect(opened.error?.message).toMatch(/SHA-256/);
    expect(opened.plain.length).toBe(2 * CHUNK);
  });
});

describe('data key wrapping', () => {
  it('unwraps only with the same master key and the same context', () => {
    const master = randomBytes(32);
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(dataKey, master, 'practice/doc-a');

    expect(unwrapDataKey(wrapped, master, 'practice/doc-a').equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey(wrapped, randomBytes(32), 'practice/doc-a')).toThrow(
      DocumentIntegrityError,
    );
    expect(() => unwrapDataKey(wrapped, master, 'practice/doc-b')).toThrow(DocumentIntegrityError);
  });
});
