import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { logger } from '@/lib/log/logger';
import { enqueueEmail } from '@/lib/mail/enqueue-email';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { listMemberships } from './list-memberships';
import { SIGN_IN_FAILURE_WINDOW, SIGN_IN_LOCK_AFTER, SIGN_IN_LOCK_FOR } from './session-policy';

/**
 * Counts a failed sign-in on a known account, locks it after too many, and records the
 * attempt in each practice the person works for (their admins watch their accounts).
 * Failures for unknown emails have no practice to record in: they are only logged and
 * counted by the rate limiter.
 */
export async function recordSignInFailure(
  user: { user_id: string; email: string },
  reason: 'bad_credentials' | 'locked',
  request: RequestMeta,
): Promise<void> {
  const [state] = await authQuery<{ failed_sign_ins: number; just_locked: boolean }>`
    SELECT failed_sign_ins, just_locked FROM auth.record_sign_in_failure(
      ${user.user_id}::uuid, ${SIGN_IN_LOCK_AFTER}::integer,
      ${SIGN_IN_FAILURE_WINDOW}::interval, ${SIGN_IN_LOCK_FOR}::interval)`;
  const practices = await listMemberships(user.user_id);
  logger.info({ userId: user.user_id, reason, practices: practices.length }, 'sign-in failed');

  for (const [index, practice] of practices.entries()) {
    await withPractice(practice.practiceId, async (db) => {
      const ctx = {
        practiceId: practice.practiceId,
        actor: { type: 'system' as const, label: 'sign-in' },
        request,
      };
      await recordAuditEvent(db, ctx, {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user.user_id,
        metadata: { outcome: reason, failures: state?.failed_sign_ins ?? null },
      });
      if (!state?.just_locked) return;
      await recordAuditEvent(db, ctx, {
        action: 'auth.account_locked',
        entityType: 'user',
        entityId: user.user_id,
        metadata: { lockedFor: SIGN_IN_LOCK_FOR },
      });
      // One warning to the owner of the account, filed under their first practice.
      if (index === 0) {
        await enqueueEmail(db, ctx, {
          to: user.email,
          subject: 'Your VetLoop account is temporarily locked',
          text: lockText(),
          template: 'auth.account_locked',
        });
      }
    });
  }
}

function lockText(): string {
  return [
    `After ${SIGN_IN_LOCK_AFTER} failed sign-in attempts, your VetLoop account is locked for ${SIGN_IN_LOCK_FOR}.`,
    '',
    'If this was you, wait and try again, or reset your password from the sign-in page.',
    'If it was not you, someone may be guessing your password: reset it and tell your practice admin.',
  ].join('\n');
}
