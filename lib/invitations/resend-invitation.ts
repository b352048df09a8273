import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import { randomToken, sha256 } from '@/lib/auth/tokens';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import { invitationIdSchema, type InvitationIdInput } from './create-invitation.schema';
import { INVITATION_MAX_SENDS, invitationExpiry } from './invitation-policy';
import { sendInvitationEmail } from './send-invitation-email';

/**
 * Mails a fresh link for an unanswered invitation (also after it expired). The previous
 * link stops working at once: the stored hash is replaced.
 */
export async function resendInvitation(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: InvitationIdInput,
): Promise<{ token: string }> {
  const { invitationId } = parseInput(invitationIdSchema, raw);
  const [invitation] = await db.$queryRaw<
    {
      email: string;
      send_count: number;
      expires_at: Date;
      accepted_at: Date | null;
      revoked_at: Date | null;
    }[]
  >`SELECT email, send_count, expires_at, accepted_at, revoked_at FROM invitations
    WHERE practice_id = ${ctx.practiceId}::uuid AND id = ${invitationId}::uuid FOR UPDATE`;
  if (!invitation) throw new AppError('not_found');
  if (invitation.accepted_at || invitation.revoked_at) {
    throw new AppError('conflict', 'That invitation was already accepted or revoked.');
  }
  if (invitation.send_count >= INVITATION_MAX_SENDS) {
    throw new AppError(
      'conflict',
      'That invitation was sent too often; revoke it and invite again.',
    );
  }

  const token = randomToken();
  const expiresAt = invitationExpiry();
  await db.invitation.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: invitationId } },
    data: {
      tokenHash: new Uint8Array(sha256(token)),
      expiresAt,
      lastSentAt: new Date(),
      sendCount: { increment: 1 },
    },
    select: { id: true },
  });
  await sendInvitationEmail(db, ctx, invitation.email, token);
  await recordAuditEvent(db, ctx, {
    action: 'invitation.resent',
    entityType: 'invitation',
    entityId: invitationId,
    changes: diffFields({ expiresAt: invitation.expires_at }, { expiresAt }),
    metadata: { sendCount: invitation.send_count + 1 },
  });

  return { token };
}
