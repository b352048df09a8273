import { describe, expect, it } from 'vitest';

import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { resetPassword } from '@/lib/auth/reset-password';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { deliverDueEmails } from '@/lib/mail/deliver-outbox';

import { asSuperuser, meta, PASSWORD, signIn, staffMember, throughProxy } from './auth-fixtures';

const NEW_PASSWORD = 'granite-heron-saffron-93';

async function outbox(practiceId: string) {
  return asSuperuser(async (c) => {
    const r = await c.query(
      'SELECT * FROM email_outbox WHERE practice_id = $1 ORDER BY created_at',
      [practiceId],
    );

    return r.rows;
  });
}

function linkToken(body: string): string {
  return /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(body)![1]!;
}

describe('password reset', () => {
  it('emails a link; the link sets the password once and ends every session', async () => {
    const staff = await staffMember();
    const oldSession = await signIn(staff.email);

    await requestPasswordReset(staff.email, meta());
    const [mail] = await outbox(staff.practiceId);
    expect(mail).toMatchObject({ to_address: staff.email, template: 'auth.password_reset' });
    const token = linkToken(mail.body_text);

    await resetPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, meta());

    expect((await throughProxy(oldSession)).jwt).toBeNull();
    expect(await signIn(staff.email, NEW_PASSWORD)).toBeTruthy();
    await expect(
      resetPassword(
        { token, password: 'another-long-phrase-8', confirm: 'another-long-phrase-8' },
        meta(),
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses an expired link', async () => {
    const staff = await staffMember();
    await requestPasswordReset(staff.email, meta());
    const token = linkToken((await outbox(staff.practiceId))[0].body_text);
    await asSuperuser((c) =>
      c.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'`),
    );

    await expect(
      resetPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, meta()),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(
      (await signInWithPassword({ email: staff.email, password: PASSWORD }, meta())).status,
    ).toBe('signed_in');
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const t0 = Date.now();
    await expect(requestPasswordReset('nobody-here@example.test', meta())).resolves.toBeUndefined();
    const unknownMs = Date.now() - t0;

    expect(unknownMs).toBeGreaterThanOrEqual(390);
    const all = await asSuperuser((c) =>
      c.query(`SELECT 1 FROM email_outbox WHERE to_address = 'nobody-here@example.test'`),
    );
    expect(all.rowCount).toBe(0);
  });

  it('keeps a new password to the policy', async () => {
    const staff = await staffMember();
    await requestPasswordReset(staff.email, meta());
    const token = linkToken((await outbox(staff.practiceId))[0].body_text);

    await expect(
      resetPassword({ token, password: 'password1234', confirm: 'password1234' }, meta()),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('captures mail when no SMTP is configured, once, never twice', async () => {
    const staff = await staffMember();
    await requestPasswordReset(staff.email, meta());

    const passes = await Promise.all([deliverDueEmails(null), deliverDueEmails(null)]);
    const again = await deliverDueEmails(null);
    const [mail] = await outbox(staff.practiceId);

    expect(passes[0]! + passes[1]!).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    expect(mail).toMatchObject({ status: 'captured', attempts: 1 });
  });

  it('retries failed sends later with backoff', async () => {
    const staff = await staffMember();
    await requestPasswordReset(staff.email, meta());

    await deliverDueEmails(async () => {
      throw new Error('smtp down');
    });
    const [mail] = await outbox(staff.practiceId);

    expect(mail).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp down' });
    expect(mail.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });
});
