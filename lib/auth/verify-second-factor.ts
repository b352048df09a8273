import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import { openMfaSecret } from './mfa-crypto';
import { readMfaState } from './mfa-state';
import { hashRecoveryCode, matchTotp } from './totp';

/**
 * Checks a TOTP code (each time step accepted once) or a recovery code (each usable
 * once) for the user of the transaction. Returns how it passed, or null.
 */
export async function verifySecondFactor(
  db: PracticeDb,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const state = await readMfaState(db);
  if (!state.enabled || !state.secretEnc) return null;

  if (/^\s*\d{3}\s*\d{3}\s*$/.test(code)) {
    const step = await matchTotp(openMfaSecret(state.secretEnc, userId), code, state.lastStep);
    if (step === null) return null;
    const [accepted] = await db.$queryRaw<{ ok: boolean }[]>`
      SELECT auth.accept_totp_step(${step}::bigint) AS ok`;

    return accepted?.ok ? 'totp' : null;
  }

  const [used] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT auth.use_recovery_code(${new Uint8Array(hashRecoveryCode(code))}) AS ok`;

  return used?.ok ? 'recovery_code' : null;
}
