import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext, RequestMeta } from '@/lib/auth/actor';
import { authQuery } from '@/lib/auth/auth-db';
import { hashPassword } from '@/lib/auth/password';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { startSession } from '@/lib/auth/start-session';
import { sha256 } from '@/lib/auth/tokens';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { AppError, type FieldIssue } from '@/lib/http/errors';
import { requireWithinLimit } from '@/lib/rate-limit/limit';
import { parseInput } from '@/lib/referrals/parse-input';
import { isIpAllowed } from '@/lib/settings/ip-allow-list';
import { readPracticeSettings } from '@/lib/settings/practice-settings';

import { acceptInvitationSchema, type AcceptInvitationInput } from './accept-invitation.schema';
import { findInvitation, type LiveInvitation } from './find-invitation';

export type AcceptOutcome =
  /** A new account: signed in at once, so the page can offer MFA enrolment next. */
  | { status: 'signed_in'; token: string; userId: string; practiceId: string }
  /** An existing account gained the membership (or sign-in is barred here): sign in next. */
  | { status: 'joined'; userId: string; practiceId: string };

const SPENT = 'This invitation has expired or was already used. Ask for a new one.';

/**
 * Spends an invitation link. A newcomer chooses a name and a password (the same policy
 * as everywhere) and is signed in; someone who already has an account only gains the
 * membership and signs in as usual. Everything happens in one transaction with the
 * invitation row locked, so a link works exactly once.
 */
export async function acceptInvitation(
  raw: AcceptInvitationInput,
  request: RequestMeta,
): Promise<AcceptOutcome> {
  const input = parseInput(acceptInvitationSchema, raw);
  await requireWithinLimit('token_exchange', `invite:${request.ip ?? 'unknown'}`);
  const invitation = await findInvitation(input.token);
  if (!invitation) throw new AppError('bad_request', SPENT);

  const [account] = await authQuery<{ user_id: string; status: string }>`
    SELECT user_id, status FROM auth.find_user_for_sign_in(${invitation.email})`;
  if (account && account.status !== 'active') {
    throw new AppError('forbidden', 'This account is deactivated. Contact VetLoop support.');
  }
  const newAccount = account ? null : await newAccountFields(invitation, input);

  return withPractice(
    invitation.practiceId,
    async (db) => {
      await lockLiveInvitationOrThrow(db, invitation, input.token);
      const userId =
        account?.user_id ??
        (
          await db.$queryRaw<{ id: string }[]>`
            SELECT auth.create_user(${invitation.email}, ${newAccount!.name}, ${newAccount!.hash}) AS id`
        )[0]!.id;
      const ctx: PracticeContext = {
        practiceId: invitation.practiceId,
        actor: { type: 'system', label: invitation.email },
        request,
      };
      await grantMembership(db, ctx, invitation, userId);
      await db.invitation.update({
        where: {
          practiceId_id: { practiceId: invitation.practiceId, id: invitation.invitationId },
        },
        data: { acceptedAt: new Date(), acceptedUserId: userId },
        select: { id: true },
      });
      await recordAuditEvent(db, ctx, {
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: invitation.invitationId,
        metadata: { userId, newAccount: !account },
      });

      if (account || !(await signInAllowedHere(db, invitation.practiceId, request))) {
        return { status: 'joined' as const, userId, practiceId: invitation.practiceId };
      }

      return signInNewcomer(db, invitation, userId, request);
    },
    account ? { userId: account.user_id } : {},
  );
}

/** A newcomer's first session, so the accept page can take them to MFA set-up. */
async function signInNewcomer(
  db: PracticeDb,
  invitation: LiveInvitation,
  userId: string,
  request: RequestMeta,
): Promise<AcceptOutcome> {
  const session = await startSession(db, {
    practiceId: invitation.practiceId,
    userId,
    label: invitation.email,
    pendingMfa: false,
    mfaVerified: false,
    request,
    action: 'auth.signed_in',
    metadata: { via: 'invitation' },
  });

  return { status: 'signed_in', token: session.token, userId, practiceId: invitation.practiceId };
}

async function newAccountFields(
  invitation: LiveInvitation,
  input: { name?: string; password?: string; confirm?: string },
): Promise<{ name: string; hash: string }> {
  const problems: FieldIssue[] = [];
  const name = input.name?.trim() ?? '';
  if (name.length === 0) problems.push({ path: 'name', message: 'Enter your name.' });
  problems.push(...checkPasswordPolicy(input.password ?? '', { email: invitation.email, name }));
  if ((input.password ?? '') !== (input.confirm ?? '')) {
    problems.push({ path: 'confirm', message: 'The two passwords differ.' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', undefined, { fields: problems });

  return { name, hash: await hashPassword(input.password!) };
}

async function lockLiveInvitationOrThrow(
  db: PracticeDb,
  invitation: LiveInvitation,
  token: string,
): Promise<void> {
  // Re-checked under the lock: a resend (new hash), revocation or a racing accept since
  // findInvitation() all make this link dead.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM invitations
    WHERE practice_id = ${invitation.practiceId}::uuid AND id = ${invitation.invitationId}::uuid
      AND token_hash = ${sha256(token)} AND accepted_at IS NULL AND revoked_at IS NULL
      AND expires_at > now()
    FOR UPDATE`;
  if (rows.length === 0) throw new AppError('bad_request', SPENT);
}

async function grantMembership(
  db: PracticeDb,
  ctx: PracticeContext,
  invitation: LiveInvitation,
  userId: string,
): Promise<void> {
  const key = { practiceId_userId: { practiceId: invitation.practiceId, userId } };
  const existing = await db.membership.findUnique({
    where: key,
    select: { role: true, status: true },
  });
  const after = { role: invitation.role, status: 'active' };
  if (existing) {
    await db.membership.update({ where: key, data: after, select: { role: true } });
  } else {
    await db.membership.create({ data: { practiceId: invitation.practiceId, userId, ...after } });
  }
  await recordAuditEvent(db, ctx, {
    action: existing ? 'membership.reactivated' : 'membership.created',
    entityType: 'user',
    entityId: userId,
    changes: diffFields(existing ?? {}, after),
    metadata: { via: 'invitation' },
  });
}

/** The practice's staff IP allow-list applies to this first sign-in as to any other. */
async function signInAllowedHere(
  db: PracticeDb,
  practiceId: string,
  request: RequestMeta,
): Promise<boolean> {
  const practice = await db.practice.findFirst({
    where: { id: practiceId },
    select: { settings: true },
  });
  const { staffIpAllowList } = readPracticeSettings(practice?.settings).security;

  return isIpAllowed(request.ip, staffIpAllowList);
}
