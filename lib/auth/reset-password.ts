import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { listMemberships } from './list-memberships';
import { hashPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { sha256 } from './tokens';

export async function isResetLinkLive(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const [row] = await authQuery<{ live: boolean }>`
    SELECT auth.check_password_reset(${sha256(token)}) AS live`;

  return row?.live ?? false;
}

/**
 * Spends a reset link and sets the new password; every session the person had ends and
 * any lockout clears (all inside auth.reset_password). A spent or expired link is refused.
 */
export async function resetPassword(
  input: { token: string; password: string; confirm: string },
  request: RequestMeta,
): Promise<void> {
  const problems = checkPasswordPolicy(input.password);
  if (input.password !== input.confirm) {
    problems.push({ path: 'confirm', message: 'The two passwords differ.' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', undefined, { fields: problems });

  const hash = await hashPassword(input.password);
  const [row] = await authQuery<{ user_id: string | null }>`
    SELECT auth.reset_password(${sha256(input.token)}, ${hash}) AS user_id`;
  if (!row?.user_id) {
    throw new AppError('bad_request', 'This reset link has expired or was already used.');
  }
  for (const practice of await listMemberships(row.user_id)) {
    await withPractice(practice.practiceId, (db) =>
      recordAuditEvent(
        db,
        {
          practiceId: practice.practiceId,
          actor: { type: 'system', label: 'password-reset' },
          request,
        },
        {
          action: 'auth.password_reset',
          entityType: 'user',
          entityId: row.user_id,
          metadata: { sessionsRevoked: true },
        },
      ),
    );
  }
}
