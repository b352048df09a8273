import 'server-only';

import { randomUUID } from 'node:crypto';

import { SignJWT, jwtVerify, type JWTPayload } from 'jose';

import { getEnv } from '@/lib/env';

import { PERMISSIONS, isRole, type Permission, type Role } from './permissions';
import { ACCESS_TOKEN_SECONDS } from './session-policy';

/** A session token rides the proxy's header; an API token is a client's Bearer. */
export type TokenKind = 'session' | 'api_key';

const AUDIENCE: Record<TokenKind, string> = { session: 'vetloop:session', api_key: 'vetloop:api' };
const ALGORITHM = 'HS256';
const REQUIRED = ['exp', 'iat', 'jti', 'sub', 'sid', 'pid', 'role', 'iss', 'aud'];

export interface AccessClaims {
  kind: TokenKind;
  /** The user, or the API key. */
  subject: string;
  /** The session, or the API key again (a key is its own session). */
  sessionId: string;
  practiceId: string;
  role: Role;
  /** API keys only: the permissions the key was limited to. */
  scopes?: Permission[];
}

export interface VerifiedAccess extends AccessClaims {
  tokenId: string;
  expiresAt: Date;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`invalid access token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

function keys() {
  return getEnv().JWT_KEYS.map((k) => ({
    kid: k.kid,
    key: new TextEncoder().encode(k.secret),
    verifyOnly: k.verifyOnly === true,
  }));
}

function issuer(): string {
  return getEnv().APP_ORIGIN;
}

/**
 * Signs with the newest key not marked verifyOnly; every listed key still verifies, so
 * rotation signs no one out. Behind a load balancer an API token minted on one instance is
 * checked on another, and a rolling restart leaves old and new configurations side by side
 * for a while: a new key is therefore first deployed verify-only everywhere, and made the
 * signer only by a second rollout, so no instance ever meets a key id it does not know.
 */
export async function mintAccessToken(claims: AccessClaims): Promise<string> {
  const signing = keys().find((k) => !k.verifyOnly);
  if (!signing) throw new Error('JWT_KEYS has no signing key');

  return new SignJWT({
    sid: claims.sessionId,
    pid: claims.practiceId,
    role: claims.role,
    ...(claims.scopes ? { scp: claims.scopes } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: signing.kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience(AUDIENCE[claims.kind])
    .setSubject(claims.subject)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(signing.key);
}

/** Verifies algorithm, key id, issuer, audience, lifetime and every claim we rely on. */
export async function verifyAccessToken(token: string, kind: TokenKind): Promise<VerifiedAccess> {
  let payload: JWTPayload;
  try {
    const result = await jwtVerify(
      token,
      async (header) => {
        const found = keys().find((k) => k.kid === header.kid);
        if (!header.kid || !found) throw new InvalidTokenError('unknown key id');

        return found.key;
      },
      {
        algorithms: [ALGORITHM],
        issuer: issuer(),
        audience: AUDIENCE[kind],
        requiredClaims: REQUIRED,
        // A token claiming a longer life than we ever mint is not ours.
        maxTokenAge: `${ACCESS_TOKEN_SECONDS + 60}s`,
        clockTolerance: 5,
      },
    );
    payload = result.payload;
  } catch (error) {
    throw error instanceof InvalidTokenError
      ? error
      : new InvalidTokenError(error instanceof Error ? error.name : 'unreadable');
  }

  return claimsFrom(payload, kind);
}

function claimsFrom(payload: JWTPayload, kind: TokenKind): VerifiedAccess {
  const { sub, sid, pid, role, jti, exp, iat, scp } = payload;
  // maxTokenAge bounds how old iat may be; this bounds how long the token claims to live,
  // so even a token signed with our key cannot outlive what we mint.
  if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > ACCESS_TOKEN_SECONDS) {
    throw new InvalidTokenError('lifetime');
  }
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof pid !== 'string') {
    throw new InvalidTokenError('claims');
  }
  if (typeof role !== 'string' || !isRole(role) || typeof jti !== 'string' || !exp) {
    throw new InvalidTokenError('claims');
  }
  const scopes = kind === 'api_key' ? readScopes(scp) : undefined;

  return {
    kind,
    subject: sub,
    sessionId: sid,
    practiceId: pid,
    role,
    scopes,
    tokenId: jti,
    expiresAt: new Date(exp * 1000),
  };
}

function readScopes(value: unknown): Permission[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidTokenError('scopes');
  for (const s of value) {
    if (typeof s !== 'string' || !(s in PERMISSIONS)) throw new InvalidTokenError('scopes');
  }

  return value as Permission[];
}
