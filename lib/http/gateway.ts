import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { logger } from '@/lib/log/logger';

import { createSecurityHeaders } from './security-headers';
import { BODY_RATE, guardBodyRate, guardBodySize, hasBody } from './body-guards';
import { clientAddress, type TrustedProxies } from './trusted-proxy';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

export interface GatewayOptions {
  handler: RequestHandler;
  upgrade?: UpgradeHandler;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** A plain-HTTP port that only redirects to `origin`. */
  httpPort?: number;
  cert: string | Buffer;
  key: string | Buffer;
  /** The public https origin; redirects go here, never to a client-supplied Host. */
  origin: string;
  dev?: boolean;
  /** Peers (a load balancer) whose X-Forwarded-For names the client; see trusted-proxy.ts. */
  trustedProxies?: TrustedProxies;
  /** Origins our forms may lead to besides our own (the SSO provider's sign-in). */
  formActionOrigins?: string[];
}

export interface Gateway {
  port: number;
  httpPort?: number;
  url: string;
  close(): Promise<void>;
}

export const LIMITS = {
  maxHeaderSize: 16 * 1024,
  headersTimeoutMs: 10_000,
  // A 25 MB document over a slow clinic line takes minutes; headers stay tightly bounded.
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckMs: 1_000,
  /** Larger declared bodies are refused before they reach Next (documents are the biggest). */
  maxBodyBytes: 25 * 1024 * 1024,
};

// Identity headers are stamped by the auth layer after verification; a client may not send them.
// So are the forwarding headers: the client address is the socket's, never one a client
// wrote (rate limits, audit IPs and allow-lists rely on it), unless the socket is a
// configured trusted proxy, whose last forwarded hop is read before the headers go.
const SPOOFABLE =
  /^(x-practice-id|x-vetloop-.*|x-middleware-subrequest|x-request-id|content-security-policy(-report-only)?|x-forwarded-.*|x-real-ip|forwarded)$/;

/** Removes headers only the server may set, and stamps a fresh request id and client IP. */
export function sanitizeRequestHeaders(
  req: IncomingMessage,
  trustedProxies?: TrustedProxies,
): string {
  const address = clientAddress(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    trustedProxies,
  );
  for (const name of Object.keys(req.headers)) {
    if (SPOOFABLE.test(name)) {
      delete req.headers[name];
    }
  }
  const requestId = randomUUID();
  req.headers['x-request-id'] = requestId;
  if (address) req.headers['x-forwarded-for'] = address;
  req.headers['x-forwarded-proto'] = 'https';

  return requestId;
}

/**
 * The TLS gateway: TLS 1.3 only, security headers on every response, bounded headers,
 * bodies and timeouts, then the injected handler (Next's in production).
 */
export async function startGatewayServer(options: GatewayOptions): Promise<Gateway> {
  const log = logger.child({ component: 'gateway' });
  const applySecurityHeaders = createSecurityHeaders({
    dev: options.dev,
    formActionOrigins: options.formActionOrigins,
  });

  const server = https.createServer(
    {
      cert: options.cert,
      key: options.key,
      minVersion: 'TLSv1.3',
      maxHeaderSize: LIMITS.maxHeaderSize,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
      // Node enforces headersTimeout only when it sweeps connections, every 30 s by
      // default, so headers trickled a line at a time held a socket for up to 40 s.
      connectionsCheckingInterval: LIMITS.timeoutCheckMs,
    },
    (req, res) => {
      const requestId = sanitizeRequestHeaders(req, options.trustedProxies);
      res.setHeader('x-request-id', requestId);
      try {
        applySecurityHeaders(req, res);
        // Next finds the nonce for its own scripts in the request's CSP header.
        const csp = res.getHeader('content-security-policy');
        if (typeof csp === 'string') {
          req.headers['content-security-policy'] = csp;
        }
      } catch (error) {
        log.error({ err: error, requestId }, 'security headers failed');
        send(res, 500, 'Internal Server Error');

        return;
      }
      if (Number(req.headers['content-length'] ?? 0) > LIMITS.maxBodyBytes) {
        send(res, 413, 'Payload Too Large');

        return;
      }
      if (hasBody(req)) {
        // Both answer and close at once: the app may still be reading what was sent.
        guardBodyRate(req, res, {
          ...BODY_RATE,
          onCut: () => {
            log.debug({ requestId }, 'request body too slow; closed');
            if (!res.headersSent) send(res, 408, 'Request Timeout');
            req.socket.destroySoon();
          },
        });
        guardBodySize(req, res, {
          maxBytes: LIMITS.maxBodyBytes,
          onTooLarge: () => {
            log.debug({ requestId }, 'request body over the limit; closed');
            if (!res.headersSent) send(res, 413, 'Payload Too Large');
            req.socket.destroySoon();
          },
        });
      }

      Promise.resolve()
        .then(() => options.handler(req, res))
        .catch((error: unknown) => {
          log.error({ err: error, requestId }, 'request failed');
          if (!res.headersSent) {
            send(res, 500, 'Internal Server Error');
          } else {
            res.destroy();
          }
        });
    },
  );
  server.on('tlsClientError', (error) => log.debug({ err: error }, 'tls handshake refused'));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    log.debug({ code: error.code }, 'client error');
    if (socket.writable) {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });
  if (options.upgrade) {
    const upgrade = options.upgrade;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      sanitizeRequestHeaders(req, options.trustedProxies);
      upgrade(req, socket, head);
    });
  }

  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;

  let redirector: http.Server | undefined;
  if (options.httpPort !== undefined) {
    redirector = createRedirector(options.origin);
    await listen(redirector, options.httpPort, options.host);
  }
  const httpPort = redirector ? (redirector.address() as AddressInfo).port : undefined;

  return {
    port,
    httpPort,
    url: `https://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: async () => {
      await Promise.all([closeServer(server), redirector && closeServer(redirector)]);
    },
  };
}

/** Plain HTTP only ever answers with a permanent redirect to the same path over HTTPS. */
function createRedirector(origin: string): http.Server {
  const base = new URL(origin);

  return http.createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderSize,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
    },
    (req, res) => {
      const target = new URL(req.url ?? '/', base);
      res.writeHead(308, {
        Location: `${base.origin}${target.pathname}${target.search}`,
        'Content-Length': '0',
      });
      res.end();
    },
  );
}

function send(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Connection', 'close');
  res.end(text);
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}
