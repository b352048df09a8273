import type { FieldChanges } from '@/lib/audit/diff-fields';

import styles from './audit.module.css';

const REDACTED = '[redacted]';

function show(value: unknown) {
  if (value === REDACTED) return <span className={styles.redacted}>hidden (sensitive)</span>;
  if (value === null || value === undefined || value === '') {
    return <span className={styles.redacted}>empty</span>;
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Each changed field as "name: before → after", readable without knowing the JSON. */
export function FieldDiff({ changes }: { changes: FieldChanges | null }) {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return null;

  return (
    <ul className={styles.diff}>
      {entries.map(([field, { from, to }]) => (
        <li key={field}>
          <span className={styles.field}>{field}</span>:{' '}
          <del className={styles.from} aria-label={`${field} was`}>
            {show(from)}
          </del>{' '}
          <span aria-hidden="true">→</span>{' '}
          <ins className={styles.to} aria-label={`${field} became`}>
            {show(to)}
          </ins>
        </li>
      ))}
    </ul>
  );
}
