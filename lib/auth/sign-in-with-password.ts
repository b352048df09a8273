import 'server-only';

import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { checkLimit, requireWithinLimit } from '@/lib/rate-limit/limit';
import { practicesAllowingIp } from '@/lib/settings/practices-allowing-ip';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { listMemberships, type MembershipChoice } from './list-memberships';
import { verifyPassword } from './password';
import { recordSignInFailure } from './record-sign-in-failure';
import { startSession } from './start-session';
import type { SignInInput } from './sign-in-with-password.schema';

export type SignInOutcome =
  | { status: 'signed_in'; token: string; practices: MembershipChoice[] }
  | { status: 'mfa_required'; token: string }
  /** One answer for unknown email, wrong password, locked or deactivated account. */
  | { status: 'refused' };

interface SignInRow {
  user_id: string;
  email: string;
  password_hash: string | null;
  status: string;
  mfa_enabled: boolean;
  locked_until: Date | null;
}

/**
 * Email and password. Every refusal looks the same and takes about as long (a dummy hash
 * is verified for unknown emails; the growing delay is keyed by the email, known or not).
 */
export async function signInWithPassword(
  input: SignInInput,
  request: RequestMeta,
  preferredPracticeId?: string,
): Promise<SignInOutcome> {
  await requireWithinLimit('sign_in_ip', request.ip ?? 'unknown');
  const account = await checkLimit('sign_in_account', input.email);
  if (!account.success) {
    throw new AppError('rate_limited', undefined, { retryAfterSeconds: account.retryAfterSeconds });
  }

  const [user] = await authQuery<SignInRow>`
    SELECT user_id, email, password_hash, status, mfa_enabled, locked_until
    FROM auth.find_user_for_sign_in(${input.email})`;
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  const locked = !!user?.locked_until && user.locked_until.getTime() > Date.now();
  const practices =
    user && passwordOk && !locked
      ? await practicesAllowingIp(await listMemberships(user.user_id), request.ip)
      : [];

  if (!user || !passwordOk || locked || user.status !== 'active' || practices.length === 0) {
    if (user) await recordSignInFailure(user, locked ? 'locked' : 'bad_credentials', request);
    await sleep(growingDelayMs(account.limit - account.remaining));

    return { status: 'refused' };
  }

  await authQuery`SELECT auth.record_sign_in_success(${user.user_id}::uuid)`;
  const practice = practices.find((p) => p.practiceId === preferredPracticeId) ?? practices[0]!;
  const session = await withPractice(
    practice.practiceId,
    (db) =>
      startSession(db, {
        practiceId: practice.practiceId,
        userId: user.user_id,
        label: user.email,
        pendingMfa: user.mfa_enabled,
        mfaVerified: false,
        request,
        action: user.mfa_enabled ? 'auth.password_verified' : 'auth.signed_in',
      }),
    { userId: user.user_id },
  );

  return user.mfa_enabled
    ? { status: 'mfa_required', token: session.token }
    : { status: 'signed_in', token: session.token, practices };
}

/** Nothing for the first few misses, then doubling up to 4 s. */
export function growingDelayMs(attempts: number): number {
  return attempts <= 3 ? 0 : Math.min(250 * 2 ** (attempts - 4), 4000);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
