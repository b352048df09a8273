import { createHash, randomBytes } from 'node:crypto';
import https from 'node:https';

import { describe, expect, inject, it } from 'vitest';

import { request } from './harness/http';

const { baseUrl, certPem, fixtures } = inject('security');
const { a } = fixtures;
const MiB = 1024 * 1024;

// 45 CFR 164.312(c), integrity: a document must be stored as sent or refused, never cut.
// Next hands the route a copy of the body that its proxy took, and that copy stops at a
// configured size without any error (next.config.js proxyClientMaxBodySize).
describe('request bodies reach the app whole', () => {
  const headers = {
    cookie: `__Host-vetloop_session=${a.spareSessions[5]}`,
    origin: baseUrl,
    accept: 'application/json',
    'content-type': 'application/pdf',
  };
  const upload = (body: Buffer) =>
    request(baseUrl, `/api/v1/referrals/${a.referralId}/documents?filename=large.pdf`, {
      method: 'POST',
      headers,
      body,
      timeoutMs: 120_000,
    });

  it('POST /api/v1/referrals/[id]/documents – a 12 MB document is stored and served byte for byte', async () => {
    const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(12 * MiB - 9)]);

    const res = await upload(body);

    expect(res.status, res.text.slice(0, 300)).toBe(201);
    const stored = res.json<{ data: { id: string; sizeBytes: number } }>().data;
    expect(stored.sizeBytes).toBe(body.length);
    const download = await downloadBytes(
      `/api/v1/referrals/${a.referralId}/documents/${stored.id}`,
      headers.cookie,
    );
    expect(download.length).toBe(body.length);
    expect(createHash('sha256').update(download).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
  }, 180_000);

  it('POST /api/v1/referrals/[id]/documents – a 30 MB body sent without a length is refused with 413', async () => {
    // The harness writes bodies chunked, so the gateway cannot refuse this by its length.
    const res = await upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(30 * MiB)]));

    expect(res.status, res.text.slice(0, 300)).toBe(413);
  }, 180_000);
});

/** The harness decodes bodies as text; a document is compared as bytes. */
function downloadBytes(path: string, cookie: string): Promise<Buffer> {
  const url = new URL(path, baseUrl);

  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: '127.0.0.1',
          port: url.port,
          servername: url.hostname,
          path: url.pathname,
          headers: { host: url.host, cookie },
          ca: certPem,
          minVersion: 'TLSv1.3',
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        },
      )
      .on('error', reject);
  });
}
