import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

export interface MfaState {
  secretEnc: string | null;
  pendingSecretEnc: string | null;
  enabled: boolean;
  lastStep: number | null;
  recoveryCodesLeft: number;
}

/** The signed-in user's own factors (auth.get_mfa reads app_current_user_id() only). */
export async function readMfaState(db: PracticeDb): Promise<MfaState> {
  const rows = await db.$queryRaw<
    {
      secret_enc: string | null;
      pending_secret_enc: string | null;
      enabled: boolean;
      last_step: bigint | null;
      recovery_codes_left: number;
    }[]
  >`SELECT * FROM auth.get_mfa()`;
  const row = rows[0];

  return {
    secretEnc: row?.secret_enc ?? null,
    pendingSecretEnc: row?.pending_secret_enc ?? null,
    enabled: row?.enabled ?? false,
    lastStep: row?.last_step != null ? Number(row.last_step) : null,
    recoveryCodesLeft: row?.recovery_codes_left ?? 0,
  };
}
