import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export interface InvitationSummary {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  status: 'pending' | 'expired';
}

/** Invitations still waiting for an answer, newest first (accepted ones are members now). */
export async function listInvitations(
  db: PracticeDb,
  ctx: PracticeContext,
  now = new Date(),
): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({
    where: { practiceId: ctx.practiceId, acceptedAt: null, revokedAt: null },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      lastSentAt: true,
      expiresAt: true,
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });

  return rows.map((r) => ({ ...r, status: r.expiresAt <= now ? 'expired' : 'pending' }));
}
