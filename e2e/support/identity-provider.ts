/**
 * A small OpenID Connect provider for the e2e run, on loopback: discovery, an authorize
 * page where the person types the email they sign in as, the token endpoint (client
 * secret checked, PKCE verified), JWKS and userinfo. ID tokens are RS256, carry the nonce
 * and mark the email verified. Only what the app's single sign-on needs, and nothing of
 * it leaves this machine.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const E2E_OIDC_CLIENT = {
  id: 'vetloop-e2e',
  secret: 'e2e-client-secret-not-for-production',
};

interface Pending {
  email: string;
  nonce?: string;
  challenge?: string;
  redirectUri: string;
}

export interface IdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => resolve(new URLSearchParams(text)));
    req.on('error', reject);
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function authorizePage(params: URLSearchParams): string {
  const hidden = [...params]
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('');

  return `<!doctype html><html lang="en"><head><title>Example identity provider</title></head>
<body><main><h1>Example identity provider</h1>
<form method="post" action="/authorize">${hidden}
<label for="email">Work email</label> <input id="email" name="email" type="email" required>
<button type="submit">Continue</button></form></main></body></html>`;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'e2e-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Pending>();
  let issuer = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    void (async () => {
      if (url.pathname === '/.well-known/openid-configuration') {
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          userinfo_endpoint: `${issuer}/userinfo`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      }
      if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize' && req.method === 'GET') {
        return send(res, 200, authorizePage(url.searchParams), 'text/html; charset=utf-8');
      }
      if (url.pathname === '/authorize' && req.method === 'POST') {
        const form = await readForm(req);
        const redirectUri = form.get('redirect_uri') ?? '';
        if (form.get('client_id') !== E2E_OIDC_CLIENT.id || !redirectUri) {
          return send(res, 400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          email: form.get('email') ?? '',
          nonce: form.get('nonce') ?? undefined,
          challenge: form.get('code_challenge') ?? undefined,
          redirectUri,
        });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        if (form.get('state')) back.searchParams.set('state', form.get('state')!);
        res.writeHead(302, { location: back.toString() });

        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = await readForm(req);
        const basic = Buffer.from(
          (req.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        )
          .toString('utf8')
          .split(':')
          .map(decodeURIComponent);
        const [clientId, secret] =
          basic.length === 2 ? basic : [form.get('client_id'), form.get('client_secret')];
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          clientId !== E2E_OIDC_CLIENT.id ||
          secret !== E2E_OIDC_CLIENT.secret ||
          !pending ||
          pending.redirectUri !== form.get('redirect_uri') ||
          (pending.challenge && pending.challenge !== challenge)
        ) {
          return send(res, 400, { error: 'invalid_grant' });
        }
        const idToken = await new SignJWT({
          email: pending.email,
          email_verified: true,
          ...(pending.nonce ? { nonce: pending.nonce } : {}),
        })
          .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
          .setIssuer(issuer)
          .setAudience(E2E_OIDC_CLIENT.id)
          .setSubject(`e2e|${pending.email}`)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);

        return send(res, 200, {
          access_token: `at-${randomBytes(8).toString('hex')}`,
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        });
      }

      return send(res, 404, { error: 'not_found' });
    })().catch(() => send(res, 500, { error: 'server_error' }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
