import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import helmet from 'helmet';

export const HSTS_MAX_AGE_SECONDS = 63_072_000; // two years

const nonces = new WeakMap<ServerResponse, string>();

/** The nonce minted for this response's CSP (Next stamps it on its own scripts). */
export function nonceFor(res: ServerResponse): string | undefined {
  return nonces.get(res);
}

// Stored documents (uploaded by anyone, including referring vets) are served under a
// sandbox: even an HTML or SVG body that slipped past the type check cannot run script or
// reach our origin. Next drops a route's own CSP when one is already set, so the gateway,
// which sets the policy, chooses it by path.
const DOCUMENT_PATH = /^\/api\/(v1\/referrals\/[^/]+|guest)\/documents\/[^/?]+(\?|$)/;
export const DOCUMENT_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export function servesDocument(url: string | undefined): boolean {
  return DOCUMENT_PATH.test(url ?? '');
}

export interface SecurityHeaderOptions {
  /** Next's dev server evaluates code and talks over a websocket; production never does. */
  dev?: boolean;
  /**
   * Where a form may lead besides our origin. Single sign-on's form posts to us and is
   * redirected to the provider, and form-action holds for redirects too.
   */
  formActionOrigins?: string[];
}

/**
 * The one security-header policy, applied by the gateway to every response. Scripts run
 * only with this request's nonce (and what they load: 'strict-dynamic'); nothing frames
 * us; no Referer leaves the site, so tokens in tracking links never leak to third parties.
 */
export function createSecurityHeaders(options: SecurityHeaderOptions = {}) {
  const scriptSrc = [
    "'self'",
    (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonces.get(res) ?? ''}'`,
    "'strict-dynamic'",
    ...(options.dev ? ["'unsafe-eval'"] : []),
  ];
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc,
        // React and Next set style attributes; nonces cannot cover attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(options.dev ? ['ws:', 'wss:'] : [])],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'", ...(options.formActionOrigins ?? [])],
        upgradeInsecureRequests: [],
      },
    },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });

  return function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): string {
    const nonce = randomBytes(16).toString('base64');
    nonces.set(res, nonce);
    // helmet's middleware is synchronous; next() runs before it returns.
    let failure: unknown;
    apply(req, res, (error?: unknown) => {
      failure = error;
    });
    if (failure) {
      throw failure;
    }
    if (servesDocument(req.url)) res.setHeader('Content-Security-Policy', DOCUMENT_CSP);
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    );

    return nonce;
  };
}
