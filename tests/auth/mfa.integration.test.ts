import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';

import { beginMfaEnrolment } from '@/lib/auth/begin-mfa-enrolment';
import { completeMfaChallenge } from '@/lib/auth/complete-mfa-challenge';
import { completeMfaEnrolment } from '@/lib/auth/complete-mfa-enrolment';
import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { withPractice } from '@/lib/db/with-practice';

import {
  appHeaders,
  asSuperuser,
  meta,
  PASSWORD,
  signIn,
  staffMember,
  throughProxy,
} from './auth-fixtures';

/** A member with TOTP turned on; returns the secret and the recovery codes. */
async function enrolledMember() {
  const staff = await staffMember('clinician');
  const ctx = (await authenticateStaff(await appHeaders(await signIn(staff.email))))!;
  const opts = { userId: staff.userId };
  const enrolment = await withPractice(staff.practiceId, (db) => beginMfaEnrolment(db, ctx), opts);
  const code = await generate({ secret: enrolment.secret });
  const recoveryCodes = await withPractice(
    staff.practiceId,
    (db) => completeMfaEnrolment(db, ctx, code),
    opts,
  );

  return { ...staff, secret: enrolment.secret, recoveryCodes, enrolment };
}

async function pendingSignIn(email: string): Promise<string> {
  const outcome = await signInWithPassword({ email, password: PASSWORD }, meta());
  expect(outcome.status).toBe('mfa_required');

  return (outcome as { token: string }).token;
}

/** A TOTP code for the next time step, so it cannot collide with one already used. */
async function nextCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

describe('two-step verification', () => {
  it('enrols with a QR code and stores the secret only sealed', async () => {
    const staff = await enrolledMember();

    expect(staff.enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(staff.enrolment.uri).toMatch(/^otpauth:\/\/totp\/VetLoop:/);
    expect(staff.recoveryCodes).toHaveLength(10);
    const stored = await asSuperuser((c) =>
      c.query('SELECT mfa_secret_enc FROM user_security WHERE user_id = $1', [staff.userId]),
    );
    expect(stored.rows[0].mfa_secret_enc).toMatch(/^v1\./);
    expect(stored.rows[0].mfa_secret_enc).not.toContain(staff.secret);
  });

  it('refuses to finish enrolment with a wrong code', async () => {
    const staff = await staffMember();
    const ctx = (await authenticateStaff(await appHeaders(await signIn(staff.email))))!;
    const run = () =>
      withPractice(
        staff.practiceId,
        async (db) => {
          await beginMfaEnrolment(db, ctx);

          return completeMfaEnrolment(db, ctx, '000000');
        },
        { userId: staff.userId },
      );

    await expect(run()).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('gives no access after the password alone, then signs in with the TOTP code', async () => {
    const staff = await enrolledMember();
    const pending = await pendingSignIn(staff.email);
    expect((await throughProxy(pending)).jwt).toBeNull();

    const wrong = await completeMfaChallenge(pending, '123456', meta());
    expect(wrong.status).toBe('wrong_code');

    const outcome = await completeMfaChallenge(pending, await nextCode(staff.secret), meta());
    expect(outcome.status).toBe('signed_in');
    const token = (outcome as { session: { token: string } }).session.token;
    expect(token).not.toBe(pending);
    expect(await authenticateStaff(await appHeaders(token))).toMatchObject({
      userId: staff.userId,
    });
    expect((await throughProxy(pending)).jwt).toBeNull();
  });

  it('accepts a TOTP code only once', async () => {
    const staff = await enrolledMember();
    const code = await nextCode(staff.secret);

    const first = await completeMfaChallenge(await pendingSignIn(staff.email), code, meta());
    const replay = await completeMfaChallenge(await pendingSignIn(staff.email), code, meta());

    expect(first.status).toBe('signed_in');
    expect(replay.status).toBe('wrong_code');
  });

  it('accepts each recovery code once', async () => {
    const staff = await enrolledMember();
    const code = staff.recoveryCodes[3]!;

    const first = await completeMfaChallenge(
      await pendingSignIn(staff.email),
      code.toUpperCase(),
      meta(),
    );
    const again = await completeMfaChallenge(await pendingSignIn(staff.email), code, meta());

    expect(first.status).toBe('signed_in');
    expect(again.status).toBe('wrong_code');
  });

  it('stores recovery codes only hashed', async () => {
    const staff = await enrolledMember();
    const rows = await asSuperuser((c) =>
      c.query('SELECT code_hash FROM user_recovery_codes WHERE user_id = $1', [staff.userId]),
    );

    expect(rows.rows).toHaveLength(10);
    const stored = rows.rows.map((r) => (r.code_hash as Buffer).toString('hex')).join();
    for (const code of staff.recoveryCodes) expect(stored).not.toContain(code.replace('-', ''));
  });

  it('records enrolment, failures and sign-ins in the audit trail', async () => {
    const staff = await enrolledMember();
    const pending = await pendingSignIn(staff.email);
    await completeMfaChallenge(pending, '000000', meta());
    const actions = await asSuperuser(async (c) => {
      const r = await c.query('SELECT action FROM audit_events WHERE practice_id = $1', [
        staff.practiceId,
      ]);

      return r.rows.map((row) => row.action);
    });

    expect(actions).toEqual(
      expect.arrayContaining(['auth.mfa_enabled', 'auth.password_verified', 'auth.mfa_failed']),
    );
  });

  it('keeps the app role away from MFA secrets entirely', async () => {
    const staff = await staffMember();
    const attempt = withPractice(
      staff.practiceId,
      (db) => db.$queryRaw`SELECT mfa_secret_enc FROM user_security`,
    );

    await expect(attempt).rejects.toThrow(/permission denied/);
  });
});
