import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import { AppError } from '@/lib/http/errors';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { createInvitation } from '@/lib/invitations/create-invitation';
import { findInvitation } from '@/lib/invitations/find-invitation';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { resendInvitation } from '@/lib/invitations/resend-invitation';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';

import {
  appHeaders,
  asSuperuser,
  meta,
  PASSWORD,
  signIn,
  staffMember,
} from '../auth/auth-fixtures';
import { asStaff, auditEvents, invitationTokenFromMail, signedInStaff } from './helpers';

const NEW_PASSWORD = 'heron-quartz-maple-83';
const newEmail = () => `invitee-${randomBytes(5).toString('hex')}@example.test`;

async function adminOfNewPractice(role: 'owner' | 'admin' = 'admin') {
  const admin = await staffMember(role);

  return (await signedInStaff(admin.email)).staff;
}

describe('invitations', () => {
  it('lets an invited colleague set a password, be signed in with the invited role, and sign in again later', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    await asStaff(admin, (db) => createInvitation(db, admin, { email, role: 'nurse' }));
    const token = await invitationTokenFromMail(email);

    const outcome = await acceptInvitation(
      { token, name: 'Nina Nurse', password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      meta(),
    );

    expect(outcome.status).toBe('signed_in');
    const first = await authenticateStaff(await appHeaders((outcome as { token: string }).token));
    expect(first).toMatchObject({
      practiceId: admin.practiceId,
      role: 'nurse',
      userName: 'Nina Nurse',
    });
    const later = await authenticateStaff(await appHeaders(await signIn(email, NEW_PASSWORD)));
    expect(later?.role).toBe('nurse');
    expect(await auditEvents(admin.practiceId, 'invitation.accepted')).toHaveLength(1);
  });

  it('stores only the SHA-256 of the invitation token', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    const { token } = await asStaff(admin, (db) =>
      createInvitation(db, admin, { email, role: 'nurse' }),
    );
    const rows = await asSuperuser((c) =>
      c.query('SELECT * FROM invitations WHERE email = $1', [email]),
    );

    expect(rows.rows[0].token_hash).toHaveLength(32);
    expect(JSON.stringify(rows.rows[0])).not.toContain(token);
  });

  it('works exactly once', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    const { token } = await asStaff(admin, (db) =>
      createInvitation(db, admin, { email, role: 'clinician' }),
    );
    const input = { token, name: 'Cal', password: NEW_PASSWORD, confirm: NEW_PASSWORD };
    const results = await Promise.allSettled([
      acceptInvitation(input, meta()),
      acceptInvitation(input, meta()),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await expect(acceptInvitation(input, meta())).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses a weak password and mismatched confirmation without spending the link', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    const { token } = await asStaff(admin, (db) =>
      createInvitation(db, admin, { email, role: 'nurse' }),
    );

    await expect(
      acceptInvitation({ token, name: 'N', password: 'password1234', confirm: 'x' }, meta()),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await findInvitation(token)).not.toBeNull();
  });

  it('gives an existing account only the membership, keeping its password', async () => {
    const admin = await adminOfNewPractice();
    const elsewhere = await staffMember('clinician');
    await asStaff(admin, (db) =>
      createInvitation(db, admin, { email: elsewhere.email, role: 'read_only' }),
    );
    const token = await invitationTokenFromMail(elsewhere.email);

    const outcome = await acceptInvitation({ token }, meta());

    expect(outcome).toMatchObject({ status: 'joined', userId: elsewhere.userId });
    expect(await findInvitation(token)).toBeNull();
    const members = await asStaff(admin, (db) =>
      db.membership.findMany({ where: { practiceId: admin.practiceId, userId: elsewhere.userId } }),
    );
    expect(members).toEqual([expect.objectContaining({ role: 'read_only', status: 'active' })]);
    await expect(signIn(elsewhere.email, PASSWORD)).resolves.toBeTypeOf('string');
  });

  it('kills the previous link when resent, and a revoked or expired link is dead', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    const { invitationId, token: first } = await asStaff(admin, (db) =>
      createInvitation(db, admin, { email, role: 'nurse' }),
    );
    const { token: second } = await asStaff(admin, (db) =>
      resendInvitation(db, admin, { invitationId }),
    );

    expect(await findInvitation(first)).toBeNull();
    expect(await findInvitation(second)).not.toBeNull();
    await asSuperuser((c) =>
      c.query(
        `UPDATE invitations SET expires_at = now() - interval '1 second', created_at = now() - interval '1 day'
               WHERE id = $1`,
        [invitationId],
      ),
    );
    expect(await findInvitation(second)).toBeNull();
    expect((await asStaff(admin, (db) => listInvitations(db, admin)))[0]?.status).toBe('expired');

    const { token: third } = await asStaff(admin, (db) =>
      resendInvitation(db, admin, { invitationId }),
    );
    await asStaff(admin, (db) => revokeInvitation(db, admin, { invitationId }));
    expect(await findInvitation(third)).toBeNull();
    expect(await auditEvents(admin.practiceId, 'invitation.revoked')).toHaveLength(1);
  });

  it('refuses to invite a current member or to duplicate an open invitation', async () => {
    const admin = await adminOfNewPractice();
    const member = await staffMember('nurse', admin.practiceId);
    const email = newEmail();
    await asStaff(admin, (db) => createInvitation(db, admin, { email, role: 'nurse' }));

    await expect(
      asStaff(admin, (db) => createInvitation(db, admin, { email: member.email, role: 'nurse' })),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      asStaff(admin, (db) => createInvitation(db, admin, { email, role: 'admin' })),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets only an owner invite an owner', async () => {
    const admin = await adminOfNewPractice('admin');
    const owner = (await signedInStaff((await staffMember('owner', admin.practiceId)).email)).staff;

    await expect(
      asStaff(admin, (db) => createInvitation(db, admin, { email: newEmail(), role: 'owner' })),
    ).rejects.toEqual(new AppError('forbidden', 'Only an owner can invite another owner.'));
    await expect(
      asStaff(owner, (db) => createInvitation(db, owner, { email: newEmail(), role: 'owner' })),
    ).resolves.toMatchObject({ invitationId: expect.any(String) });
  });

  it("answers another practice's invitation as not found", async () => {
    const admin = await adminOfNewPractice();
    const other = await adminOfNewPractice();
    const { invitationId } = await asStaff(other, (db) =>
      createInvitation(db, other, { email: newEmail(), role: 'nurse' }),
    );

    await expect(
      asStaff(admin, (db) => resendInvitation(db, admin, { invitationId })),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      asStaff(admin, (db) => revokeInvitation(db, admin, { invitationId })),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records the invitation with its email and role as after-values', async () => {
    const admin = await adminOfNewPractice();
    const email = newEmail();
    const { invitationId } = await asStaff(admin, (db) =>
      createInvitation(db, admin, { email, role: 'front_desk' }),
    );
    const [event] = await auditEvents(admin.practiceId, 'invitation.created');

    expect(event).toMatchObject({
      entity_id: invitationId,
      actor_id: admin.userId,
      changes: {
        email: { from: null, to: email },
        role: { from: null, to: 'front_desk' },
        expiresAt: { from: null, to: expect.any(String) },
      },
    });
  });
});
