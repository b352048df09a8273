import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { revokeSessionRow, type NewSession } from './create-session';
import { startSession } from './start-session';
import type { StaffContext } from './staff-context';

/**
 * Ends the current session and starts a new one (new cookie token, same absolute expiry)
 * in `practiceId`: at a practice switch and whenever privilege changes (MFA turned on).
 * The caller has checked that the person may act in that practice.
 */
export async function replaceSession(
  staff: StaffContext,
  next: { practiceId: string; action: string; mfaVerified?: boolean },
): Promise<NewSession> {
  const old = await withPractice(
    staff.practiceId,
    async (db) => {
      const row = await db.session.findFirst({
        where: { practiceId: staff.practiceId, id: staff.sessionId, revokedAt: null },
        select: { absoluteExpiresAt: true, mfaVerified: true },
      });
      if (!row) return null;
      await revokeSessionRow(db, staff.practiceId, staff.sessionId, next.action.split('.').pop()!);
      await recordAuditEvent(db, staff, {
        action: 'auth.session_replaced',
        entityType: 'session',
        entityId: staff.sessionId,
        metadata: { because: next.action },
      });

      return row;
    },
    { userId: staff.userId },
  );
  if (!old) throw new AppError('unauthenticated');

  return withPractice(
    next.practiceId,
    (db) =>
      startSession(db, {
        practiceId: next.practiceId,
        userId: staff.userId,
        label: staff.actor.label,
        pendingMfa: false,
        mfaVerified: next.mfaVerified ?? old.mfaVerified,
        request: staff.request,
        action: next.action,
        absoluteExpiresAt: old.absoluteExpiresAt,
        metadata: { replaces: staff.sessionId },
      }),
    { userId: staff.userId },
  );
}
