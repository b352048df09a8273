import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError, notFound } from '@/lib/http/errors';

import type { PracticeContext } from './actor';
import { ROLES, type Role } from './permissions';

/**
 * Changes a member's role, or deactivates / reactivates them. Their sessions in this
 * practice end, so they come back through sign-in with a new cookie (the app layer
 * reads roles fresh anyway; this also makes the change visible as a new session).
 * Only an owner may create or change owners.
 */
export async function changeMember(
  db: PracticeDb,
  ctx: PracticeContext & { role: Role },
  input: { userId: string; role?: Role; status?: 'active' | 'deactivated' },
): Promise<void> {
  const before = await db.membership.findUnique({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId: input.userId } },
    select: { role: true, status: true },
  });
  if (!before) throw notFound();
  const touchesOwner = before.role === 'owner' || input.role === 'owner';
  if (touchesOwner && ctx.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can change an owner.');
  }
  if (input.role && !ROLES.includes(input.role)) throw new AppError('validation_failed');

  await db.membership.update({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId: input.userId } },
    data: { role: input.role, status: input.status },
  });
  await db.session.updateMany({
    where: { practiceId: ctx.practiceId, userId: input.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: 'membership_changed' },
  });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.role && input.role !== before.role) changes.role = { from: before.role, to: input.role };
  if (input.status && input.status !== before.status) {
    changes.status = { from: before.status, to: input.status };
  }
  await recordAuditEvent(db, ctx, {
    action: input.role && input.role !== before.role ? 'membership.role_changed' : 'membership.status_changed',
    entityType: 'user',
    entityId: input.userId,
    changes,
    metadata: { sessionsRevoked: true },
  });
}
