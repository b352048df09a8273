import 'server-only';

import { randomInt } from 'node:crypto';

import { actorId } from '@/lib/auth/actor';
import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { createReferralSchema, type CreateReferralInput } from './create-referral.schema';
import { requireClinician } from './find-referral';
import { parseInput } from './parse-input';
import { upsertReferringVet } from './upsert-referring-vet';
import type { WorkflowContext } from './workflow-context';

// No 0/O/1/I, so a reference read out on the phone is unambiguous.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateReference(): string {
  let out = 'VL-';
  for (let i = 0; i < 7; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];

  return out;
}

/**
 * Files a referral on behalf of a referring vet (a phone call, the seed). Its first
 * status history row and its audit event are written with it.
 */
export async function createReferral(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: CreateReferralInput,
) {
  const input = parseInput(createReferralSchema, raw);
  const { referringVet, referringVetId, status, ...fields } = input;

  const vet = referringVet
    ? await upsertReferringVet(db, ctx, referringVet)
    : await db.referringVet.findUnique({
        where: { practiceId_id: { practiceId: ctx.practiceId, id: referringVetId! } },
      });
  if (!vet) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'referringVetId', message: 'No such referring vet' }],
    });
  }
  if (fields.assigneeUserId)
    await requireClinician(db, ctx, fields.assigneeUserId, 'assigneeUserId');

  const now = new Date();
  const referral = await db.referral.create({
    data: {
      ...fields,
      dateOfBirth: fields.dateOfBirth ? new Date(`${fields.dateOfBirth}T00:00:00Z`) : null,
      practiceId: ctx.practiceId,
      reference: generateReference(),
      status,
      referringVetId: vet.id,
      referringClinicId: vet.clinicId,
      submittedAt: status === 'submitted' ? now : null,
      statusChangedAt: now,
    },
    include: { referringVet: true, referringClinic: true },
  });
  await db.referralStatusHistory.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      fromStatus: null,
      toStatus: status,
      actorType: ctx.actor.type,
      actorId: actorId(ctx.actor),
      createdAt: now,
    },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral.created',
    entityType: 'referral',
    entityId: referral.id,
    changes: diffFields({}, { status, urgency: fields.urgency, service: fields.service }),
    metadata: { reference: referral.reference },
  });

  return referral;
}
