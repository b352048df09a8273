import type { Metadata } from 'next';
import Link from 'next/link';

import { ActionForm } from '@/components/settings/action-form';
import { formatWhen } from '@/components/settings/roles';
import { Card } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { listIntakeLinks } from '@/lib/links/rotate-intake-link';
import { listTrackingLinks } from '@/lib/settings/list-tracking-links';

import { revokeTrackingLinkAction, rotateIntakeLinkAction } from './actions';

export const metadata: Metadata = { title: 'Links' };

export default async function LinksPage() {
  const staff = await requireStaffPage('link.manage');
  const { intake, tracking } = await withPractice(
    staff.practiceId,
    async (db) => ({
      intake: await listIntakeLinks(db, staff),
      tracking: await listTrackingLinks(db, staff),
    }),
    { userId: staff.userId },
  );

  return (
    <>
      <PageHeader
        title="Links"
        description="Referring vets reach you through these. Rotating or revoking stops the old link at once."
      />
      <Card title="Public intake link" id="intake">
        <p>
          {intake.length === 0
            ? 'No intake link yet.'
            : `Live: ${intake.map((l) => l.service ?? 'all services').join(', ')}. Links are shown only when made.`}
        </p>
        {can(staff.role, 'practice.manage') ? (
          <ActionForm action={rotateIntakeLinkAction} submitLabel="Make a new intake link" inline>
            <Field id="intake-service" label="For one service only (optional)">
              <Input id="intake-service" name="service" maxLength={100} />
            </Field>
          </ActionForm>
        ) : (
          <p>An owner or admin can make a new intake link.</p>
        )}
      </Card>
      {tracking.length === 0 ? (
        <EmptyState title="No live tracking links" />
      ) : (
        <Table caption="Live tracking links">
          <thead>
            <tr>
              <th scope="col">Referral</th>
              <th scope="col">Sent to</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tracking.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link href={`/referrals/${l.referralId}`}>{l.reference}</Link>
                </td>
                <td>{l.email}</td>
                <td>{formatWhen(l.expiresAt)}</td>
                <td>{formatWhen(l.lastUsedAt)}</td>
                <td>
                  <ActionForm
                    action={revokeTrackingLinkAction}
                    submitLabel="Revoke"
                    variant="danger"
                    inline
                  >
                    <input type="hidden" name="referralId" value={l.referralId} />
                    <input type="hidden" name="linkId" value={l.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
