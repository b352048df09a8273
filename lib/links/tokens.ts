import { randomBytes } from 'node:crypto';

import { sha256 } from '@/lib/auth/tokens';

/** 256 bits from the OS's secure source, base64url: 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface NewToken {
  /** Shown once (on screen, by email); never stored or logged. */
  token: string;
  /** The only thing stored. */
  hash: Buffer;
}

export function newLinkToken(): NewToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');

  return { token, hash: sha256(token) };
}

export function hashLinkToken(token: string): Buffer {
  return sha256(token);
}

/** Refuses anything that could not be one of our tokens before it reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
