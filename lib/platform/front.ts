import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { LIMITS } from '@/lib/http/gateway';
import { logger } from '@/lib/log/logger';

/**
 * A small TLS 1.3 front for running several app instances on one machine (local, tests).
 * In production this job belongs to a managed load balancer; this is the same contract in
 * miniature: terminate TLS, pick the instance with the fewest requests in flight, re-encrypt
 * to it, and say who the client is in X-Forwarded-For, which the instances believe only from
 * the front's own address (TRUSTED_PROXIES, lib/http/trusted-proxy.ts).
 */
export interface Backend {
  host: string;
  port: number;
}

export interface FrontOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  backends: Backend[];
  /** The CA(s) that signed the instances' certificate; the front verifies them. */
  backendCa: string | Buffer | (string | Buffer)[];
  /** The name the instances' certificate is issued to. */
  backendServername: string;
  /** The address the front connects from (e.g. 127.0.0.2): the one instances trust. */
  localAddress?: string;
}

export interface Front {
  port: number;
  url: string;
  /** Requests forwarded to each backend so far, in the order given. */
  forwarded(): number[];
  close(): Promise<void>;
}

// Hop-by-hop headers describe one connection, not the request; they are never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
// The front is the edge: whatever forwarding headers a client sent are dropped, not extended.
const CLIENT_FORWARDING = /^(x-forwarded-.*|x-real-ip|forwarded)$/;
/** A backend that refused a connection is skipped for this long (e.g. while it restarts). */
const BACKOFF_MS = 2_000;

export function forwardHeaders(headers: IncomingHttpHeaders, client: string): IncomingHttpHeaders {
  // Headers a client names in Connection are hop-by-hop too (RFC 9110 §7.6.1).
  const named = new Set((headers.connection ?? '').split(',').map((n) => n.trim().toLowerCase()));
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name) || named.has(name) || CLIENT_FORWARDING.test(name)) continue;
    out[name] = value;
  }
  out['x-forwarded-for'] = client;
  out['x-forwarded-proto'] = 'https';

  return out;
}

function responseHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const log = logger.child({ component: 'front' });
  const backends = options.backends.map((b) => ({ ...b, inFlight: 0, total: 0, downUntil: 0 }));
  let cursor = 0;
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  /** Fewest requests in flight among the healthy; ties go round-robin. */
  function pick(exclude?: (typeof backends)[number]) {
    const now = Date.now();
    let best: (typeof backends)[number] | undefined;
    for (let i = 0; i < backends.length; i++) {
      const b = backends[(cursor + i) % backends.length]!;
      if (b === exclude || b.downUntil > now) continue;
      if (!best || b.inFlight < best.inFlight) best = b;
    }
    cursor = (cursor + 1) % backends.length;

    return best;
  }

  function forward(req: IncomingMessage, res: ServerResponse, retried = false): void {
    const backend = pick();
    if (!backend) return fail(res, 503, 'Service Unavailable');
    const bodiless =
      (req.method === 'GET' || req.method === 'HEAD') &&
      req.headers['content-length'] === undefined &&
      req.headers['transfer-encoding'] === undefined;
    backend.inFlight += 1;
    backend.total += 1;
    let settled = false;
    const settle = () => {
      if (!settled) backend.inFlight -= 1;
      settled = true;
    };
    const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');
    const upstream = https.request(
      {
        host: backend.host,
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: forwardHeaders(req.headers, client),
        agent,
        ca: options.backendCa,
        servername: options.backendServername,
        localAddress: options.localAddress,
        minVersion: 'TLSv1.3',
        timeout: LIMITS.requestTimeoutMs,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, responseHeaders(answer.headers));
        answer.pipe(res);
        answer.on('end', settle);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('backend timed out')));
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      if (error.code === 'ECONNREFUSED') backend.downUntil = Date.now() + BACKOFF_MS;
      log.warn({ backend: backend.port, code: error.code }, 'backend request failed');
      // Nothing reached a refusing backend, so a bodiless request may try another one.
      if (error.code === 'ECONNREFUSED' && bodiless && !retried) return forward(req, res, true);
      if (!res.headersSent) fail(res, 502, 'Bad Gateway');
      else res.destroy();
    });
    res.on('close', () => {
      settle();
      if (!upstream.writableFinished || !res.writableFinished) upstream.destroy();
    });
    if (bodiless) upstream.end();
    else req.pipe(upstream);
  }

  const server = https.createServer(
    {
      cert: options.cert,
      key: options.key,
      minVersion: 'TLSv1.3',
      maxHeaderSize: LIMITS.maxHeaderSize,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    },
    (req, res) => forward(req, res),
  );
  server.on('tlsClientError', (error) => log.debug({ err: error }, 'tls handshake refused'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `https://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    forwarded: () => backends.map((b) => b.total),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        agent.destroy();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}

function fail(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(text);
}
