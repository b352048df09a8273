'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';

import { beginMfaEnrolment, type MfaEnrolment } from '@/lib/auth/begin-mfa-enrolment';
import { completeMfaEnrolment } from '@/lib/auth/complete-mfa-enrolment';
import { disableMfa } from '@/lib/auth/disable-mfa';
import { replaceSession } from '@/lib/auth/replace-session';
import { getOptionalStaff } from '@/lib/auth/require-staff';
import type { StaffContext } from '@/lib/auth/staff-context';
import { withPractice } from '@/lib/db/with-practice';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import { replaceSessionCookie } from '../../auth-cookie';

const codeSchema = z.strictObject({ code: z.string().trim().min(6).max(20) });

// Every signed-in person manages their own factors, whatever their role: no permission.
async function self(): Promise<StaffContext> {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');

  return staff;
}

export async function beginEnrolmentAction(): Promise<MfaEnrolment> {
  const staff = await self();

  return withPractice(staff.practiceId, (db) => beginMfaEnrolment(db, staff), {
    userId: staff.userId,
  });
}

export async function completeEnrolmentAction(
  _prev: ActionState<string[]>,
  formData: FormData,
): Promise<ActionState<string[]>> {
  const staff = await self();
  try {
    await requireWithinLimit('mfa', staff.userId);
    const { code } = parseForm(formData, codeSchema);
    const codes = await withPractice(
      staff.practiceId,
      (db) => completeMfaEnrolment(db, staff, code),
      { userId: staff.userId },
    );
    return { status: 'ok', data: codes };
  } catch (error) {
    return toActionError(error, staff.request.requestId);
  }
}

export async function disableMfaAction(
  _prev: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const staff = await self();
  try {
    await requireWithinLimit('mfa', staff.userId);
    const { code } = parseForm(formData, codeSchema);
    await withPractice(staff.practiceId, (db) => disableMfa(db, staff, code), {
      userId: staff.userId,
    });
  } catch (error) {
    return toActionError(error, staff.request.requestId);
  }
  redirect('/account/security');
}

/**
 * After the recovery codes were shown: a new session (new cookie token, marked as
 * MFA-verified). Not done in the enrolment action itself, because that action's own page
 * refresh would still carry the old session's token and bounce to sign-in.
 */
export async function finishEnrolmentAction(): Promise<void> {
  const staff = await self();
  const session = await replaceSession(staff, {
    practiceId: staff.practiceId,
    action: 'auth.mfa_enabled',
    mfaVerified: true,
  });
  await replaceSessionCookie(session.token);
  redirect('/dashboard');
}
