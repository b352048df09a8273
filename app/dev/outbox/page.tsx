import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import styles from '@/components/auth/auth.module.css';
import { isDevOutboxEnabled, listCapturedMail } from '@/lib/mail/list-captured-mail';

export const metadata: Metadata = { title: 'Captured mail' };
export const dynamic = 'force-dynamic';

/** Mail the app would have sent, for the local demo (no SMTP, loopback only). */
export default async function DevOutboxPage() {
  if (!isDevOutboxEnabled()) notFound();
  const mail = await listCapturedMail();

  return (
    <main style={{ maxWidth: 760, margin: '4vh auto', padding: '0 1.5rem' }}>
      <h1>Captured mail</h1>
      <p className={styles.muted}>
        No SMTP server is configured, so mail is kept here instead of being sent. Newest first.
      </p>
      {mail.length === 0 && <p>Nothing yet.</p>}
      {mail.map((m) => (
        <article key={m.id} className={styles.notice} style={{ marginBottom: '1rem' }}>
          <h2 style={{ fontSize: '1.05rem', margin: '0 0 0.25rem' }}>{m.subject}</h2>
          <p className={styles.muted} style={{ margin: 0 }}>
            To {m.to_address} · {m.delivered_at.toISOString()} · {m.template}
          </p>
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{m.body_text}</pre>
        </article>
      ))}
    </main>
  );
}
