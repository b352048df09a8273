import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import { ApiKeyForm } from '@/components/settings/api-key-form';
import { formatWhen, ROLE_LABELS } from '@/components/settings/roles';
import { Card } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { isRole, PERMISSIONS, ROLES } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';

import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

function status(key: { revokedAt: Date | null; expiresAt: Date }, now: Date) {
  if (key.revokedAt) return <Badge tone="critical">Revoked</Badge>;
  if (key.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;

  return <Badge tone="success">Active</Badge>;
}

export default async function ApiKeysPage() {
  const staff = await requireStaffPage('apikey.manage');
  const keys = await withPractice(staff.practiceId, (db) => listApiKeys(db, staff.practiceId), {
    userId: staff.userId,
  });
  // A key can never rank above its creator (createApiKey enforces it too).
  const roles = ROLES.slice(ROLES.indexOf(staff.role));
  const now = new Date();

  return (
    <>
      <PageHeader
        title="API keys"
        description="Programs trade a key for a short-lived token at /api/v1/token. Revoking a key stops it at once."
      />
      <Card title="Create a key" id="create-key">
        <ApiKeyForm action={createApiKeyAction} roles={roles} scopes={Object.keys(PERMISSIONS)} />
      </Card>
      <Table caption="Keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role and scopes</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>
                {k.name} <code>vlk_{k.prefix}_…</code>
              </td>
              <td>
                {isRole(k.role) ? ROLE_LABELS[k.role] : k.role}: {k.scopes.join(', ')}
              </td>
              <td>{formatWhen(k.expiresAt)}</td>
              <td>{formatWhen(k.lastUsedAt)}</td>
              <td>{status(k, now)}</td>
              <td>
                {!k.revokedAt ? (
                  <ActionForm
                    action={revokeApiKeyAction}
                    submitLabel="Revoke"
                    variant="danger"
                    inline
                  >
                    <input type="hidden" name="apiKeyId" value={k.id} />
                  </ActionForm>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
