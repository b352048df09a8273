import { NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';

import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import { withPractice } from '@/lib/db/with-practice';
import { sessionCookie } from '@/lib/auth/session-cookie';
import { AUTH_HEADER, SESSION_COOKIE, SESSION_IDLE_SECONDS } from '@/lib/auth/session-policy';
import { signOut } from '@/lib/auth/sign-out';
import { sha256 } from '@/lib/auth/tokens';

import { appHeaders, asSuperuser, meta, signIn, staffMember, throughProxy } from './auth-fixtures';

async function sessionRow(token: string) {
  return asSuperuser(async (c) => {
    const r = await c.query('SELECT * FROM sessions WHERE token_hash = $1', [sha256(token)]);

    return r.rows[0];
  });
}

describe('sessions', () => {
  it('sets the session cookie HttpOnly, Secure, SameSite=Lax, host-only on path /', () => {
    const response = NextResponse.next();
    response.cookies.set(sessionCookie('a'.repeat(43)));
    const header = response.headers.get('set-cookie')!;

    expect(header).toMatch(/^__Host-vetloop_session=a{43};/);
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).toMatch(/; Secure(;|$)/);
    expect(header).toMatch(/; HttpOnly(;|$)/);
    expect(header).toMatch(/; SameSite=lax(;|$)/i);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('stores only the SHA-256 of the cookie token, never the token', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const row = await sessionRow(token);

    expect(row.token_hash).toEqual(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('turns a live cookie into a JWT the app layer accepts', async () => {
    const staff = await staffMember('nurse');
    const token = await signIn(staff.email);
    const ctx = await authenticateStaff(await appHeaders(token));

    expect(ctx).toMatchObject({
      practiceId: staff.practiceId,
      userId: staff.userId,
      role: 'nurse',
    });
  });

  it('drops auth headers a client sends and mints nothing without a cookie', async () => {
    const { jwt, forwarded, response } = await throughProxy(null, {
      headers: { [AUTH_HEADER]: 'forged', 'x-practice-id': 'forged', 'x-vetloop-role': 'owner' },
    });

    expect(jwt).toBeNull();
    const overridden = response.headers.get('x-middleware-override-headers') ?? '';
    expect(overridden).not.toContain('x-practice-id');
    expect(overridden).not.toContain('x-vetloop-role');
    expect(forwarded('x-practice-id')).toBeNull();
  });

  it('ends the session on sign-out: the cookie mints nothing and an earlier JWT is refused', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const before = await appHeaders(token);

    await signOut(token, meta());

    const after = await throughProxy(token);
    expect(after.jwt).toBeNull();
    const cleared = after.response.headers.get('set-cookie') ?? '';
    expect(cleared.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(cleared).toContain('Max-Age=0');
    expect(await authenticateStaff(before)).toBeNull();
    expect((await sessionRow(token)).revoked_reason).toBe('sign_out');
  });

  it('refuses a deactivated membership on the very next request', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const headers = await appHeaders(token);
    expect(await authenticateStaff(headers)).not.toBeNull();

    await withPractice(staff.practiceId, (db) =>
      db.membership.update({
        where: { practiceId_userId: { practiceId: staff.practiceId, userId: staff.userId } },
        data: { status: 'deactivated' },
      }),
    );

    expect(await authenticateStaff(headers)).toBeNull();
    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('refuses a deactivated user on the very next request', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const headers = await appHeaders(token);

    await asSuperuser((c) =>
      c.query(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [staff.userId]),
    );

    expect(await authenticateStaff(headers)).toBeNull();
    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('ends a session left idle past its idle timeout', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const headers = await appHeaders(token);

    await asSuperuser((c) =>
      c.query(
        `UPDATE sessions SET idle_expires_at = now() - interval '1 second'
               WHERE token_hash = $1`,
        [sha256(token)],
      ),
    );

    expect(await authenticateStaff(headers)).toBeNull();
    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('slides the idle expiry forward on use but never past the absolute expiry', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    await asSuperuser((c) =>
      c.query(
        `UPDATE sessions SET idle_expires_at = now() + interval '10 seconds',
               absolute_expires_at = now() + interval '60 seconds' WHERE token_hash = $1`,
        [sha256(token)],
      ),
    );

    expect((await throughProxy(token)).jwt).not.toBeNull();

    const row = await sessionRow(token);
    expect(row.idle_expires_at.getTime()).toBe(row.absolute_expires_at.getTime());
  });

  it('writes the session row at most once a minute while the idle expiry is far off', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const backdate = (seconds: number) =>
      asSuperuser((c) =>
        c.query(
          `UPDATE sessions SET last_seen_at = now() - make_interval(secs => $2)
           WHERE token_hash = $1 RETURNING last_seen_at, idle_expires_at`,
          [sha256(token), seconds],
        ),
      );

    const recent = (await backdate(30)).rows[0];
    expect((await throughProxy(token)).jwt).not.toBeNull();
    const untouched = await sessionRow(token);
    expect(untouched.last_seen_at.getTime()).toBe(recent.last_seen_at.getTime());
    expect(untouched.idle_expires_at.getTime()).toBe(recent.idle_expires_at.getTime());

    const stale = (await backdate(90)).rows[0];

    expect((await throughProxy(token)).jwt).not.toBeNull();
    const touched = await sessionRow(token);
    expect(touched.last_seen_at.getTime()).toBeGreaterThan(stale.last_seen_at.getTime() + 60_000);
    expect(touched.idle_expires_at.getTime() - touched.last_seen_at.getTime()).toBe(
      SESSION_IDLE_SECONDS * 1000,
    );
  });

  it('ends a busy session at its absolute lifetime', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const headers = await appHeaders(token);

    await asSuperuser((c) =>
      c.query(
        `UPDATE sessions SET absolute_expires_at = now() - interval '1 second'
               WHERE token_hash = $1`,
        [sha256(token)],
      ),
    );

    expect(await authenticateStaff(headers)).toBeNull();
    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('issues a new cookie token at every sign-in', async () => {
    const staff = await staffMember();

    expect(await signIn(staff.email)).not.toBe(await signIn(staff.email));
  });
});
