import 'server-only';

import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

import { getEnv } from '@/lib/env';

/** Six digits from the secure source; leading zeros kept. */
export function newStepUpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * A million codes hash in no time, so a bare SHA-256 would give a six-digit code away
 * to anyone reading the table: the digest is keyed by SESSION_SECRET and bound to the
 * guest session, so a code is worth nothing outside it.
 */
export function hashStepUpCode(sessionId: string, code: string): Buffer {
  return createHmac('sha256', getEnv().SESSION_SECRET)
    .update(`step-up\0${sessionId}\0${code}`)
    .digest();
}

export function stepUpCodeMatches(stored: Uint8Array, sessionId: string, code: string): boolean {
  const given = hashStepUpCode(sessionId, code);

  return stored.length === given.length && timingSafeEqual(Buffer.from(stored), given);
}
