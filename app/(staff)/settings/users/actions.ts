'use server';

import { revalidatePath } from 'next/cache';

import { staffAction } from '@/lib/http/staff-action';
import { createInvitation } from '@/lib/invitations/create-invitation';
import {
  createInvitationSchema,
  invitationIdSchema,
} from '@/lib/invitations/create-invitation.schema';
import { resendInvitation } from '@/lib/invitations/resend-invitation';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';
import { changeMemberRole } from '@/lib/members/change-member-role';
import { changeMemberRoleSchema, memberIdSchema } from '@/lib/members/change-member.schema';
import { deactivateMember } from '@/lib/members/deactivate-member';
import { reactivateMember } from '@/lib/members/reactivate-member';

function done(message: string) {
  revalidatePath('/settings/users');

  return { message };
}

export const inviteAction = staffAction(
  'user.manage',
  createInvitationSchema,
  async (ctx, input, db) => {
    await createInvitation(db, ctx, input);

    return done(`Invitation sent to ${input.email}.`);
  },
);

export const resendInvitationAction = staffAction(
  'user.manage',
  invitationIdSchema,
  async (ctx, input, db) => {
    await resendInvitation(db, ctx, input);

    return done('Sent again with a new link; the old one no longer works.');
  },
);

export const revokeInvitationAction = staffAction(
  'user.manage',
  invitationIdSchema,
  async (ctx, input, db) => {
    await revokeInvitation(db, ctx, input);

    return done('Invitation withdrawn.');
  },
);

export const changeRoleAction = staffAction(
  'user.manage',
  changeMemberRoleSchema,
  async (ctx, input, db) => {
    const { changed, sessionsEnded } = await changeMemberRole(db, ctx, input);

    return done(
      changed
        ? `Role changed; ${sessionsEnded} session(s) ended, they sign in again.`
        : 'No change.',
    );
  },
);

export const deactivateAction = staffAction(
  'user.manage',
  memberIdSchema,
  async (ctx, input, db) => {
    const { sessionsEnded } = await deactivateMember(db, ctx, input);

    return done(`Deactivated; ${sessionsEnded} session(s) ended.`);
  },
);

export const reactivateAction = staffAction(
  'user.manage',
  memberIdSchema,
  async (ctx, input, db) => {
    await reactivateMember(db, ctx, input);

    return done('Reactivated.');
  },
);
