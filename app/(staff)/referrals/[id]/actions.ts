'use server';

import { revalidatePath } from 'next/cache';

import { staffAction, type ActionState } from '@/lib/http/staff-action';
import { postMessage } from '@/lib/messages/post-message';
import { postMessageSchema } from '@/lib/messages/post-message.schema';
import { assignReferral } from '@/lib/referrals/assign-referral';
import { assignReferralSchema } from '@/lib/referrals/assign-referral.schema';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import { changeStatusSchema } from '@/lib/referrals/change-status.schema';
import { STATUS_LABELS, type ReferralStatus } from '@/lib/referrals/state-machine';
import { updateReferral } from '@/lib/referrals/update-referral';
import { updateReferralSchema } from '@/lib/referrals/update-referral.schema';

type Done = { message: string };

function refreshing<R>(action: (prev: ActionState<R>, fd: FormData) => Promise<ActionState<R>>) {
  return async (prev: ActionState<R>, fd: FormData): Promise<ActionState<R>> => {
    const state = await action(prev, fd);
    const id = fd.get('referralId');
    if (state.status === 'ok' && typeof id === 'string') revalidatePath(`/referrals/${id}`);

    return state;
  };
}

// Every status step needs at least referral.triage; the operation then checks the
// step's own permission (accepting needs referral.decide) from the transition table.
const changeStatus = staffAction('referral.triage', changeStatusSchema, async (ctx, input, db) => {
  const after = await changeReferralStatus(db, ctx, input);

  return { message: `Status changed to ${STATUS_LABELS[after.status as ReferralStatus]}.` };
});

const update = staffAction('referral.edit', updateReferralSchema, async (ctx, input, db) => {
  const { changed } = await updateReferral(db, ctx, input);

  return { message: changed.length ? `Saved ${changed.length} change(s).` : 'Nothing changed.' };
});

const assign = staffAction('referral.assign', assignReferralSchema, async (ctx, input, db) => {
  const after = await assignReferral(db, ctx, input);

  return { message: after.assigneeUserId ? 'Assigned.' : 'Unassigned.' };
});

// Internal notes need note.post, which the operation checks; both are staff-only.
const post = staffAction('message.post', postMessageSchema, async (ctx, input, db) => {
  const message = await postMessage(db, ctx, input);

  return { message: message.visibility === 'internal' ? 'Note added.' : 'Message sent.' };
});

export async function changeStatusAction(prev: ActionState<Done>, fd: FormData) {
  return refreshing(changeStatus)(prev, fd);
}

export async function updateReferralAction(prev: ActionState<Done>, fd: FormData) {
  return refreshing(update)(prev, fd);
}

export async function assignReferralAction(prev: ActionState<Done>, fd: FormData) {
  return refreshing(assign)(prev, fd);
}

export async function postMessageAction(prev: ActionState<Done>, fd: FormData) {
  return refreshing(post)(prev, fd);
}
