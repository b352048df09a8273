import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { PracticeContext } from './actor';
import { openMfaSecret } from './mfa-crypto';
import { readMfaState } from './mfa-state';
import { hashRecoveryCode, matchTotp, newRecoveryCodes } from './totp';

/** Confirms the pending secret with a code; returns the recovery codes, shown once. */
export async function completeMfaEnrolment(
  db: PracticeDb,
  ctx: PracticeContext & { userId: string },
  code: string,
): Promise<string[]> {
  const state = await readMfaState(db);
  if (!state.pendingSecretEnc) throw new AppError('conflict', 'Start the set-up again.');
  const step = await matchTotp(openMfaSecret(state.pendingSecretEnc, ctx.userId), code);
  if (step === null) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'code', message: 'That code is not right. Check the time on your phone.' }],
    });
  }

  const codes = newRecoveryCodes();
  const hashes = codes.map((c) => new Uint8Array(hashRecoveryCode(c)));
  const [done] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT auth.complete_mfa_enrolment(${step}::bigint, ${hashes}::bytea[]) AS ok`;
  if (!done?.ok) throw new AppError('conflict', 'Start the set-up again.');
  await recordAuditEvent(db, ctx, {
    action: 'auth.mfa_enabled',
    entityType: 'user',
    entityId: ctx.userId,
    metadata: { method: 'totp', backupsIssued: codes.length },
  });

  return codes;
}
