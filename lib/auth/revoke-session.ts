import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { notFound } from '@/lib/http/errors';

import type { PracticeContext } from './actor';
import { revokeSessionRow } from './create-session';

/** An admin (session.manage) ends one of the practice's sessions; next request is refused. */
export async function revokeSession(
  db: PracticeDb,
  ctx: PracticeContext,
  sessionId: string,
): Promise<void> {
  if (!(await revokeSessionRow(db, ctx.practiceId, sessionId, 'revoked_by_admin'))) throw notFound();
  await recordAuditEvent(db, ctx, {
    action: 'auth.session_revoked',
    entityType: 'session',
    entityId: sessionId,
  });
}
