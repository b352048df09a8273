import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { enqueueEmail } from '@/lib/mail/enqueue-email';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { listMemberships } from './list-memberships';
import { RESET_LINK_MINUTES } from './session-policy';
import { randomToken, sha256 } from './tokens';

const MIN_DURATION_MS = 400;

/**
 * Emails a single-use, expiring reset link to a known, active account. The caller gets
 * the same nothing, after about the same time, whether or not the email is known.
 *
 * The mail needs a practice to live under (the outbox is tenant data): it is filed under
 * the person's first active practice, whose admins may see that a reset was requested.
 * Someone with no active practice cannot sign in anyway, so no link is sent.
 */
export async function requestPasswordReset(email: string, request: RequestMeta): Promise<void> {
  const started = Date.now();
  await requireWithinLimit('password_reset', request.ip ?? 'unknown');
  await requireWithinLimit('password_reset', email);
  try {
    await sendResetLink(email, request);
  } finally {
    const left = MIN_DURATION_MS - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

async function sendResetLink(email: string, request: RequestMeta): Promise<void> {
  const [user] = await authQuery<{ user_id: string; email: string; status: string }>`
    SELECT user_id, email, status FROM auth.find_user_for_sign_in(${email})`;
  if (!user || user.status !== 'active') return;
  const [practice] = await listMemberships(user.user_id);
  if (!practice) return;

  const token = randomToken();
  const expires = new Date(Date.now() + RESET_LINK_MINUTES * 60_000);
  await withPractice(practice.practiceId, async (db) => {
    await db.$executeRaw`SELECT auth.create_password_reset(
      ${user.user_id}::uuid, ${new Uint8Array(sha256(token))}, ${expires})`;
    const ctx = {
      practiceId: practice.practiceId,
      actor: { type: 'system' as const, label: 'password-reset' },
      request,
    };
    await enqueueEmail(db, ctx, {
      to: user.email,
      subject: 'Reset your VetLoop password',
      text: resetText(`${getEnv().APP_ORIGIN}/reset-password/${token}`),
      template: 'auth.password_reset',
    });
    await recordAuditEvent(db, ctx, {
      action: 'auth.password_reset_requested',
      entityType: 'user',
      entityId: user.user_id,
    });
  });
}

function resetText(link: string): string {
  return [
    'Someone (hopefully you) asked to reset your VetLoop password.',
    '',
    `Choose a new password here within ${RESET_LINK_MINUTES} minutes: ${link}`,
    '',
    'The link works once. If you did not ask for it, ignore this email; your password stays.',
  ].join('\n');
}
