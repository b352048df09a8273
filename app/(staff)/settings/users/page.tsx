import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import { assignableRoles, formatWhen, ROLE_LABELS } from '@/components/settings/roles';
import styles from '@/components/settings/settings.module.css';
import { Card } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Field, Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { isRole } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { listMembers } from '@/lib/members/list-members';

import {
  changeRoleAction,
  deactivateAction,
  inviteAction,
  reactivateAction,
  resendInvitationAction,
  revokeInvitationAction,
} from './actions';

export const metadata: Metadata = { title: 'Users & invitations' };

export default async function UsersPage() {
  const staff = await requireStaffPage('user.manage');
  const { members, invitations } = await withPractice(
    staff.practiceId,
    async (db) => ({
      members: await listMembers(db, staff),
      invitations: await listInvitations(db, staff),
    }),
    { userId: staff.userId },
  );
  const roles = assignableRoles(staff.role);

  return (
    <>
      <PageHeader
        title="Users & invitations"
        description="A role change or deactivation ends that person's sessions at once."
      />
      <Card title="Invite a colleague" id="invite">
        <ActionForm action={inviteAction} submitLabel="Send invitation" inline>
          <Field id="invite-email" label="Email">
            <Input id="invite-email" name="email" type="email" required autoComplete="off" />
          </Field>
          <Field id="invite-role" label="Role">
            <Select id="invite-role" name="role" defaultValue="clinician">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
        </ActionForm>
      </Card>

      {invitations.length > 0 ? (
        <Table caption="Open invitations">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{isRole(i.role) ? ROLE_LABELS[i.role] : i.role}</td>
                <td>
                  {i.status === 'expired' ? (
                    <Badge tone="warning">Expired</Badge>
                  ) : (
                    formatWhen(i.expiresAt)
                  )}
                </td>
                <td className={styles.rowActions}>
                  <ActionForm
                    action={resendInvitationAction}
                    submitLabel="Resend"
                    variant="secondary"
                    inline
                  >
                    <input type="hidden" name="invitationId" value={i.id} />
                  </ActionForm>
                  <ActionForm
                    action={revokeInvitationAction}
                    submitLabel="Withdraw"
                    variant="danger"
                    inline
                  >
                    <input type="hidden" name="invitationId" value={i.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}

      <Table caption="Members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name}
                <div className={styles.muted}>{m.email}</div>
                {m.status !== 'active' ? <Badge tone="critical">Deactivated</Badge> : null}
              </td>
              <td>
                <ActionForm
                  action={changeRoleAction}
                  submitLabel="Change role"
                  variant="secondary"
                  inline
                >
                  <input type="hidden" name="userId" value={m.userId} />
                  <Field id={`role-${m.userId}`} label={`Role of ${m.name}`}>
                    <Select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                      {(roles.includes(m.role as never) ? roles : [m.role]).map((r) => (
                        <option key={r} value={r}>
                          {isRole(r) ? ROLE_LABELS[r] : r}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </ActionForm>
              </td>
              <td>{formatWhen(m.lastSignInAt)}</td>
              <td>
                {m.userId === staff.userId ? (
                  <span className={styles.muted}>You</span>
                ) : m.status === 'active' ? (
                  <ActionForm
                    action={deactivateAction}
                    submitLabel="Deactivate"
                    variant="danger"
                    inline
                  >
                    <input type="hidden" name="userId" value={m.userId} />
                  </ActionForm>
                ) : (
                  <ActionForm
                    action={reactivateAction}
                    submitLabel="Reactivate"
                    variant="secondary"
                    inline
                  >
                    <input type="hidden" name="userId" value={m.userId} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
