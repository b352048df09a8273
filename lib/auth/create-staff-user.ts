import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { PracticeContext } from './actor';
import { authQuery } from './auth-db';
import { hashPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { createStaffUserSchema, type CreateStaffUserInput } from './create-staff-user.schema';

/**
 * Adds a staff member to the practice: creates the account if the email is new (with a
 * password that must pass the policy), then the membership. Used by the seed and, later,
 * by admin invitations. An existing account keeps its password; re-running is harmless.
 */
export async function createStaffUser(
  ctx: PracticeContext,
  raw: CreateStaffUserInput,
): Promise<{ userId: string; created: boolean }> {
  const input = createStaffUserSchema.parse(raw);
  const [existing] = await authQuery<{ user_id: string }>`
    SELECT user_id FROM auth.find_user_for_sign_in(${input.email})`;
  let hash: string | null = null;
  if (!existing && input.password !== undefined) {
    const problems = checkPasswordPolicy(input.password, input);
    if (problems.length > 0)
      throw new AppError('validation_failed', undefined, { fields: problems });
    hash = await hashPassword(input.password);
  }

  return withPractice(ctx.practiceId, async (db) => {
    let userId = existing?.user_id;
    if (!userId) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT auth.create_user(${input.email}, ${input.name}, ${hash}) AS id`;
      userId = rows[0]!.id;
    }
    const found = await db.membership.findUnique({
      where: { practiceId_userId: { practiceId: ctx.practiceId, userId } },
      select: { role: true },
    });
    if (found) return { userId, created: false };
    await db.membership.create({ data: { practiceId: ctx.practiceId, userId, role: input.role } });
    await recordAuditEvent(db, ctx, {
      action: 'membership.created',
      entityType: 'user',
      entityId: userId,
      metadata: { role: input.role, newAccount: !existing },
    });

    return { userId, created: true };
  });
}
