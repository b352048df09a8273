import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import { formatWhen } from '@/components/settings/roles';
import styles from '@/components/settings/settings.module.css';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { listActiveSessions } from '@/lib/members/list-active-sessions';

import { revokeSessionAction } from './actions';

export const metadata: Metadata = { title: 'Sessions' };

/** A short description of the browser; the full user agent is in the title attribute. */
function device(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1] ?? 'Browser';
  const os = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(userAgent)?.[1] ?? '';

  return `${browser === 'Edg' ? 'Edge' : browser}${os ? ` on ${os}` : ''}`;
}

export default async function SessionsPage() {
  const staff = await requireStaffPage('session.manage');
  const sessions = await withPractice(staff.practiceId, (db) => listActiveSessions(db, staff), {
    userId: staff.userId,
  });

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Everyone signed in to this practice now. Ending a session signs that browser out on its next request."
      />
      {sessions.length === 0 ? (
        <EmptyState title="No one is signed in" />
      ) : (
        <Table caption="Active sessions">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last activity</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.sessionId}>
                <td>
                  {s.userName}
                  <div className={styles.muted}>{s.userEmail}</div>
                  {s.sessionId === staff.sessionId ? <Badge tone="info">This session</Badge> : null}
                </td>
                <td title={s.userAgent ?? undefined}>
                  {device(s.userAgent)} {s.mfaVerified ? <Badge tone="success">MFA</Badge> : null}
                </td>
                <td>{s.ip ?? 'Unknown'}</td>
                <td>{formatWhen(s.createdAt)}</td>
                <td>{formatWhen(s.lastSeenAt)}</td>
                <td>
                  <ActionForm
                    action={revokeSessionAction}
                    submitLabel="End session"
                    variant="danger"
                    inline
                  >
                    <input type="hidden" name="sessionId" value={s.sessionId} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
