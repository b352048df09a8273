import Link from 'next/link';

import { DocumentsPanel } from '@/components/documents/documents-panel';
import { Card } from '@/components/ui/alert';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { getReportWorkspace } from '@/lib/reports/get-report-workspace';

import { ReportForm } from './report-form';
import { SendUploadedForm } from './send-uploaded-form';

export const metadata = { title: 'Report · VetLoop' };

/** Write the consult or discharge report, or send an uploaded file as the report. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPage('report.write');
  const { id } = await params;
  const workspace = await withPractice(
    staff.practiceId,
    (db) => getReportWorkspace(db, staff, id),
    {
      userId: staff.userId,
    },
  );
  const { referral, draft, sent } = workspace;
  const ready = referral.status === 'discharged';
  const canSend = ready && can(staff.role, 'referral.decide');

  return (
    <>
      <p>
        <Link href={`/referrals/${referral.id}`}>← Back to {referral.reference}</Link>
      </p>
      <h1>
        Report for {referral.patientName} ({referral.species})
      </h1>
      {sent.length > 0 ? (
        <p role="status">
          {sent.length === 1 ? 'A report was' : `${sent.length} reports were`} sent on{' '}
          {sent.map((r) => r.sentAt?.toISOString().slice(0, 10)).join(', ')}.
        </p>
      ) : null}
      {!ready ? (
        <p>You can write and save the report now; it can be sent once the patient is discharged.</p>
      ) : null}
      <Card title="Write the report" id="write-report">
        <ReportForm referralId={referral.id} draft={draft} canSend={canSend} />
      </Card>
      {canSend ? (
        <Card title="Or send an uploaded file" id="send-uploaded">
          <SendUploadedForm
            referralId={referral.id}
            documents={workspace.documents.map((d) => ({ id: d.id, filename: d.filename }))}
          />
        </Card>
      ) : null}
      <DocumentsPanel referralId={referral.id} />
    </>
  );
}
