import { MessageBody } from '@/components/referrals/message-body';
import { Alert, Card } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { GuestReferralView } from '@/lib/links/get-guest-referral';
import { STATUS_LABELS, type ReferralStatus } from '@/lib/referrals/state-machine';

import styles from './guest.module.css';

const when = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(d) + ' UTC';
const label = (s: string) => STATUS_LABELS[s as ReferralStatus] ?? s;
const size = (n: number) =>
  n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** The referring vet's whole view of one referral; every list here is already filtered. */
export function GuestReferral({ view }: { view: GuestReferralView }) {
  const needsInfo = view.status === 'needs_info';
  const question = [...view.timeline].reverse().find((t) => t.toStatus === 'needs_info')?.note;

  return (
    <>
      <header className={styles.section}>
        <p className={styles.muted}>{view.practiceName}</p>
        <h1>
          {view.patientName} <span className={styles.muted}>({view.species})</span>
        </h1>
        <p>
          Referral {view.reference} · {view.service} ·{' '}
          <Badge tone="info">{label(view.status)}</Badge>
        </p>
        {view.scheduledAt ? (
          <p>
            Appointment: {when(view.scheduledAt)}
            {view.scheduledLocation ? ` at ${view.scheduledLocation}` : ''}
          </p>
        ) : null}
        {view.declineReason ? (
          <Alert tone="error">
            Declined: {view.declineReason}
            {view.declineAlternative ? ` Suggested alternative: ${view.declineAlternative}` : ''}
          </Alert>
        ) : null}
      </header>

      {needsInfo ? (
        <Card title="The hospital needs more information" id="needs-info">
          {question ? <p>{question}</p> : null}
          <UploadForm id="upload-missing" label="Upload the missing records" />
        </Card>
      ) : null}

      <Card title="Status" id="status">
        <ol className={styles.timeline}>
          {view.timeline.map((t, i) => (
            <li key={i}>
              <strong>{label(t.toStatus)}</strong>{' '}
              <span className={styles.muted}>{when(t.at)}</span>
              {t.note ? <p>{t.note}</p> : null}
            </li>
          ))}
        </ol>
      </Card>

      <Card title="Documents" id="documents">
        {view.documents.length === 0 ? (
          <p className={styles.muted}>No documents shared yet.</p>
        ) : null}
        <ul>
          {view.documents.map((d) => (
            <li key={d.id}>
              <a href={`/api/guest/documents/${d.id}`}>{d.filename}</a>{' '}
              <span className={styles.muted}>
                {d.kind === 'report' ? 'Report · ' : ''}
                {size(d.sizeBytes)} · {when(d.createdAt)}
              </span>
            </li>
          ))}
        </ul>
        {needsInfo ? null : <UploadForm id="upload-more" label="Add records" />}
      </Card>

      <Card title="Messages" id="messages">
        {view.messages.length === 0 ? <p className={styles.muted}>No messages yet.</p> : null}
        {view.messages.map((m) => (
          <article key={m.id} className={`${styles.message} ${m.fromGuest ? styles.mine : ''}`}>
            <p className={styles.muted}>
              {m.authorName} · {when(m.at)}
            </p>
            <MessageBody body={m.body} />
          </article>
        ))}
        <form method="post" action="/api/guest/messages">
          <label htmlFor="reply-body">Reply to the hospital</label>
          <textarea
            id="reply-body"
            name="body"
            rows={4}
            required
            maxLength={10000}
            style={{ width: '100%' }}
          />
          <Button type="submit">Send message</Button>
        </form>
      </Card>
    </>
  );
}

function UploadForm({ id, label: text }: { id: string; label: string }) {
  return (
    <form method="post" action="/api/guest/uploads" encType="multipart/form-data">
      <label htmlFor={id}>{text}</label>{' '}
      <input
        id={id}
        name="attachments"
        type="file"
        multiple
        required
        accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.dcm,.txt"
      />{' '}
      <Button type="submit" variant="secondary">
        Upload
      </Button>
      <p className={styles.muted}>Up to 5 files, 25 MB each.</p>
    </form>
  );
}
