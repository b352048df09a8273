import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import type { RequestMeta } from './actor';
import { revokeSessionRow } from './create-session';
import { resolveSession } from './resolve-session';

/** Ends the session behind a cookie token for good; nothing happens for a dead token. */
export async function signOut(token: string, request: RequestMeta): Promise<void> {
  const session = await resolveSession(token);
  if (!session) return;
  await withPractice(
    session.practiceId,
    async (db) => {
      await revokeSessionRow(db, session.practiceId, session.sessionId, 'sign_out');
      await recordAuditEvent(
        db,
        {
          practiceId: session.practiceId,
          actor: {
            type: 'user',
            userId: session.userId,
            sessionId: session.sessionId,
            label: session.userName,
          },
          request,
        },
        { action: 'auth.signed_out', entityType: 'session', entityId: session.sessionId },
      );
    },
    { userId: session.userId },
  );
}
