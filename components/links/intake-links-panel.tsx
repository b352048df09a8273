import { Card } from '@/components/ui/alert';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { listIntakeLinks } from '@/lib/links/rotate-intake-link';

import { rotateIntakeLinkAction } from './actions';
import { RotateIntakeLinkForm } from './link-forms';

/** For the admins' settings page: the practice's public intake links, and rotation. */
export async function IntakeLinksPanel() {
  const staff = await requireStaffPage('practice.manage');
  const links = await withPractice(staff.practiceId, (db) => listIntakeLinks(db, staff), {
    userId: staff.userId,
  });

  return (
    <Card title="Public intake links" id="intake-links">
      <p>
        Referring vets use this link to send referrals without an account. Only a hash of each link
        is kept, so a new one is shown once; issuing one stops the previous link at once.
      </p>
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            {l.service ?? 'General'} · live since {l.createdAt.toISOString().slice(0, 10)}
          </li>
        ))}
      </ul>
      <RotateIntakeLinkForm action={rotateIntakeLinkAction} service={null} />
      {links
        .filter((l) => l.service)
        .map((l) => (
          <RotateIntakeLinkForm key={l.id} action={rotateIntakeLinkAction} service={l.service} />
        ))}
    </Card>
  );
}
