import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { sha256 } from '@/lib/auth/tokens';
import { updateSecuritySettings } from '@/lib/settings/update-security-settings';

import { asSuperuser, PASSWORD, signIn, staffMember, throughProxy } from '../auth/auth-fixtures';
import { asStaff, signedInStaff } from './helpers';

const DEFAULTS = {
  sessionIdleMinutes: '30',
  sessionLifetimeHours: '12',
  staffIpAllowList: '',
  corsOrigins: '',
  auditRetentionYears: '7',
};

async function practice() {
  const signedIn = (await signedInStaff((await staffMember('admin')).email)).staff;
  // As behind the gateway, which forwards the client's address.
  const admin = { ...signedIn, request: { ...signedIn.request, ip: '192.0.2.10' } };
  const colleague = await staffMember('clinician', admin.practiceId);
  const save = (change: Partial<typeof DEFAULTS> & { requireMfa?: 'on' }) =>
    asStaff(admin, (db) => updateSecuritySettings(db, admin, { ...DEFAULTS, ...change }));

  return { admin, colleague, save };
}

function backdate(token: string, column: 'last_seen_at' | 'created_at', minutes: number) {
  return asSuperuser((c) =>
    c.query(
      `UPDATE sessions SET ${column === 'created_at' ? 'created_at' : 'last_seen_at'} = now() - make_interval(mins => $2)
       WHERE token_hash = $1`,
      [sha256(token), minutes],
    ),
  );
}

function from(ip: string) {
  return { requestId: randomUUID(), ip, userAgent: 'vitest' };
}

describe('security settings take effect on the next request', () => {
  it('ends sessions idle longer than a lowered idle timeout', async () => {
    const { colleague, save } = await practice();
    const token = await signIn(colleague.email);
    await backdate(token, 'last_seen_at', 10);
    expect((await throughProxy(token)).jwt).not.toBeNull();
    await backdate(token, 'last_seen_at', 10);

    await save({ sessionIdleMinutes: '5' });

    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('ends sessions older than a shortened lifetime', async () => {
    const { colleague, save } = await practice();
    const token = await signIn(colleague.email);
    await backdate(token, 'created_at', 120);
    expect((await throughProxy(token)).jwt).not.toBeNull();

    await save({ sessionLifetimeHours: '1', sessionIdleMinutes: '30' });

    expect((await throughProxy(token)).jwt).toBeNull();
  });

  it('sends staff without a second factor to MFA set-up when the practice requires it', async () => {
    const { colleague, save } = await practice();
    const token = await signIn(colleague.email);

    await save({ requireMfa: 'on' });

    const page = await throughProxy(token, { path: '/inbox' });
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get('location')).toBe(
      'https://localhost:3443/account/security?required=1',
    );
    const api = await throughProxy(token, { path: '/api/v1/referrals' });
    expect(api.response.status).toBe(403);
    expect((await api.response.json()).error.code).toBe('forbidden');
    expect((await throughProxy(token, { path: '/account/security' })).jwt).not.toBeNull();
  });

  it('admits staff sign-in only from allowed addresses once an allow-list is set', async () => {
    const { admin, colleague, save } = await practice();

    await save({ staffIpAllowList: `${admin.request.ip}\n203.0.113.0/24` });

    const outside = await signInWithPassword(
      { email: colleague.email, password: PASSWORD },
      from('198.51.100.9'),
    );
    expect(outside.status).toBe('refused');
    const inside = await signInWithPassword(
      { email: colleague.email, password: PASSWORD },
      from('203.0.113.9'),
    );
    expect(inside.status).toBe('signed_in');
  });
});
