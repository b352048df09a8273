/* eslint-disable security/detect-non-literal-fs-filename -- spool paths are the configured folder plus random hex */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { AppError } from '@/lib/http/errors';

import { EMPTY_SHA256, amzDate, signV4 } from './sigv4';
import { requireStorageKey, type DocumentStorage } from './types';

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Sealed bodies are spooled here first: S3 wants a Content-Length and a body hash. */
  spoolDir: string;
  fetch?: typeof fetch;
}

/**
 * An S3-compatible store over fetch with SigV4 (path-style URLs, so MinIO and friends
 * work). Uploads spool the already-sealed body to a local temp file to learn its length
 * and SHA-256, then PUT it streaming from disk; memory stays bounded either way.
 */
export function createS3Storage(config: S3Config): DocumentStorage {
  const send = config.fetch ?? fetch;
  const urlFor = (key: string) =>
    new URL(`${config.endpoint.replace(/\/$/, '')}/${config.bucket}/${requireStorageKey(key)}`);

  const request = async (
    method: string,
    key: string,
    payloadHash: string,
    extra: Record<string, string>,
    body?: Readable,
  ) => {
    const url = urlFor(key);
    // fetch sets Host itself; it is signed but not sent by us.
    const headers = {
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate(new Date()),
      ...extra,
    };
    const authorization = signV4({
      method,
      url,
      headers: { host: url.host, ...headers },
      payloadHash,
      region: config.region,
      service: 's3',
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      amzDate: headers['x-amz-date'],
    });
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers: { ...headers, authorization },
      ...(body ? { body: Readable.toWeb(body) as ReadableStream, duplex: 'half' } : {}),
    };

    return send(url, init);
  };

  return {
    async write(key, body) {
      await mkdir(config.spoolDir, { recursive: true, mode: 0o700 });
      const spool = path.join(config.spoolDir, `${randomBytes(12).toString('hex')}`);
      try {
        const hash = createHash('sha256');
        const hasher = new Transform({
          transform(part: Buffer, _enc, done) {
            hash.update(part);
            done(null, part);
          },
        });
        await pipeline(body, hasher, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
        const { size } = await stat(spool);
        const res = await request(
          'PUT',
          key,
          hash.digest('hex'),
          { 'content-length': String(size) },
          createReadStream(spool),
        );
        if (!res.ok) throw new Error(`S3 PUT failed with ${res.status}`);

        return { bytes: size };
      } finally {
        await rm(spool, { force: true });
      }
    },

    async read(key) {
      const res = await request('GET', key, EMPTY_SHA256, {});
      if (res.status === 404) throw new AppError('not_found');
      if (!res.ok || !res.body) throw new Error(`S3 GET failed with ${res.status}`);

      return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
    },

    async remove(key) {
      const res = await request('DELETE', key, EMPTY_SHA256, {});
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE failed with ${res.status}`);
    },
  };
}
