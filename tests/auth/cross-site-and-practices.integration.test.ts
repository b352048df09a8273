import { describe, expect, it } from 'vitest';

import { DELETE as revokeSessionRoute } from '@/app/api/v1/sessions/[id]/route';
import { GET as listSessionsRoute } from '@/app/api/v1/sessions/route';
import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import { changeMemberRole } from '@/lib/members/change-member-role';
import { createStaffUser } from '@/lib/auth/create-staff-user';
import { switchPractice } from '@/lib/auth/switch-practice';
import { withPractice } from '@/lib/db/with-practice';
import { apiRoute } from '@/lib/http/api-route';
import { json } from '@/lib/http/respond';

import { createPractice } from '../helpers/factories';
import {
  appHeaders,
  asSuperuser,
  ORIGIN,
  PASSWORD,
  signIn,
  staffMember,
  systemCtx,
  throughProxy,
} from './auth-fixtures';

const write = apiRoute({ permission: 'referral.create', rateLimit: false }, async ({ ctx }) =>
  json({ practiceId: ctx.practiceId }),
);

describe('cross-site requests', () => {
  it('POST (proxy) – a cross-site post carrying the session cookie is refused with 403', async () => {
    const staff = await staffMember();
    const token = await signIn(staff.email);
    const { response } = await throughProxy(token, {
      method: 'POST',
      path: '/inbox',
      headers: { origin: 'https://evil.example' },
    });

    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
    expect(
      (await throughProxy(token, { method: 'POST', headers: { origin: ORIGIN } })).jwt,
    ).toBeTruthy();
  });

  it('POST /api/v1/* – the wrapper refuses a foreign Origin even behind the proxy', async () => {
    const staff = await staffMember();
    const headers = await appHeaders(await signIn(staff.email));
    headers.set('origin', 'https://evil.example');
    headers.set('cookie', 'x=1');

    const response = await write(
      new Request(`${ORIGIN}/api/v1/referrals`, { method: 'POST', headers }),
    );
    expect(response.status).toBe(403);
  });

  it('OPTIONS /api/v1/* – preflight answers only origins a practice configured', async () => {
    const practice = await createPractice();
    await withPractice(practice.id, (db) =>
      db.practice.update({
        where: { id: practice.id },
        data: { settings: { corsOrigins: ['https://pims.partner.example'] } },
      }),
    );
    const ask = (origin: string) =>
      throughProxy(null, { method: 'OPTIONS', path: '/api/v1/referrals', headers: { origin } });

    const allowed = (await ask('https://pims.partner.example')).response;
    const refused = (await ask('https://evil.example')).response;

    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://pims.partner.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('several practices', () => {
  it('switches practice with a new session; the old one ends; a stranger practice is 404', async () => {
    const staff = await staffMember('clinician');
    const second = await createPractice();
    await createStaffUser(systemCtx(second.id), {
      email: staff.email,
      name: 'Test clinician',
      role: 'front_desk',
      password: PASSWORD,
    });
    const oldToken = await signIn(staff.email);
    const ctx = (await authenticateStaff(await appHeaders(oldToken)))!;

    await expect(switchPractice(ctx, (await createPractice()).id)).rejects.toMatchObject({
      code: 'not_found',
    });
    const fresh = await switchPractice(ctx, second.id);

    expect((await throughProxy(oldToken)).jwt).toBeNull();
    const now = await authenticateStaff(await appHeaders(fresh.token));
    expect(now).toMatchObject({ practiceId: second.id, role: 'front_desk' });
  });

  it('POST /api/v1/* – a practice id in the body, query or headers is never used', async () => {
    const staff = await staffMember();
    const other = await createPractice();
    const headers = await appHeaders(await signIn(staff.email));
    headers.set('x-practice-id', other.id);
    headers.set('origin', ORIGIN);

    const response = await write(
      new Request(`${ORIGIN}/api/v1/referrals?practiceId=${other.id}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ practiceId: other.id }),
      }),
    );
    expect(await response.json()).toEqual({ practiceId: staff.practiceId });
  });
});

describe('roles and sessions managed by admins', () => {
  it('a role change ends the member’s sessions and is audited', async () => {
    const admin = await staffMember('admin');
    const member = await staffMember('clinician', admin.practiceId);
    const memberToken = await signIn(member.email);
    const adminCtx = (await authenticateStaff(await appHeaders(await signIn(admin.email))))!;

    await withPractice(admin.practiceId, (db) =>
      changeMemberRole(db, adminCtx, { userId: member.userId, role: 'read_only' }),
    );

    expect((await throughProxy(memberToken)).jwt).toBeNull();
    const again = await authenticateStaff(await appHeaders(await signIn(member.email)));
    expect(again?.role).toBe('read_only');
    const audit = await asSuperuser((c) =>
      c.query(
        `SELECT changes FROM audit_events WHERE practice_id = $1 AND action = 'membership.role_changed'`,
        [admin.practiceId],
      ),
    );
    expect(audit.rows[0].changes).toEqual({ role: { from: 'clinician', to: 'read_only' } });
  });

  it('an admin cannot make anyone an owner', async () => {
    const admin = await staffMember('admin');
    const member = await staffMember('clinician', admin.practiceId);
    const adminCtx = (await authenticateStaff(await appHeaders(await signIn(admin.email))))!;

    await expect(
      withPractice(admin.practiceId, (db) =>
        changeMemberRole(db, adminCtx, { userId: member.userId, role: 'owner' }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('DELETE /api/v1/sessions/:id – revoking a session refuses its very next request', async () => {
    const admin = await staffMember('admin');
    const member = await staffMember('nurse', admin.practiceId);
    const memberHeaders = await appHeaders(await signIn(member.email));
    const adminHeaders = await appHeaders(await signIn(admin.email));
    adminHeaders.set('origin', ORIGIN);

    const list = await listSessionsRoute(
      new Request(`${ORIGIN}/api/v1/sessions`, { headers: adminHeaders }),
    );
    const sessions: { id: string; userId: string }[] = (await list.json()).data;
    const target = sessions.find((s) => s.userId === member.userId)!;
    expect(JSON.stringify(sessions)).not.toContain('tokenHash');

    const revoked = await revokeSessionRoute(
      new Request(`${ORIGIN}/api/v1/sessions/${target.id}`, {
        method: 'DELETE',
        headers: adminHeaders,
      }),
      { params: Promise.resolve({ id: target.id }) },
    );
    expect(revoked.status).toBe(200);
    expect(await authenticateStaff(memberHeaders)).toBeNull();
  });
});
