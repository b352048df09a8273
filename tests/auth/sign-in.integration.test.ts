import { describe, expect, it } from 'vitest';

import { signInWithPassword } from '@/lib/auth/sign-in-with-password';

import { asSuperuser, meta, PASSWORD, staffMember } from './auth-fixtures';

describe('signing in', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    const staff = await staffMember();

    const unknown = await signInWithPassword(
      { email: 'ghost@example.test', password: PASSWORD },
      meta(),
    );
    const wrong = await signInWithPassword(
      { email: staff.email, password: 'not-the-password!' },
      meta(),
    );

    expect(unknown).toEqual({ status: 'refused' });
    expect(wrong).toEqual({ status: 'refused' });
  });

  it('locks the account after 10 failures, refuses even the right password, and tells the owner', async () => {
    const staff = await staffMember();
    for (let i = 0; i < 10; i += 1) {
      const outcome = await signInWithPassword(
        { email: staff.email, password: `wrong-password-${i}` },
        meta(),
      ).catch((e: { code?: string }) => ({ status: e.code }));
      expect(outcome.status).toBe('refused');
    }

    const right = await signInWithPassword(
      { email: staff.email, password: PASSWORD },
      meta(),
    ).catch((e: { code?: string }) => ({ status: e.code }));
    expect(['refused', 'rate_limited']).toContain(right.status);

    const state = await asSuperuser(async (c) => {
      const lock = await c.query('SELECT locked_until FROM user_security WHERE user_id = $1', [
        staff.userId,
      ]);
      const mail = await c.query(`SELECT template FROM email_outbox WHERE to_address = $1`, [
        staff.email,
      ]);
      const audit = await c.query(
        `SELECT action FROM audit_events WHERE practice_id = $1 AND action LIKE 'auth.%'`,
        [staff.practiceId],
      );

      return {
        lock: lock.rows[0].locked_until,
        mail: mail.rows,
        audit: audit.rows.map((r) => r.action),
      };
    });
    expect(state.lock.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(state.mail).toEqual([{ template: 'auth.account_locked' }]);
    expect(state.audit).toEqual(
      expect.arrayContaining(['auth.sign_in_failed', 'auth.account_locked']),
    );
  }, 90_000);

  it('rate-limits one email across many IPs with 429 and Retry-After seconds', async () => {
    const email = 'target-of-guessing@example.test';
    let error: { code?: string; details?: { retryAfterSeconds?: number } } | undefined;
    for (let i = 0; i < 12 && !error; i += 1) {
      await signInWithPassword({ email, password: `guess-number-${i}` }, meta()).catch((e) => {
        error = e;
      });
    }

    expect(error?.code).toBe('rate_limited');
    expect(error?.details?.retryAfterSeconds).toBeGreaterThan(0);
  }, 90_000);

  it('rate-limits one IP across many emails', async () => {
    const request = meta();
    let error: { code?: string } | undefined;
    for (let i = 0; i < 25 && !error; i += 1) {
      await signInWithPassword(
        { email: `spray-${i}@example.test`, password: 'x'.repeat(12) },
        request,
      ).catch((e) => {
        error = e;
      });
    }

    expect(error?.code).toBe('rate_limited');
  }, 90_000);
});
