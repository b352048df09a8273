import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export interface ActiveSession {
  sessionId: string;
  userId: string;
  userName: string;
  userEmail: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  mfaVerified: boolean;
}

/** The practice's live sessions (not revoked, not expired), most recently active first. */
export async function listActiveSessions(
  db: PracticeDb,
  ctx: PracticeContext,
  now = new Date(),
): Promise<ActiveSession[]> {
  const sessions = await db.session.findMany({
    where: {
      practiceId: ctx.practiceId,
      revokedAt: null,
      idleExpiresAt: { gt: now },
      absoluteExpiresAt: { gt: now },
    },
    select: {
      id: true,
      userId: true,
      ip: true,
      userAgent: true,
      createdAt: true,
      lastSeenAt: true,
      mfaVerified: true,
    },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
    take: 500,
  });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(sessions.map((s) => s.userId))] } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));

  return sessions.map((s) => ({
    sessionId: s.id,
    userId: s.userId,
    userName: byId.get(s.userId)?.name ?? 'Unknown',
    userEmail: byId.get(s.userId)?.email ?? '',
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    mfaVerified: s.mfaVerified,
  }));
}
