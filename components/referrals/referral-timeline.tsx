import type { TimelineEntry } from '@/lib/referrals/list-referral-timeline';
import { STATUS_LABELS, type ReferralStatus } from '@/lib/referrals/state-machine';

import { formatDateTime } from './format';
import styles from './referral.module.css';

const FIELD_LABELS: Record<string, string> = {
  patientName: 'patient name',
  dateOfBirth: 'date of birth',
  weightKg: 'weight',
  ownerName: 'owner name',
  ownerPhone: 'owner phone',
  ownerEmail: 'owner email',
  ownerConsent: 'owner consent',
  assigneeUserId: 'assignee',
};

const label = (s: string | null) => (s ? (STATUS_LABELS[s as ReferralStatus] ?? s) : 'new');
const fieldName = (f: string) => FIELD_LABELS[f] ?? f;
const show = (v: unknown) => (v === null || v === '' ? '(empty)' : String(v));

function describe(e: TimelineEntry): string {
  switch (e.kind) {
    case 'status':
      return e.from ? `${label(e.from)} → ${label(e.to)}` : `Created as ${label(e.to)}`;
    case 'edit':
      if (e.action === 'referral.assigned') return 'Changed the assignee';
      if (e.action === 'referral.updated') return `Edited ${e.fields.map(fieldName).join(', ')}`;

      return e.action.replace(/[._]/g, ' ');
    case 'view':
      if (e.action.startsWith('document.')) return 'Opened a document';

      return e.count > 1 ? `Opened the referral (${e.count} times)` : 'Opened the referral';
    case 'message':
      return e.visibility === 'internal' ? 'Added an internal note' : 'Sent a message';
    case 'document':
      return `Added document ${e.filename}${e.visibility === 'internal' ? ' (internal)' : ''}`;
  }
}

export function ReferralTimeline({
  entries,
  timeZone,
}: {
  entries: TimelineEntry[];
  timeZone: string;
}) {
  return (
    <ol className={styles.timeline} aria-label="Timeline, newest first">
      {entries.map((e) => (
        <li key={`${e.kind}-${e.id}`}>
          <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, timeZone)}</time>
          <span>
            <strong>{e.actor}</strong> · {describe(e)}
          </span>
          {e.kind === 'status' && e.note ? <p className={styles.muted}>“{e.note}”</p> : null}
          {e.kind === 'edit' && e.changes && e.action === 'referral.updated' ? (
            <ul className={styles.changes}>
              {Object.entries(e.changes).map(([field, c]) => (
                <li key={field}>
                  {fieldName(field)}: {show(c.from)} → {show(c.to)}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
