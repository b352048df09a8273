import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';

import type { z } from 'zod';

import type { newReferringVetSchema } from './create-referral.schema';
import type { WorkflowContext } from './workflow-context';

/**
 * The referring vet with this email at the clinic of this name, created if new. Matching
 * by clinic name and email keeps one record per person, which today's tools fail at.
 */
export async function upsertReferringVet(
  db: PracticeDb,
  ctx: WorkflowContext,
  input: z.output<typeof newReferringVetSchema>,
) {
  const clinics = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM referring_clinics
    WHERE practice_id = ${ctx.practiceId}::uuid AND lower(name) = lower(${input.clinicName})`;
  let clinicId = clinics[0]?.id;
  if (!clinicId) {
    const clinic = await db.referringClinic.create({
      data: { practiceId: ctx.practiceId, name: input.clinicName },
    });
    clinicId = clinic.id;
    await recordAuditEvent(db, ctx, {
      action: 'referring_clinic.created',
      entityType: 'referring_clinic',
      entityId: clinic.id,
    });
  }

  const existing = await db.referringVet.findUnique({
    where: {
      practiceId_clinicId_email: { practiceId: ctx.practiceId, clinicId, email: input.email },
    },
  });
  if (existing) return existing;

  const vet = await db.referringVet.create({
    data: {
      practiceId: ctx.practiceId,
      clinicId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
    },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referring_vet.created',
    entityType: 'referring_vet',
    entityId: vet.id,
  });

  return vet;
}
