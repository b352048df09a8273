import type { Metadata } from 'next';
import Link from 'next/link';

import { StatusBadge, UrgencyBadge } from '@/components/referrals/badges';
import { BarChart, LineChart, type Series } from '@/components/referrals/charts';
import styles from '@/components/referrals/dashboard.module.css';
import { formatDateTime } from '@/components/referrals/format';
import { Card } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { requireStaff } from '@/lib/auth/require-staff';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { getTurnaround, type TurnaroundPoint } from '@/lib/dashboard/get-turnaround';
import { withPractice } from '@/lib/db/with-practice';
import { REFERRAL_STATUSES, STATUS_LABELS } from '@/lib/referrals/state-machine';

export const metadata: Metadata = { title: 'Dashboard' };

const CLOCK_LABELS = {
  acknowledge: 'Acknowledge',
  schedule: 'Book appointment',
  report: 'Send report',
};
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
  const ctx = await requireStaff('referral.read');
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
      <div className={styles.grid}>
        <Card title="Overdue" id="overdue">
          {summary.overdue.length === 0 ? (
            <EmptyState title="Nothing overdue">Every service-level clock is on time.</EmptyState>
          ) : (
            <Table caption="Overdue referrals" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Step</th>
                  <th scope="col">Was due</th>
                </tr>
              </thead>
              <tbody>
                {summary.overdue.slice(0, 20).map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/referrals/${r.id}`}>{r.patientName}</Link>{' '}
                      <UrgencyBadge urgency={r.urgency} />
                    </td>
                    <td>{CLOCK_LABELS[r.clock]}</td>
                    <td>{formatDateTime(r.dueAt, summary.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="New today" id="new-today">
          {summary.newToday.length === 0 ? (
            <EmptyState title="No new referrals today" />
          ) : (
            <Table caption="Referrals created today" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Clinic</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {summary.newToday.slice(0, 20).map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/referrals/${r.id}`}>{r.patientName}</Link>{' '}
                      <UrgencyBadge urgency={r.urgency} />
                    </td>
                    <td>{r.clinicName}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
      <div className={styles.grid}>
        <Card title="Referrals by status" id="by-status">
          <BarChart
            id="chart-status"
            title="Referrals by status"
            description={REFERRAL_STATUSES.map(
              (s) => `${STATUS_LABELS[s]}: ${summary.countsByStatus[s] ?? 0}`,
            ).join('; ')}
            bars={REFERRAL_STATUSES.filter((s) => s !== 'draft').map((s) => ({
              label: STATUS_LABELS[s],
              value: summary.countsByStatus[s] ?? 0,
            }))}
          />
        </Card>
        <Card title="Time to accept" id="accept-time">
          {accept.length === 0 ? (
            <EmptyState title="No accepted referrals in the last six months" />
          ) : (
            <LineChart
              id="chart-accept"
              title="Median hours from submitted to accepted, by referring clinic"
              description={`Monthly medians for ${accept.map((s) => s.name).join(', ')}, over ${labels[0]} to ${labels[labels.length - 1]}.`}
              xs={labels}
              series={accept.map((s) => ({
                ...s,
                points: s.points.map((p, i) => ({ ...p, x: labels[i]! })),
              }))}
              unit="h"
            />
          )}
        </Card>
        <Card title="Time to report" id="report-time">
          {report.length === 0 ? (
            <EmptyState title="No reports sent in the last six months" />
          ) : (
            <LineChart
              id="chart-report"
              title="Median hours from accepted to report sent, by referring clinic"
              description={`Monthly medians for ${report.map((s) => s.name).join(', ')}, over ${labels[0]} to ${labels[labels.length - 1]}.`}
              xs={labels}
              series={report.map((s) => ({
                ...s,
                points: s.points.map((p, i) => ({ ...p, x: labels[i]! })),
              }))}
              unit="h"
            />
          )}
        </Card>
      </div>
    </>
  );
}
