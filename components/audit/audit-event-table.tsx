import { Table } from '@/components/ui/table';
import type { AuditEventView } from '@/lib/audit/list-events';

import styles from './audit.module.css';
import { FieldDiff } from './field-diff';

const ACTOR_TYPES: Record<string, string> = {
  user: 'Staff',
  api_key: 'API key',
  guest: 'Referring vet (link)',
  system: 'System',
};

function utc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function AuditEventTable({ events }: { events: AuditEventView[] }) {
  return (
    <Table caption="Audit events, newest first" hideCaption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Changes</th>
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.seq}>
            <td className={styles.when}>
              <time dateTime={event.createdAt.toISOString()}>{utc(event.createdAt)}</time>
              <span className={styles.sub}>#{event.seq}</span>
            </td>
            <td>
              {event.actor.label ?? ACTOR_TYPES[event.actor.type]}
              <span className={styles.sub}>
                {ACTOR_TYPES[event.actor.type] ?? event.actor.type}
              </span>
            </td>
            <td>
              <span className={styles.action}>{event.action}</span>
              <span className={styles.sub}>
                {event.entityType}
                {event.entityId ? ` ${event.entityId}` : ''}
              </span>
            </td>
            <td>
              <FieldDiff changes={event.changes} />
            </td>
            <td>
              <span className={styles.sub}>{event.ip ?? 'no IP'}</span>
              <span className={styles.sub}>{event.requestId ?? ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
