import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

/** The practice's live sessions, newest first; never their token hashes. */
export function listSessions(db: PracticeDb, practiceId: string, userId?: string) {
  const now = new Date();

  return db.session.findMany({
    where: {
      practiceId,
      ...(userId ? { userId } : {}),
      revokedAt: null,
      idleExpiresAt: { gt: now },
      absoluteExpiresAt: { gt: now },
    },
    orderBy: { lastSeenAt: 'desc' },
    select: {
      id: true,
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      idleExpiresAt: true,
      absoluteExpiresAt: true,
      ip: true,
      userAgent: true,
      mfaVerified: true,
    },
  });
}
