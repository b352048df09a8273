import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export const DUPLICATE_WINDOW_DAYS = 14;

/**
 * Earlier referrals of the same patient name from the same clinic within the window.
 * Flagged for staff to judge, never merged: two dogs called Max at one clinic happen.
 */
export async function flagPossibleDuplicates(
  db: PracticeDb,
  ctx: PracticeContext,
  referral: { id: string; referringClinicId: string; patientName: string; createdAt: Date },
): Promise<string[]> {
  const since = new Date(referral.createdAt.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM referrals
    WHERE practice_id = ${ctx.practiceId}::uuid
      AND referring_clinic_id = ${referral.referringClinicId}::uuid
      AND lower(patient_name) = lower(${referral.patientName})
      AND created_at >= ${since}
      AND id <> ${referral.id}::uuid
    ORDER BY created_at DESC
    LIMIT 5`;
  if (rows.length > 0) {
    await db.referralPossibleDuplicate.createMany({
      data: rows.map((r) => ({
        practiceId: ctx.practiceId,
        referralId: referral.id,
        duplicateOfId: r.id,
      })),
    });
  }

  return rows.map((r) => r.id);
}
