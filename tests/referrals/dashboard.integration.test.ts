import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';

import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { getTurnaround } from '@/lib/dashboard/get-turnaround';
import { withPractice } from '@/lib/db/with-practice';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { SUPERUSER_URL } from '../helpers/postgres';

import { newReferral, practiceWithStaff } from './helpers';

let ctx: WorkflowContext;
let practiceId: string;

// History is append-only for the app role, so the test back-dates it as the superuser.
async function shiftHistory(referralId: string, toStatus: string, iso: string) {
  const url = new URL(SUPERUSER_URL);
  url.pathname = new URL(process.env.DATABASE_URL!).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(
      'UPDATE referral_status_history SET created_at = $1 WHERE referral_id = $2 AND to_status = $3',
      [iso, referralId, toStatus],
    );
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const setup = await practiceWithStaff();
  ctx = setup.members.owner;
  practiceId = setup.practice.id;
});

describe('dashboard', () => {
  it('reports median hours to accept and to report by referring clinic and month', async () => {
    const step = (id: string, action: string) =>
      withPractice(practiceId, (db) => changeReferralStatus(db, ctx, { referralId: id, action }));
    const hours = [2, 4, 30];
    for (const [i, h] of hours.entries()) {
      const r = await newReferral(ctx, { patientName: `P${i}` });
      for (const a of ['receive', 'accept']) await step(r.id, a);
      await shiftHistory(r.id, 'submitted', '2026-11-10T08:00:00Z');
      await shiftHistory(
        r.id,
        'accepted',
        new Date(Date.parse('2026-11-10T08:00:00Z') + h * 3600_000).toISOString(),
      );
    }

    const points = await withPractice(practiceId, (db) =>
      getTurnaround(db, ctx, 6, new Date('2026-12-03T12:00:00Z')),
    );

    expect(points).toEqual([
      {
        clinicId: expect.any(String),
        clinicName: 'Riverside Vets',
        month: '2026-11-01',
        acceptHours: 4,
        acceptCount: 3,
        reportHours: null,
        reportCount: 0,
      },
    ]);
  });

  it('lists today’s new referrals and what is overdue', async () => {
    const late = await newReferral(ctx, { patientName: 'Late', urgency: 'emergency' });
    const summary = await withPractice(practiceId, (db) =>
      getDashboardSummary(db, ctx, new Date(Date.now() + 2 * 3600_000)),
    );
    expect(summary.overdue.map((r) => r.id)).toContain(late.id);
    expect(summary.overdue.find((r) => r.id === late.id)?.clock).toBe('acknowledge');
    expect(summary.countsByStatus.accepted).toBe(3);
    const now = await withPractice(practiceId, (db) => getDashboardSummary(db, ctx));
    expect(now.newToday.map((r) => r.patientName)).toContain('Late');
    expect(now.overdue.map((r) => r.id)).not.toContain(late.id);
  });
});
