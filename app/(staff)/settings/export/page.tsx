import type { Metadata } from 'next';

import styles from '@/components/settings/settings.module.css';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';

export const metadata: Metadata = { title: 'Data export' };

export default async function ExportPage() {
  await requireStaffPage('data.export');

  return (
    <>
      <PageHeader
        title="Data export"
        description="Every referral of the practice with its full status history. Each export is recorded in the audit log."
      />
      <p>
        The files contain patient and owner details: store them as carefully as VetLoop does.
        Spreadsheet formulas in the CSV are neutralised.
      </p>
      <div className={styles.rowActions}>
        {/* Plain links: a prefetching <Link> would start (and audit) an export unasked. */}
        <a href="/settings/export/download?format=csv" className={buttonClass('primary')} download>
          Download CSV
        </a>
        <a
          href="/settings/export/download?format=json"
          className={buttonClass('secondary')}
          download
        >
          Download JSON
        </a>
      </div>
    </>
  );
}
