import Link from 'next/link';

import { Table } from '@/components/ui/table';
import type { ReferralListItem } from '@/lib/referrals/list-referrals';

import { OverdueBadge, StatusBadge, UrgencyBadge } from './badges';
import { formatDateTime } from './format';
import styles from './inbox.module.css';

export function ReferralTable({
  items,
  timeZone,
}: {
  items: ReferralListItem[];
  timeZone: string;
}) {
  return (
    <Table caption="Referrals" hideCaption>
      <thead>
        <tr>
          <th scope="col">Patient</th>
          <th scope="col">Urgency</th>
          <th scope="col">Status</th>
          <th scope="col">Service</th>
          <th scope="col">Referred by</th>
          <th scope="col">Assignee</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/referrals/${r.id}`} className={styles.patient}>
                {r.patientName}
              </Link>
              <span className={styles.sub}>
                {r.species} · {r.reference} · {r.ownerName}
              </span>
              {r.unread > 0 ? (
                <span className={`${styles.sub} ${styles.unread}`}>{r.unread} unread</span>
              ) : null}
            </td>
            <td>
              <UrgencyBadge urgency={r.urgency} />
            </td>
            <td>
              <StatusBadge status={r.status} /> {r.overdue ? <OverdueBadge /> : null}
              {r.dueAt && !r.overdue ? (
                <span className={styles.sub}>Due {formatDateTime(r.dueAt, timeZone)}</span>
              ) : null}
            </td>
            <td>{r.service}</td>
            <td>
              {r.vetName}
              <span className={styles.sub}>{r.clinicName}</span>
            </td>
            <td>{r.assigneeName ?? <span className={styles.sub}>Unassigned</span>}</td>
            <td>{formatDateTime(r.createdAt, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
