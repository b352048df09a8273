import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import { invitationIdSchema, type InvitationIdInput } from './create-invitation.schema';

/** Withdraws an unanswered invitation; its link stops working at once. */
export async function revokeInvitation(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: InvitationIdInput,
): Promise<void> {
  const { invitationId } = parseInput(invitationIdSchema, raw);
  const now = new Date();
  const result = await db.invitation.updateMany({
    where: { practiceId: ctx.practiceId, id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (result.count === 0) {
    const exists = await db.invitation.findFirst({
      where: { practiceId: ctx.practiceId, id: invitationId },
      select: { id: true },
    });
    if (!exists) throw new AppError('not_found');

    return;
  }
  await recordAuditEvent(db, ctx, {
    action: 'invitation.revoked',
    entityType: 'invitation',
    entityId: invitationId,
    changes: { revokedAt: { from: null, to: now.toISOString() } },
  });
}
