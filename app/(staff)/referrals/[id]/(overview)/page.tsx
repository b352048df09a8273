import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { DocumentsPanel } from '@/components/documents/documents-panel';
import { ReferralLinksPanel } from '@/components/links/referral-links-panel';
import { AssignForm } from '@/components/referrals/assign-form';
import { OverdueBadge, StatusBadge, UrgencyBadge } from '@/components/referrals/badges';
import { EditReferralForm } from '@/components/referrals/edit-referral-form';
import { formatDateTime, toLocalInput } from '@/components/referrals/format';
import { toEditableReferral } from '@/components/referrals/editable-referral';
import { MessageComposer } from '@/components/referrals/message-composer';
import { MessageThread } from '@/components/referrals/message-thread';
import { ReferralDetails } from '@/components/referrals/referral-details';
import { ReferralTimeline } from '@/components/referrals/referral-timeline';
import styles from '@/components/referrals/referral.module.css';
import { StatusActions } from '@/components/referrals/status-actions';
import { Card } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { listThread } from '@/lib/messages/list-thread';
import { markThreadRead } from '@/lib/messages/mark-thread-read';
import { getReferral } from '@/lib/referrals/get-referral';
import { listClinicians } from '@/lib/referrals/list-clinicians';
import { listReferralTimeline } from '@/lib/referrals/list-referral-timeline';
import { recordReferralView } from '@/lib/referrals/record-referral-view';
import { isTerminal, transitionsFrom } from '@/lib/referrals/state-machine';
import { holdsPermission } from '@/lib/referrals/workflow-context';

import {
  assignReferralAction,
  changeStatusAction,
  postMessageAction,
  updateReferralAction,
} from '../actions';

export const metadata: Metadata = { title: 'Referral' };

type Params = Promise<{ id: string }>;

async function load(id: string) {
  const ctx = await requireStaffPage('referral.read');
  try {
    const data = await withPractice(
      ctx.practiceId,
      async (db) => {
        // Opening the page is recorded, and so is opening its message thread.
        await recordReferralView(db, ctx, id);
        const messages = can(ctx.role, 'message.read') ? await listThread(db, ctx, id) : [];
        if (can(ctx.role, 'message.read')) await markThreadRead(db, ctx, id);

        return {
          ...(await getReferral(db, ctx, id)),
          messages,
          timeline: await listReferralTimeline(db, ctx, id),
          clinicians: await listClinicians(db, ctx),
        };
      },
      { userId: ctx.userId },
    );

    return { ctx, ...data };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function ReferralPage({ params }: { params: Params }) {
  const { id } = await params;
  const {
    ctx,
    referral: r,
    assignee,
    serviceLevel,
    timeZone,
    messages,
    timeline,
    clinicians,
  } = await load(id);
  const transitions = transitionsFrom(r.status)
    .filter((t) => holdsPermission(ctx, t.permission))
    .map(({ action, label, required }) => ({ action, label, required }));
  const editable = can(ctx.role, 'referral.edit') && !isTerminal(r.status);

  return (
    <>
      <p>
        <Link href="/inbox">← Inbox</Link>
      </p>
      <PageHeader
        title={`${r.patientName} · ${r.species}`}
        description={
          <span className={styles.headerMeta}>
            <span>{r.reference}</span>
            <StatusBadge status={r.status} />
            <UrgencyBadge urgency={r.urgency} />
            {serviceLevel?.overdue ? <OverdueBadge /> : null}
            {serviceLevel ? (
              <span className={styles.sla}>
                {serviceLevel.overdue ? 'Was due' : 'Due'}{' '}
                {formatDateTime(serviceLevel.dueAt, timeZone)}
              </span>
            ) : null}
          </span>
        }
      />
      <div className={styles.layout}>
        <div className={styles.column}>
          <Card title="Details" id="details">
            <ReferralDetails
              referral={r}
              timeZone={timeZone}
              assigneeName={assignee?.name ?? null}
            />
            {editable ? (
              <details className={styles.disclosure} style={{ marginTop: '1rem' }}>
                <summary>Edit details</summary>
                <EditReferralForm action={updateReferralAction} referral={toEditableReferral(r)} />
              </details>
            ) : null}
          </Card>
          <Card title="Messages" id="messages">
            <MessageThread messages={messages} timeZone={timeZone} />
            {can(ctx.role, 'message.post') ? (
              <MessageComposer
                referralId={r.id}
                action={postMessageAction}
                canNote={can(ctx.role, 'note.post')}
              />
            ) : null}
          </Card>
          <DocumentsPanel referralId={r.id} />
          <ReferralLinksPanel referralId={r.id} />
        </div>
        <div className={styles.column}>
          <Card title="Status" id="status">
            <StatusActions
              referralId={r.id}
              status={r.status}
              transitions={transitions}
              clinicians={clinicians}
              defaults={{
                scheduledAt: toLocalInput(r.scheduledAt, timeZone),
                clinicianUserId: r.assigneeUserId ?? '',
                location: r.scheduledLocation ?? '',
              }}
              action={changeStatusAction}
            />
          </Card>
          {can(ctx.role, 'referral.assign') ? (
            <Card title="Assignment" id="assignment">
              <AssignForm
                referralId={r.id}
                assigneeUserId={r.assigneeUserId}
                clinicians={clinicians}
                action={assignReferralAction}
              />
            </Card>
          ) : null}
          <Card title="Timeline" id="timeline">
            <ReferralTimeline entries={timeline} timeZone={timeZone} />
          </Card>
        </div>
      </div>
    </>
  );
}
