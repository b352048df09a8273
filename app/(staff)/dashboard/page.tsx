import type { Metadata } from 'next';

import { DashboardCharts, DashboardTables } from '@/components/referrals/dashboard-sections';
import type { Series } from '@/components/referrals/charts';
import styles from '@/components/referrals/dashboard.module.css';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { getTurnaround, type TurnaroundPoint } from '@/lib/dashboard/get-turnaround';
import { withPractice } from '@/lib/db/with-practice';

export const metadata: Metadata = { title: 'Dashboard' };

const MAX_SERIES = 6;

function monthLabel(month: string) {
  return new Intl.DateTimeFormat('en-GB', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}T00:00:00Z`));
}

/** One series per clinic (the busiest few), one point per month. */
function toSeries(
  points: TurnaroundPoint[],
  months: string[],
  pick: 'acceptHours' | 'reportHours',
): Series[] {
  const counts = pick === 'acceptHours' ? 'acceptCount' : 'reportCount';
  const byClinic = new Map<string, TurnaroundPoint[]>();
  for (const p of points)
    if (p[counts] > 0) byClinic.set(p.clinicName, [...(byClinic.get(p.clinicName) ?? []), p]);
  const busiest = [...byClinic.entries()]
    .sort(
      (a, b) => b[1].reduce((n, p) => n + p[counts], 0) - a[1].reduce((n, p) => n + p[counts], 0),
    )
    .slice(0, MAX_SERIES);

  return busiest.map(([name, ps]) => ({
    name,
    points: months.map((m) => ({ x: m, y: ps.find((p) => p.month === m)?.[pick] ?? null })),
  }));
}

function lastMonths(n: number, now = new Date()): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1 - i), 1));

    return d.toISOString().slice(0, 10);
  });
}

export default async function DashboardPage() {
  const ctx = await requireStaffPage('referral.read');
  const { summary, turnaround } = await withPractice(
    ctx.practiceId,
    async (db) => ({
      summary: await getDashboardSummary(db, ctx),
      turnaround: await getTurnaround(db, ctx, 6),
    }),
    { userId: ctx.userId },
  );
  const months = lastMonths(6);
  const open = [
    'submitted',
    'received',
    'needs_info',
    'accepted',
    'scheduled',
    'in_care',
    'discharged',
  ] as const;
  const openCount = open.reduce((n, s) => n + (summary.countsByStatus[s] ?? 0), 0);
  const accept = toSeries(turnaround, months, 'acceptHours');
  const report = toSeries(turnaround, months, 'reportHours');
  const labels = months.map(monthLabel);

  return (
    <>
      <PageHeader title="Dashboard" description={`Today at ${ctx.practiceName}.`} />
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>New today</dt>
          <dd>{summary.newToday.length}</dd>
        </div>
        <div className={`${styles.stat} ${summary.overdue.length ? styles.statAlert : ''}`}>
          <dt>Overdue</dt>
          <dd>
            {summary.overdue.length}
            {summary.overdueMayBeMore ? '+' : ''}
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Open referrals</dt>
          <dd>{openCount}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Waiting for information</dt>
          <dd>{summary.countsByStatus.needs_info ?? 0}</dd>
        </div>
      </dl>
      <DashboardTables summary={summary} />
      <DashboardCharts summary={summary} accept={accept} report={report} labels={labels} />
    </>
  );
}
