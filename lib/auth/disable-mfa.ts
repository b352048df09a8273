import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { PracticeContext } from './actor';
import { verifySecondFactor } from './verify-second-factor';

/** Turns MFA off; only with a current code, so a borrowed session cannot do it. */
export async function disableMfa(
  db: PracticeDb,
  ctx: PracticeContext & { userId: string },
  code: string,
): Promise<void> {
  const method = await verifySecondFactor(db, ctx.userId, code);
  if (!method) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'code', message: 'That code is not right.' }],
    });
  }
  await db.$executeRaw`SELECT auth.disable_mfa()`;
  await recordAuditEvent(db, ctx, {
    action: 'auth.mfa_disabled',
    entityType: 'user',
    entityId: ctx.userId,
    metadata: { confirmedWith: method },
  });
}
