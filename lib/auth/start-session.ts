import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';

import type { RequestMeta } from './actor';
import { createSession, type NewSession } from './create-session';

/** Creates a session and records how it came about, in one transaction. */
export async function startSession(
  db: PracticeDb,
  input: {
    practiceId: string;
    userId: string;
    label: string;
    pendingMfa: boolean;
    mfaVerified: boolean;
    request: RequestMeta;
    action: string;
    absoluteExpiresAt?: Date;
    metadata?: Record<string, unknown>;
  },
): Promise<NewSession> {
  const session = await createSession(db, input);
  await recordAuditEvent(
    db,
    {
      practiceId: input.practiceId,
      actor: {
        type: 'user',
        userId: input.userId,
        sessionId: session.sessionId,
        label: input.label,
      },
      request: input.request,
    },
    {
      action: input.action,
      entityType: 'session',
      entityId: session.sessionId,
      metadata: { pendingMfa: input.pendingMfa, mfaVerified: input.mfaVerified, ...input.metadata },
    },
  );

  return session;
}
