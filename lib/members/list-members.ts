import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: string;
  status: string;
  joinedAt: Date;
  /** The start of their latest full (not MFA-pending) session in this practice. */
  lastSignInAt: Date | null;
}

/** Everyone with a membership here, active first, then by name. */
export async function listMembers(db: PracticeDb, ctx: PracticeContext): Promise<MemberSummary[]> {
  const members = await db.membership.findMany({
    where: { practiceId: ctx.practiceId },
    select: {
      userId: true,
      role: true,
      status: true,
      createdAt: true,
      user: { select: { name: true, email: true } },
    },
  });
  const signIns = await db.session.groupBy({
    by: ['userId'],
    where: { practiceId: ctx.practiceId, pendingMfa: false },
    _max: { createdAt: true },
  });
  const last = new Map(signIns.map((s) => [s.userId, s._max.createdAt]));

  return members
    .map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      status: m.status,
      joinedAt: m.createdAt,
      lastSignInAt: last.get(m.userId) ?? null,
    }))
    .sort((a, b) =>
      a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'active' ? -1 : 1,
    );
}
