import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { lockReferralOrThrow, type LoadedReferral } from './find-referral';
import { parseInput } from './parse-input';
import { isTerminal, STATUS_LABELS, type ReferralStatus } from './state-machine';
import {
  EDITABLE_FIELDS,
  updateReferralSchema,
  type UpdateReferralInput,
} from './update-referral.schema';
import type { WorkflowContext } from './workflow-context';

/** The editable fields as comparable plain values (dates as YYYY-MM-DD, weight as a number). */
export function editableSnapshot(r: LoadedReferral): Record<string, unknown> {
  return {
    urgency: r.urgency,
    service: r.service,
    patientName: r.patientName,
    species: r.species,
    breed: r.breed,
    sex: r.sex,
    dateOfBirth: r.dateOfBirth ? r.dateOfBirth.toISOString().slice(0, 10) : null,
    weightKg: r.weightKg === null ? null : Number(r.weightKg),
    ownerName: r.ownerName,
    ownerPhone: r.ownerPhone,
    ownerEmail: r.ownerEmail,
    ownerConsent: r.ownerConsent,
    reason: r.reason,
    history: r.history,
    medications: r.medications,
  };
}

/**
 * Saves edits to a referral's details and records each changed field, before and after,
 * in the audit trail. Only fields that really changed are written or recorded.
 */
export async function updateReferral(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: UpdateReferralInput,
) {
  const input = parseInput(updateReferralSchema, raw);
  const before = await lockReferralOrThrow(db, ctx, input.referralId);
  if (isTerminal(before.status)) {
    throw new AppError(
      'conflict',
      `This referral is ${STATUS_LABELS[before.status as ReferralStatus]}; reopen it to edit.`,
    );
  }
  if (
    input.expectedUpdatedAt &&
    new Date(input.expectedUpdatedAt).getTime() !== before.updatedAt.getTime()
  ) {
    throw new AppError(
      'conflict',
      'Someone else saved this referral while you were editing. Reload to see their changes.',
    );
  }

  const current = editableSnapshot(before);
  const proposed = { ...current };
  for (const key of EDITABLE_FIELDS) {
    if (input[key] !== undefined) proposed[key] = input[key];
  }
  const changes = diffFields(current, proposed, { sensitive: ['ownerPhone', 'ownerEmail'] });
  if (Object.keys(changes).length === 0) return { referral: before, changed: [] as string[] };

  const data = Object.fromEntries(Object.keys(changes).map((k) => [k, proposed[k]]));
  if ('dateOfBirth' in data && data.dateOfBirth) {
    data.dateOfBirth = new Date(`${String(data.dateOfBirth)}T00:00:00Z`);
  }
  const referral = await db.referral.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: before.id } },
    data,
    include: { referringVet: true, referringClinic: true },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral.updated',
    entityType: 'referral',
    entityId: before.id,
    changes,
  });

  return { referral, changed: Object.keys(changes) };
}
