import type { ReactNode } from 'react';

import styles from './ui.module.css';

/** A scrollable, captioned table; the caption may be visually hidden but is always read. */
export function Table({
  caption,
  hideCaption = false,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className={hideCaption ? styles.visuallyHidden : undefined}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
