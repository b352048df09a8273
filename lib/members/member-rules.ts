import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { isRole, type Role } from '@/lib/auth/permissions';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

export interface LockedMembership {
  userId: string;
  role: Role;
  status: 'active' | 'deactivated';
  email: string;
}

export interface MemberChangeScope {
  target: LockedMembership;
  /** The acting person's role read under the lock (null for system actors). */
  actorRole: Role | null;
  activeOwners: number;
}

/**
 * Locks the practice row, the one mutex for membership changes, then reads the target,
 * the actor and the owner count fresh. Two owners demoting each other at once therefore
 * run one after the other, and the second sees only one owner left.
 */
export async function lockMemberChange(
  db: PracticeDb,
  ctx: PracticeContext,
  userId: string,
): Promise<MemberChangeScope> {
  await db.$queryRaw`SELECT id FROM practices WHERE id = ${ctx.practiceId}::uuid FOR UPDATE`;
  const rows = await db.$queryRaw<
    { user_id: string; role: string; status: string; email: string }[]
  >`
    SELECT m.user_id, m.role, m.status, u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.practice_id = ${ctx.practiceId}::uuid
      AND (m.user_id = ${userId}::uuid OR m.role = 'owner' OR m.user_id = ${actorUserId(ctx)}::uuid)`;
  const found = rows.find((r) => r.user_id === userId);
  if (!found || !isRole(found.role)) throw new AppError('not_found');
  const actor = rows.find((r) => r.user_id === actorUserId(ctx));

  return {
    target: {
      userId,
      role: found.role,
      status: found.status === 'active' ? 'active' : 'deactivated',
      email: found.email,
    },
    actorRole: actor && actor.status === 'active' && isRole(actor.role) ? actor.role : null,
    activeOwners: rows.filter((r) => r.role === 'owner' && r.status === 'active').length,
  };
}

function actorUserId(ctx: PracticeContext): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.userId : null;
}

/**
 * Owner rules, enforced here and not only in the page: only an owner may change, remove
 * or grant the owner role, and the last active owner can be neither demoted nor removed.
 */
export function requireOwnerRules(
  scope: MemberChangeScope,
  change: { newRole?: Role; removing?: boolean },
  ctx: PracticeContext,
): void {
  const { target, actorRole } = scope;
  if (ctx.actor.type === 'user' && actorRole === null) throw new AppError('forbidden');
  const actorIsOwner = actorRole === 'owner' || ctx.actor.type === 'system';
  const touchesOwner = target.role === 'owner' || change.newRole === 'owner';
  if (touchesOwner && !actorIsOwner) {
    throw new AppError('forbidden', 'Only an owner can change, remove or appoint an owner.');
  }
  const losesOwner =
    target.role === 'owner' &&
    target.status === 'active' &&
    (change.removing || (change.newRole !== undefined && change.newRole !== 'owner'));
  if (losesOwner && scope.activeOwners <= 1) {
    throw new AppError('conflict', 'The practice must keep at least one owner.');
  }
}

/** Ends every live session the person has in this practice; returns how many. */
export async function endMemberSessions(
  db: PracticeDb,
  practiceId: string,
  userId: string,
  reason: string,
): Promise<number> {
  const result = await db.session.updateMany({
    where: { practiceId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });

  return result.count;
}
