import Link from 'next/link';

import type { ReferralListItem } from '@/lib/referrals/list-referrals';
import { STATUS_LABELS, type ReferralStatus } from '@/lib/referrals/state-machine';

import { OverdueBadge, UrgencyBadge } from './badges';
import styles from './inbox.module.css';

export const BOARD_COLUMNS: ReferralStatus[] = [
  'submitted',
  'received',
  'needs_info',
  'accepted',
  'scheduled',
  'in_care',
  'discharged',
  'report_sent',
];

/** Columns by status; each is a list under a heading, so it reads well without the layout. */
export function ReferralBoard({
  items,
  counts,
}: {
  items: ReferralListItem[];
  counts: Partial<Record<ReferralStatus, number>>;
}) {
  return (
    // Focusable so keyboard users can scroll the columns sideways.
    <div className={styles.board} tabIndex={0} role="region" aria-label="Referrals by status">
      {BOARD_COLUMNS.map((status) => {
        const cards = items.filter((i) => i.status === status);
        const total = counts[status] ?? 0;

        return (
          <section key={status} className={styles.column} aria-labelledby={`col-${status}`}>
            <h2 id={`col-${status}`}>
              <span>{STATUS_LABELS[status]}</span>
              <span className={styles.count}>{total}</span>
            </h2>
            {cards.length === 0 ? (
              <p className={styles.sub}>Nothing here.</p>
            ) : (
              <ul>
                {cards.map((r) => (
                  <li key={r.id}>
                    <Link href={`/referrals/${r.id}`} className={styles.cardLink}>
                      <span className={styles.patient}>{r.patientName}</span>
                      <span className={styles.sub}>
                        {r.service} · {r.clinicName}
                      </span>
                      <span className={styles.badges}>
                        <UrgencyBadge urgency={r.urgency} />
                        {r.overdue ? <OverdueBadge /> : null}
                        {r.unread > 0 ? (
                          <span className={styles.unread}>{r.unread} unread</span>
                        ) : null}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {total > cards.length ? (
              <Link href={`/inbox?status=${status}`} className={styles.sub}>
                See all {total}
              </Link>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
