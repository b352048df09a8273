import { Card, VisuallyHidden } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { can } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { listPossibleDuplicates, listReferralLinks } from '@/lib/links/list-referral-links';

import { issueLinkAction, revokeLinkAction } from './actions';
import { IssueLinkForm, RevokeLinkButton } from './link-forms';

const when = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d)
    : 'never';

const TONE = { active: 'success', revoked: 'critical', expired: 'neutral' } as const;

/**
 * The referring vets' private links for one referral: who holds each, when it was last
 * used, what they opened (read receipts), and revoke / issue another. Also the possible
 * duplicates intake flagged. For the referral page to render.
 */
export async function ReferralLinksPanel({ referralId }: { referralId: string }) {
  const staff = await requireStaffPage('referral.read');
  const { links, duplicates } = await withPractice(
    staff.practiceId,
    async (db) => ({
      links: await listReferralLinks(db, staff, referralId),
      duplicates: await listPossibleDuplicates(db, staff, referralId),
    }),
    { userId: staff.userId },
  );
  const manage = can(staff.role, 'link.manage');

  return (
    <Card title="Referring vet links" id="referral-links">
      {duplicates.length > 0 ? (
        <p role="note">
          <Badge tone="warning">Possible duplicate</Badge> Same patient and clinic as{' '}
          {duplicates.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <a href={`/referrals/${d.id}`}>{d.reference}</a>
            </span>
          ))}
          . Check before accepting; nothing was merged.
        </p>
      ) : null}
      {links.length === 0 ? <p>No links issued yet.</p> : null}
      {links.length > 0 ? (
        <table>
          <caption>
            <VisuallyHidden>Links issued for this referral</VisuallyHidden>
          </caption>
          <thead>
            <tr>
              <th scope="col">Holder</th>
              <th scope="col">Issued</th>
              <th scope="col">Last used</th>
              <th scope="col">Opened</th>
              <th scope="col">Status</th>
              {manage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id}>
                <td>
                  {link.recipientName}
                  <br />
                  <small>{link.email}</small>
                </td>
                <td>{when(link.createdAt)}</td>
                <td>{when(link.lastUsedAt)}</td>
                <td>
                  {link.reads.length === 0
                    ? '—'
                    : link.reads.map((r) => (
                        <div key={`${r.documentId}-${r.readAt.toISOString()}`}>
                          {r.kind === 'report' ? 'Report' : r.filename} at {when(r.readAt)}
                        </div>
                      ))}
                </td>
                <td>
                  <Badge tone={TONE[link.status]}>{link.status}</Badge>
                </td>
                {manage ? (
                  <td>
                    {link.status === 'active' ? (
                      <RevokeLinkButton
                        action={revokeLinkAction}
                        referralId={referralId}
                        linkId={link.id}
                        holder={link.recipientName}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {manage ? <IssueLinkForm action={issueLinkAction} referralId={referralId} /> : null}
    </Card>
  );
}
