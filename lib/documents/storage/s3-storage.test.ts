import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createS3Storage } from './s3-storage';
import { signV4 } from './sigv4';

const CREDS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret', region: 'eu-west-1' };

// A tiny S3 stand-in: checks each request's SigV4 signature and body hash, keeps objects in memory.
const objects = new Map<string, Buffer>();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const signed =
      /SignedHeaders=([^,]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';') ?? [];
    const headers = Object.fromEntries(signed.map((h) => [h, String(req.headers[h])]));
    const expected = signV4({
      ...CREDS,
      method: req.method!,
      url,
      headers,
      payloadHash: String(req.headers['x-amz-content-sha256']),
      service: 's3',
      amzDate: String(req.headers['x-amz-date']),
    });
    const hashOk =
      req.method !== 'PUT' ||
      createHash('sha256').update(body).digest('hex') === req.headers['x-amz-content-sha256'];
    if (expected !== req.headers.authorization || !signed.includes('host') || !hashOk) {
      res.writeHead(403).end('SignatureDoesNotMatch');

      return;
    }
    const key = url.pathname;
    if (req.method === 'PUT') objects.set(key, body);
    if (req.method === 'DELETE') objects.delete(key);
    if (req.method === 'GET' && !objects.has(key)) return void res.writeHead(404).end();
    res
      .writeHead(req.method === 'DELETE' ? 204 : 200)
      .end(req.method === 'GET' ? objects.get(key) : undefined);
  });
});

let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);

  return Buffer.concat(parts);
}

describe('S3 document store', () => {
  it('puts, gets and deletes a body with signed requests, leaving no spool file', async () => {
    const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'vetloop-s3-spool-'));
    const store = createS3Storage({ ...CREDS, endpoint, bucket: 'vetloop-docs', spoolDir });
    const key = `${randomUUID()}/${randomUUID()}`;
    const body = randomBytes(300_000);

    expect(
      await store.write(key, Readable.from([body.subarray(0, 1000), body.subarray(1000)])),
    ).toEqual({ bytes: body.length });
    expect(objects.get(`/vetloop-docs/${key}`)?.equals(body)).toBe(true);
    expect((await readAll(await store.read(key))).equals(body)).toBe(true);
    await store.remove(key);
    await expect(store.read(key)).rejects.toMatchObject({ code: 'not_found' });
    // The spool directory is the test's own temporary folder.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('fails the write when the store refuses the signature', async () => {
    const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'vetloop-s3-spool-'));
    const store = createS3Storage({
      ...CREDS,
      secretAccessKey: 'wrong',
      endpoint,
      bucket: 'b',
      spoolDir,
    });

    await expect(
      store.write(`${randomUUID()}/${randomUUID()}`, Readable.from([Buffer.from('x')])),
    ).rejects.toThrow(/403/);
    // The spool directory is the test's own temporary folder.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses keys that are not two UUIDs', async () => {
    const store = createS3Storage({ ...CREDS, endpoint, bucket: 'b', spoolDir: os.tmpdir() });

    await expect(store.read('../etc/passwd')).rejects.toThrow(/invalid document storage key/);
  });
});
