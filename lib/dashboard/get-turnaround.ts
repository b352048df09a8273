import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { findPracticeOrThrow } from '@/lib/referrals/find-referral';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

export interface TurnaroundPoint {
  clinicId: string;
  clinicName: string;
  /** First day of the month, YYYY-MM-DD, in the practice's zone. */
  month: string;
  /** Median hours from submitted to accepted, for referrals accepted that month. */
  acceptHours: number | null;
  acceptCount: number;
  /** Median hours from accepted to report sent, for reports sent that month. */
  reportHours: number | null;
  reportCount: number;
}

/**
 * Turnaround by referring clinic and month over the last `months` months: submitted to
 * accepted, and accepted to report sent, from the first time each step happened.
 */
export async function getTurnaround(
  db: PracticeDb,
  ctx: WorkflowContext,
  months = 6,
  now = new Date(),
): Promise<TurnaroundPoint[]> {
  const practice = await findPracticeOrThrow(db, ctx);
  const tz = practice.timezone;

  return db.$queryRaw<TurnaroundPoint[]>`
    WITH steps AS (
      SELECT r.id, r.referring_clinic_id,
        coalesce(min(h.created_at) FILTER (WHERE h.to_status = 'submitted'), r.submitted_at) AS submitted,
        min(h.created_at) FILTER (WHERE h.to_status = 'accepted') AS accepted,
        min(h.created_at) FILTER (WHERE h.to_status = 'report_sent') AS reported
      FROM referrals r
      JOIN referral_status_history h ON h.practice_id = r.practice_id AND h.referral_id = r.id
      WHERE r.practice_id = ${ctx.practiceId}::uuid
      GROUP BY r.id, r.referring_clinic_id, r.submitted_at
    ),
    since AS (
      SELECT (date_trunc('month', ${now}::timestamptz AT TIME ZONE ${tz})
        - make_interval(months => ${months - 1}::int)) AS start
    ),
    accept AS (
      SELECT referring_clinic_id AS clinic, date_trunc('month', accepted AT TIME ZONE ${tz}) AS month,
        extract(epoch FROM accepted - submitted) / 3600 AS hours
      FROM steps, since WHERE accepted IS NOT NULL AND submitted IS NOT NULL
        AND accepted AT TIME ZONE ${tz} >= since.start
    ),
    report AS (
      SELECT referring_clinic_id AS clinic, date_trunc('month', reported AT TIME ZONE ${tz}) AS month,
        extract(epoch FROM reported - accepted) / 3600 AS hours
      FROM steps, since WHERE reported IS NOT NULL AND accepted IS NOT NULL
        AND reported AT TIME ZONE ${tz} >= since.start
    ),
    keys AS (SELECT clinic, month FROM accept UNION SELECT clinic, month FROM report)
    SELECT k.clinic::text AS "clinicId", c.name AS "clinicName",
      to_char(k.month, 'YYYY-MM-DD') AS month,
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.hours)::numeric, 1)::float8
         FROM accept a WHERE a.clinic = k.clinic AND a.month = k.month) AS "acceptHours",
      (SELECT count(*)::int FROM accept a WHERE a.clinic = k.clinic AND a.month = k.month) AS "acceptCount",
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY p.hours)::numeric, 1)::float8
         FROM report p WHERE p.clinic = k.clinic AND p.month = k.month) AS "reportHours",
      (SELECT count(*)::int FROM report p WHERE p.clinic = k.clinic AND p.month = k.month) AS "reportCount"
    FROM keys k
    JOIN referring_clinics c ON c.practice_id = ${ctx.practiceId}::uuid AND c.id = k.clinic
    ORDER BY c.name, k.month`;
}
