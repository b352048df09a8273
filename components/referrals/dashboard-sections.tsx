import Link from 'next/link';

import { Card } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Table } from '@/components/ui/table';
import type { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { REFERRAL_STATUSES, STATUS_LABELS } from '@/lib/referrals/state-machine';

import { StatusBadge, UrgencyBadge } from './badges';
import { BarChart, LineChart, type Series } from './charts';
import styles from './dashboard.module.css';
import { formatDateTime } from './format';

type Summary = Awaited<ReturnType<typeof getDashboardSummary>>;

const CLOCK_LABELS = {
  acknowledge: 'Acknowledge',
  schedule: 'Book appointment',
  report: 'Send report',
};

export function DashboardTables({ summary }: { summary: Summary }) {
  return (
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
  );
}

export function DashboardCharts({
  summary,
  accept,
  report,
  labels,
}: {
  summary: Summary;
  accept: Series[];
  report: Series[];
  labels: string[];
}) {
  return (
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
  );
}
