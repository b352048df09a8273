import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { findPracticeOrThrow } from '@/lib/referrals/find-referral';
import { CLOCKED_STATUSES, readSlaTargets, serviceLevelDue } from '@/lib/referrals/service-levels';
import type { ReferralStatus } from '@/lib/referrals/state-machine';
import { zonedDate } from '@/lib/referrals/time-zone';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

interface Brief {
  id: string;
  reference: string;
  status: ReferralStatus;
  urgency: string;
  service: string;
  patientName: string;
  clinicName: string;
  createdAt: Date;
  statusChangedAt: Date;
}

// Enough for any one hospital's open clocks; past it the overdue count says "at least".
const CLOCKED_LIMIT = 2000;

/** The day at a glance: new today, overdue by service-level target, and counts by status. */
export async function getDashboardSummary(db: PracticeDb, ctx: WorkflowContext, now = new Date()) {
  const practice = await findPracticeOrThrow(db, ctx);
  const today = zonedDate(now, practice.timezone);

  const newToday = await db.$queryRaw<Brief[]>`
    SELECT r.id, r.reference, r.status, r.urgency, r.service, r.patient_name AS "patientName",
      c.name AS "clinicName", r.created_at AS "createdAt", r.status_changed_at AS "statusChangedAt"
    FROM referrals r
    JOIN referring_clinics c ON c.practice_id = r.practice_id AND c.id = r.referring_clinic_id
    WHERE r.practice_id = ${ctx.practiceId}::uuid AND r.status <> 'draft'
      AND r.created_at >= (${today}::date::timestamp AT TIME ZONE ${practice.timezone})
    ORDER BY r.created_at DESC LIMIT 50`;

  const clocked = await db.$queryRaw<Brief[]>`
    SELECT r.id, r.reference, r.status, r.urgency, r.service, r.patient_name AS "patientName",
      c.name AS "clinicName", r.created_at AS "createdAt", r.status_changed_at AS "statusChangedAt"
    FROM referrals r
    JOIN referring_clinics c ON c.practice_id = r.practice_id AND c.id = r.referring_clinic_id
    WHERE r.practice_id = ${ctx.practiceId}::uuid
      AND r.status IN (${CLOCKED_STATUSES[0]}, ${CLOCKED_STATUSES[1]}, ${CLOCKED_STATUSES[2]})
    ORDER BY r.status_changed_at ASC LIMIT ${CLOCKED_LIMIT}`;

  const counts = await db.$queryRaw<{ status: ReferralStatus; count: number }[]>`
    SELECT status, count(*)::int AS count FROM referrals
    WHERE practice_id = ${ctx.practiceId}::uuid GROUP BY status`;

  const targets = readSlaTargets(practice.settings);
  const overdue = clocked
    .map((r) => ({ ...r, due: serviceLevelDue(r, targets, practice.timezone) }))
    .filter((r) => r.due && now > r.due.dueAt)
    .map(({ due, ...r }) => ({ ...r, clock: due!.clock, dueAt: due!.dueAt }));

  return {
    timeZone: practice.timezone,
    newToday,
    overdue,
    overdueMayBeMore: clocked.length === CLOCKED_LIMIT,
    countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Partial<
      Record<ReferralStatus, number>
    >,
  };
}
