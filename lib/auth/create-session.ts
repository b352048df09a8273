import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import type { RequestMeta } from './actor';
import {
  PENDING_MFA_SECONDS,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
} from './session-policy';
import { randomToken, sha256 } from './tokens';

export interface NewSession {
  sessionId: string;
  /** Goes into the cookie and nowhere else; only its SHA-256 is stored. */
  token: string;
}

/**
 * Starts a session for a member inside the practice's transaction. A session still
 * owing its second factor lives only minutes; a full one gets idle and absolute limits.
 */
export async function createSession(
  db: PracticeDb,
  input: {
    practiceId: string;
    userId: string;
    pendingMfa: boolean;
    mfaVerified: boolean;
    request: RequestMeta;
    /** Keeps the original absolute expiry when a session is replaced (practice switch). */
    absoluteExpiresAt?: Date;
  },
): Promise<NewSession> {
  const token = randomToken();
  const now = Date.now();
  const absolute = input.pendingMfa
    ? new Date(now + PENDING_MFA_SECONDS * 1000)
    : (input.absoluteExpiresAt ?? new Date(now + SESSION_ABSOLUTE_SECONDS * 1000));
  const idle = new Date(Math.min(now + SESSION_IDLE_SECONDS * 1000, absolute.getTime()));
  const row = await db.session.create({
    data: {
      practiceId: input.practiceId,
      userId: input.userId,
      tokenHash: new Uint8Array(sha256(token)),
      pendingMfa: input.pendingMfa,
      mfaVerified: input.mfaVerified,
      idleExpiresAt: idle,
      absoluteExpiresAt: absolute,
      ip: validIp(input.request.ip),
      userAgent: input.request.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true },
  });

  return { sessionId: row.id, token };
}

function validIp(ip: string | null): string | null {
  if (!ip) return null;
  const bare = ip.replace(/%.*$/, '');

  return /^[0-9a-fA-F:.]+$/.test(bare) ? bare : null;
}

/** Ends one session of this practice; false when it was already ended. */
export async function revokeSessionRow(
  db: PracticeDb,
  practiceId: string,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const result = await db.session.updateMany({
    where: { practiceId, id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason.slice(0, 60) },
  });

  return result.count > 0;
}
