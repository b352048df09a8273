import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { randomToken, sha256 } from '@/lib/auth/tokens';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import { createInvitationSchema, type CreateInvitationInput } from './create-invitation.schema';
import { invitationExpiry } from './invitation-policy';
import { sendInvitationEmail } from './send-invitation-email';

/**
 * Invites an email into the practice with a role and mails a single-use link. Only an
 * owner may invite an owner. A current member is refused (change their role instead); an
 * open invitation to the same email must be resent, not duplicated. The token is
 * returned for the caller's tests and never stored: only its SHA-256 is.
 */
export async function createInvitation(
  db: PracticeDb,
  ctx: PracticeContext & { role: Role; userId: string },
  raw: CreateInvitationInput,
): Promise<{ invitationId: string; token: string }> {
  const input = parseInput(createInvitationSchema, raw);
  if (input.role === 'owner' && ctx.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can invite another owner.');
  }
  const member = await db.membership.findFirst({
    where: { practiceId: ctx.practiceId, user: { email: input.email } },
    select: { status: true },
  });
  if (member) {
    throw new AppError(
      'conflict',
      member.status === 'active'
        ? 'That person is already a member of this practice.'
        : 'That person has a deactivated membership: reactivate it instead.',
    );
  }
  await retireExpired(db, ctx.practiceId, input.email);
  const open = await db.invitation.findFirst({
    where: { practiceId: ctx.practiceId, email: input.email, acceptedAt: null, revokedAt: null },
    select: { id: true },
  });
  if (open) throw new AppError('conflict', 'That email already has an open invitation: resend it.');

  const token = randomToken();
  const invitation = await db.invitation.create({
    data: {
      practiceId: ctx.practiceId,
      email: input.email,
      role: input.role,
      tokenHash: new Uint8Array(sha256(token)),
      invitedBy: ctx.userId,
      expiresAt: invitationExpiry(),
    },
    select: { id: true, expiresAt: true },
  });
  await sendInvitationEmail(db, ctx, input.email, token);
  await recordAuditEvent(db, ctx, {
    action: 'invitation.created',
    entityType: 'invitation',
    entityId: invitation.id,
    changes: diffFields(
      {},
      { email: input.email, role: input.role, expiresAt: invitation.expiresAt },
    ),
  });

  return { invitationId: invitation.id, token };
}

/** An expired, unanswered invitation no longer blocks a fresh one for the same email. */
async function retireExpired(db: PracticeDb, practiceId: string, email: string): Promise<void> {
  await db.invitation.updateMany({
    where: { practiceId, email, acceptedAt: null, revokedAt: null, expiresAt: { lte: new Date() } },
    data: { revokedAt: new Date() },
  });
}
