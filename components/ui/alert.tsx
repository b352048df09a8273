import type { ReactNode } from 'react';

import styles from './ui.module.css';

/** A form or page message; errors are announced as alerts, successes politely. */
export function Alert({ tone, children }: { tone: 'error' | 'success'; children: ReactNode }) {
  return (
    <div
      className={`${styles.alert} ${tone === 'error' ? styles.alertError : styles.alertSuccess}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {children}
    </div>
  );
}

export function Card({
  title,
  children,
  id,
}: {
  title?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className={styles.card} aria-labelledby={title && id ? `${id}-title` : undefined}>
      {title ? <h2 id={id ? `${id}-title` : undefined}>{title}</h2> : null}
      {children}
    </section>
  );
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className={styles.visuallyHidden}>{children}</span>;
}
