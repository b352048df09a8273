import 'server-only';

import QRCode from 'qrcode';

import type { PracticeDb } from '@/lib/db/with-practice';

import { sealMfaSecret } from './mfa-crypto';
import type { StaffContext } from './staff-context';
import { newTotpSecret, totpUri } from './totp';

export interface MfaEnrolment {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/**
 * Starts TOTP enrolment: a new secret, held as pending (sealed) until the person proves
 * their app has it by entering a code. Starting again replaces the pending secret.
 */
export async function beginMfaEnrolment(
  db: PracticeDb,
  staff: Pick<StaffContext, 'userId' | 'actor'>,
): Promise<MfaEnrolment> {
  const secret = newTotpSecret();
  await db.$executeRaw`SELECT auth.begin_mfa_enrolment(${sealMfaSecret(secret, staff.userId)})`;
  const uri = totpUri(secret, staff.actor.label);

  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}
