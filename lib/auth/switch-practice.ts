import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { revokeSessionRow, type NewSession } from './create-session';
import { listMemberships } from './list-memberships';
import { startSession } from './start-session';
import type { StaffContext } from './staff-context';

/**
 * Moves a signed-in person to another of their practices: the old session ends and a new
 * one (new token, same absolute expiry) starts there. The target must be one of the
 * person's active memberships, looked up fresh: the id the browser sent proves nothing.
 */
export async function switchPractice(
  staff: StaffContext,
  targetPracticeId: string,
): Promise<NewSession> {
  const target = (await listMemberships(staff.userId)).find(
    (m) => m.practiceId === targetPracticeId,
  );
  if (!target) throw new AppError('not_found');

  const old = await withPractice(
    staff.practiceId,
    async (db) => {
      const row = await db.session.findFirst({
        where: { practiceId: staff.practiceId, id: staff.sessionId },
        select: { absoluteExpiresAt: true, mfaVerified: true },
      });
      await revokeSessionRow(db, staff.practiceId, staff.sessionId, 'practice_switch');
      await recordAuditEvent(db, staff, {
        action: 'auth.practice_switched',
        entityType: 'session',
        entityId: staff.sessionId,
        metadata: { direction: 'away' },
      });

      return row;
    },
    { userId: staff.userId },
  );
  if (!old) throw new AppError('unauthenticated');

  return withPractice(
    target.practiceId,
    (db) =>
      startSession(db, {
        practiceId: target.practiceId,
        userId: staff.userId,
        label: staff.actor.label,
        pendingMfa: false,
        mfaVerified: old.mfaVerified,
        request: staff.request,
        action: 'auth.practice_switched',
        absoluteExpiresAt: old.absoluteExpiresAt,
        metadata: { direction: 'into' },
      }),
    { userId: staff.userId },
  );
}
