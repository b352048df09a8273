import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LIMITS, startGatewayServer, type Gateway } from '@/lib/http/gateway';
import { ensureLocalCertificate } from '@/lib/platform/certificates';

import { makeTempDir } from './helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let scratch: Awaited<ReturnType<typeof makeTempDir>>;
let gateway: Gateway;
let ca: string;

beforeAll(async () => {
  scratch = await makeTempDir('gateway');
  const certificate = await ensureLocalCertificate(path.join(scratch.dir, 'certs'));
  ca = readFileSync(certificate.certFile, 'utf8');
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    httpPort: 0,
    cert: readFileSync(certificate.certFile),
    key: readFileSync(certificate.keyFile),
    origin: 'https://localhost:3443',
    // Stands in for Next: echoes what reached it, or fails on request.
    handler: (req, res) => {
      if (req.url === '/boom') {
        throw new Error('handler exploded');
      }
      if (req.url === '/sink') {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => (bytes += chunk.length));
        req.on('end', () => res.end(`read ${bytes}`));

        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(req.headers));
    },
  });
});

afterAll(async () => {
  await gateway?.close();
  await scratch?.remove();
});

function get(pathname: string, headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: gateway.port,
        path: pathname,
        ca,
        headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * POSTs `total` bytes to /sink, chunked unless `declared`, and stops sending once the
 * server answers (as a real client would).
 */
function postBody(
  total: number,
  { declared = false } = {},
): Promise<{ status: number; body: string; sentBytes: number }> {
  const chunk = Buffer.alloc(256 * 1024, 0x20);

  return new Promise((resolve) => {
    let sent = 0;
    const req = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: gateway.port,
        path: '/sink',
        method: 'POST',
        ca,
        agent: false,
        headers: declared
          ? { 'content-length': String(total) }
          : { 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        // 'close' also comes when the server cuts the connection after answering.
        res.on('close', () => resolve({ status: res.statusCode ?? 0, body, sentBytes: sent }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '', sentBytes: sent }));
    const pump = () => {
      while (sent < total && !req.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function handshake(options: tls.ConnectionOptions): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', servername: 'localhost', port: gateway.port, ca, ...options },
      () => {
        const protocol = socket.getProtocol();
        socket.end();
        resolve(protocol);
      },
    );
    socket.on('error', reject);
  });
}

function nonceOf(csp: string | undefined): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1];
}

describe('TLS gateway', () => {
  it('refuses a client that offers at most TLS 1.2', async () => {
    await expect(handshake({ maxVersion: 'TLSv1.2' })).rejects.toThrow(/protocol version|alert/i);
  });

  it('speaks TLS 1.3 with a certificate valid for localhost', async () => {
    await expect(handshake({})).resolves.toBe('TLSv1.3');
  });

  it.each(['/', '/missing', '/boom'])('sends the security headers on %s', async (pathname) => {
    const { headers } = await get(pathname);
    const csp = String(headers['content-security-policy']);

    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const hsts = /max-age=(\d+)/.exec(String(headers['strict-transport-security']));
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(headers['strict-transport-security']).toContain('includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it.each(['/api/v1/referrals/r1/documents/d1', '/api/guest/documents/d1?download=1'])(
    'serves stored documents at %s under a sandboxing policy with no script at all',
    async (pathname) => {
      const csp = String((await get(pathname)).headers['content-security-policy']);

      expect(csp.split(';')[0]).toBe('sandbox');
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('script-src');
    },
  );

  it('keeps the page policy for the documents list itself', async () => {
    const csp = String(
      (await get('/api/v1/referrals/r1/documents')).headers['content-security-policy'],
    );

    expect(csp).not.toContain('sandbox');
  });

  it('answers a failing handler with a bare 500 that reveals nothing', async () => {
    const reply = await get('/boom');

    expect(reply.status).toBe(500);
    expect(reply.body).toBe('Internal Server Error');
  });

  it('mints a fresh nonce per request and hands the same policy to the app', async () => {
    const first = await get('/');
    const second = await get('/');
    const seen = JSON.parse(first.body) as Record<string, string>;

    expect(nonceOf(String(first.headers['content-security-policy']))).not.toBe(
      nonceOf(String(second.headers['content-security-policy'])),
    );
    expect(seen['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  it('strips identity headers a client tries to send and stamps its own request id', async () => {
    const reply = await get('/', {
      'x-practice-id': '00000000-0000-0000-0000-000000000001',
      'x-vetloop-user-id': 'admin',
      'x-middleware-subrequest': 'proxy',
      'x-request-id': 'chosen-by-client',
      'content-security-policy': "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='",
    });
    const seen = JSON.parse(reply.body) as Record<string, string>;

    expect(seen['x-practice-id']).toBeUndefined();
    expect(seen['x-vetloop-user-id']).toBeUndefined();
    expect(seen['x-middleware-subrequest']).toBeUndefined();
    expect(seen['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers['x-request-id']).toBe(seen['x-request-id']);
    expect(seen['content-security-policy']).not.toContain('AAAAAAAAAAAAAAAAAAAAAA==');
  });

  it('records the socket address as the client IP, whatever forwarding headers a client sends', async () => {
    const reply = await get('/', {
      'x-forwarded-for': '203.0.113.9',
      'x-real-ip': '203.0.113.9',
      forwarded: 'for=203.0.113.9',
      'x-forwarded-host': 'evil.example',
    });
    const seen = JSON.parse(reply.body) as Record<string, string>;

    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-real-ip']).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
    expect(seen['x-forwarded-host']).toBeUndefined();
  });

  it('refuses oversized request headers', async () => {
    const reply = await get('/', { 'x-padding': 'a'.repeat(20_000) });

    expect(reply.status).toBe(431);
  });

  it('refuses a declared body over the limit before the app sees it', async () => {
    const reply = await get('/', { 'content-length': String(100 * 1024 * 1024) });

    expect(reply.status).toBe(413);
  });

  it('cuts a body sent without a length once it passes the limit', async () => {
    const reply = await postBody(2 * LIMITS.maxBodyBytes);

    expect(reply.status).toBe(413);
    expect(reply.sentBytes).toBeLessThan(2 * LIMITS.maxBodyBytes);
  });

  it('lets a body under the limit through whole, without a length', async () => {
    const reply = await postBody(8 * 1024 * 1024);

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(`read ${8 * 1024 * 1024}`);
  });

  it('lets a declared body of exactly the limit through whole', async () => {
    const reply = await postBody(LIMITS.maxBodyBytes, { declared: true });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(`read ${LIMITS.maxBodyBytes}`);
  });

  it('only redirects on the plain-HTTP port, to the configured origin', async () => {
    const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: gateway.httpPort,
            path: '/t/abc?x=1',
            headers: { host: 'evil.example' },
          },
          resolve,
        )
        .on('error', reject);
    });
    reply.resume();

    expect(reply.statusCode).toBe(308);
    expect(reply.headers.location).toBe('https://localhost:3443/t/abc?x=1');
  });
});
