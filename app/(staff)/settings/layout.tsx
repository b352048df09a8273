import type { ReactNode } from 'react';

import styles from '@/components/settings/settings.module.css';
import { NavLink } from '@/components/ui/nav-link';
import { SETTINGS_SECTIONS } from '@/components/settings/sections';
import { can } from '@/lib/auth/permissions';
import { getOptionalStaff } from '@/lib/auth/require-staff';

/** The settings shell: each page still checks its own permission with requireStaffPage. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const staff = await getOptionalStaff();
  const sections = SETTINGS_SECTIONS.filter((s) => staff && can(staff.role, s.permission));

  return (
    <div className={styles.layout}>
      <nav aria-label="Settings" className={styles.subnav}>
        <ul>
          {sections.map((s) => (
            <li key={s.href}>
              <NavLink href={s.href}>{s.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div>{children}</div>
    </div>
  );
}
