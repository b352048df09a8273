import { describe, expect, it } from 'vitest';

import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import { apiRoute } from '@/lib/http/api-route';
import { AppError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { changeMemberRole } from '@/lib/members/change-member-role';
import { deactivateMember } from '@/lib/members/deactivate-member';
import { listActiveSessions } from '@/lib/members/list-active-sessions';
import { listMembers } from '@/lib/members/list-members';
import { reactivateMember } from '@/lib/members/reactivate-member';
import { revokeSession } from '@/lib/members/revoke-session';

import { appHeaders, ORIGIN, signIn, staffMember, throughProxy } from '../auth/auth-fixtures';
import { asStaff, auditEvents, signedInStaff } from './helpers';

const createReferralRoute = apiRoute(
  { permission: 'referral.create', rateLimit: false },
  async ({ ctx }) => json({ role: ctx.role }),
);

async function practiceWith(actorRole: 'owner' | 'admin') {
  const actor = await staffMember(actorRole);

  return (await signedInStaff(actor.email)).staff;
}

describe('members', () => {
  it("holds a role change on the colleague's very next request and replaces their session", async () => {
    const admin = await practiceWith('admin');
    const colleague = await staffMember('clinician', admin.practiceId);
    const token = await signIn(colleague.email);
    const before = await appHeaders(token);
    expect(
      (await createReferralRoute(new Request(`${ORIGIN}/api/v1/x`, { headers: before }))).status,
    ).toBe(200);

    const result = await asStaff(admin, (db) =>
      changeMemberRole(db, admin, { userId: colleague.userId, role: 'read_only' }),
    );

    expect(result).toEqual({ changed: true, sessionsEnded: 1 });
    expect(await authenticateStaff(before)).toBeNull();
    expect(
      (await createReferralRoute(new Request(`${ORIGIN}/api/v1/x`, { headers: before }))).status,
    ).toBe(401);
    expect((await throughProxy(token)).jwt).toBeNull();
    const again = await appHeaders(await signIn(colleague.email));
    expect((await authenticateStaff(again))?.role).toBe('read_only');
    expect(
      (await createReferralRoute(new Request(`${ORIGIN}/api/v1/x`, { headers: again }))).status,
    ).toBe(403);
    const [event] = await auditEvents(admin.practiceId, 'membership.role_changed');
    expect(event).toMatchObject({
      entity_id: colleague.userId,
      changes: { role: { from: 'clinician', to: 'read_only' } },
    });
  });

  it('ends every session of a deactivated member at once and refuses their sign-in', async () => {
    const admin = await practiceWith('admin');
    const colleague = await staffMember('nurse', admin.practiceId);
    const headers = await appHeaders(await signIn(colleague.email));

    const result = await asStaff(admin, (db) =>
      deactivateMember(db, admin, { userId: colleague.userId }),
    );

    expect(result.sessionsEnded).toBe(1);
    expect(await authenticateStaff(headers)).toBeNull();
    await expect(signIn(colleague.email)).rejects.toThrow('sign-in refused');
    await asStaff(admin, (db) => reactivateMember(db, admin, { userId: colleague.userId }));
    expect((await authenticateStaff(await appHeaders(await signIn(colleague.email))))?.role).toBe(
      'nurse',
    );
    expect(await auditEvents(admin.practiceId, 'membership.deactivated')).toHaveLength(1);
    expect(await auditEvents(admin.practiceId, 'membership.reactivated')).toHaveLength(1);
  });

  it('revokes any session of the practice so that it stops working at once', async () => {
    const admin = await practiceWith('admin');
    const colleague = await staffMember('front_desk', admin.practiceId);
    const token = await signIn(colleague.email);
    const headers = await appHeaders(token);
    const live = await asStaff(admin, (db) => listActiveSessions(db, admin));
    const session = live.find((s) => s.userId === colleague.userId)!;
    expect(session).toMatchObject({ userAgent: 'vitest', ip: expect.stringMatching(/^10\./) });

    await asStaff(admin, (db) => revokeSession(db, admin, { sessionId: session.sessionId }));

    expect(await authenticateStaff(headers)).toBeNull();
    expect((await createReferralRoute(new Request(`${ORIGIN}/api/v1/x`, { headers }))).status).toBe(
      401,
    );
    expect((await throughProxy(token)).jwt).toBeNull();
    const after = await asStaff(admin, (db) => listActiveSessions(db, admin));
    expect(after.map((s) => s.sessionId)).not.toContain(session.sessionId);
    expect(await auditEvents(admin.practiceId, 'session.revoked')).toHaveLength(1);
  });

  it("answers another practice's session and member as not found", async () => {
    const admin = await practiceWith('admin');
    const stranger = await staffMember('clinician');
    const { staff } = await signedInStaff(stranger.email);

    await expect(
      asStaff(admin, (db) => revokeSession(db, admin, { sessionId: staff.sessionId })),
    ).rejects.toEqual(new AppError('not_found'));
    await expect(
      asStaff(admin, (db) =>
        changeMemberRole(db, admin, { userId: stranger.userId, role: 'nurse' }),
      ),
    ).rejects.toEqual(new AppError('not_found'));
    expect(await authenticateStaff(await appHeaders(await signIn(stranger.email)))).not.toBeNull();
  });

  it('lists members with their last sign-in', async () => {
    const admin = await practiceWith('admin');
    const never = await staffMember('nurse', admin.practiceId);
    const members = await asStaff(admin, (db) => listMembers(db, admin));

    expect(members.find((m) => m.userId === admin.userId)?.lastSignInAt).toBeInstanceOf(Date);
    expect(members.find((m) => m.userId === never.userId)?.lastSignInAt).toBeNull();
  });
});

describe('owner rules', () => {
  it('stops an admin from demoting, deactivating or appointing an owner', async () => {
    const admin = await practiceWith('admin');
    const owner = await staffMember('owner', admin.practiceId);
    const clinician = await staffMember('clinician', admin.practiceId);
    const refusal = new AppError(
      'forbidden',
      'Only an owner can change, remove or appoint an owner.',
    );

    await expect(
      asStaff(admin, (db) => changeMemberRole(db, admin, { userId: owner.userId, role: 'admin' })),
    ).rejects.toEqual(refusal);
    await expect(
      asStaff(admin, (db) => deactivateMember(db, admin, { userId: owner.userId })),
    ).rejects.toEqual(refusal);
    await expect(
      asStaff(admin, (db) =>
        changeMemberRole(db, admin, { userId: clinician.userId, role: 'owner' }),
      ),
    ).rejects.toEqual(refusal);
  });

  it('never lets the last owner be demoted or removed', async () => {
    const owner = await practiceWith('owner');
    const admin = await staffMember('admin', owner.practiceId);
    const keep = new AppError('conflict', 'The practice must keep at least one owner.');

    await expect(
      asStaff(owner, (db) => changeMemberRole(db, owner, { userId: owner.userId, role: 'admin' })),
    ).rejects.toEqual(keep);
    await asStaff(owner, (db) => deactivateMember(db, owner, { userId: admin.userId }));
    await expect(
      asStaff(owner, (db) => deactivateMember(db, owner, { userId: owner.userId })),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets an owner demote another owner while one remains', async () => {
    const owner = await practiceWith('owner');
    const second = await staffMember('owner', owner.practiceId);

    await asStaff(owner, (db) =>
      changeMemberRole(db, owner, { userId: second.userId, role: 'admin' }),
    );

    const members = await asStaff(owner, (db) => listMembers(db, owner));
    expect(members.find((m) => m.userId === second.userId)?.role).toBe('admin');
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const first = await practiceWith('owner');
    const other = await staffMember('owner', first.practiceId);
    const second = (await signedInStaff(other.email)).staff;

    const results = await Promise.allSettled([
      asStaff(first, (db) => changeMemberRole(db, first, { userId: second.userId, role: 'admin' })),
      asStaff(second, (db) =>
        changeMemberRole(db, second, { userId: first.userId, role: 'admin' }),
      ),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const members = await asStaff(first, (db) =>
      db.membership.findMany({ where: { role: 'owner' } }),
    );
    expect(members).toHaveLength(1);
  });
});
