import type { Metadata } from 'next';
import Link from 'next/link';

import { SETTINGS_SECTIONS } from '@/components/settings/sections';
import styles from '@/components/settings/settings.module.css';
import { Card } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';

export const metadata: Metadata = { title: 'Settings' };

const BLURBS: Record<string, string> = {
  '/settings/practice': 'Name, address, logo, services and departments.',
  '/settings/service-levels': 'The promises behind the inbox’s overdue flag.',
  '/settings/users': 'Invite colleagues, change roles, deactivate accounts.',
  '/settings/sessions': 'Who is signed in, from where; end any session.',
  '/settings/security': 'MFA, session timeouts, allowed origins and IP addresses.',
  '/settings/api-keys': 'Keys for programs, with scopes and expiry.',
  '/settings/links': 'The public intake link and referring vets’ tracking links.',
  '/settings/audit': 'Every change, with who, when and from where.',
  '/settings/export': 'All referrals with their history, as CSV or JSON.',
};

export default async function SettingsPage() {
  const staff = await requireStaffPage('practice.manage');
  const sections = SETTINGS_SECTIONS.filter((s) => can(staff.role, s.permission));

  return (
    <>
      <PageHeader title="Settings" description={`How ${staff.practiceName} runs VetLoop.`} />
      <ul className={styles.sections}>
        {sections.map((s) => (
          <li key={s.href}>
            <Card>
              <h2>
                <Link href={s.href}>{s.label}</Link>
              </h2>
              <p>{BLURBS[s.href]}</p>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
