import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { WorkflowContext } from './workflow-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The referral, locked for the rest of the transaction so that two concurrent changes
 * cannot both start from the same status. Another practice's referral is simply not
 * visible (row-level security) and answers not_found like a missing one.
 */
export async function lockReferralOrThrow(db: PracticeDb, ctx: WorkflowContext, id: string) {
  if (!UUID.test(id)) throw new AppError('not_found');
  const locked = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM referrals
    WHERE practice_id = ${ctx.practiceId}::uuid AND id = ${id}::uuid
    FOR UPDATE`;
  if (locked.length === 0) throw new AppError('not_found');

  return findReferralOrThrow(db, ctx, id);
}

export async function findReferralOrThrow(db: PracticeDb, ctx: WorkflowContext, id: string) {
  if (!UUID.test(id)) throw new AppError('not_found');
  const referral = await db.referral.findUnique({
    where: { practiceId_id: { practiceId: ctx.practiceId, id } },
    include: { referringVet: true, referringClinic: true },
  });
  if (!referral) throw new AppError('not_found');

  return referral;
}

export type LoadedReferral = Awaited<ReturnType<typeof findReferralOrThrow>>;

export async function findPracticeOrThrow(db: PracticeDb, ctx: WorkflowContext) {
  const practice = await db.practice.findUnique({
    where: { id: ctx.practiceId },
    select: { id: true, name: true, timezone: true, settings: true },
  });
  if (!practice) throw new AppError('not_found');

  return practice;
}

const CLINICAL_ROLES = ['owner', 'admin', 'clinician'];

/** A clinician who may be assigned: an active clinical member of this practice. */
export async function requireClinician(
  db: PracticeDb,
  ctx: WorkflowContext,
  userId: string,
  field: string,
): Promise<void> {
  const member = await db.membership.findUnique({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId } },
    select: { role: true, status: true },
  });
  if (!member || member.status !== 'active' || !CLINICAL_ROLES.includes(member.role)) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: field, message: 'Choose a clinician of this practice' }],
    });
  }
}
