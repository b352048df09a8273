import type { Permission } from '@/lib/auth/permissions';

/** The settings sections and the one permission each page requires. */
export const SETTINGS_SECTIONS: { href: string; label: string; permission: Permission }[] = [
  { href: '/settings/practice', label: 'Practice profile', permission: 'practice.manage' },
  { href: '/settings/service-levels', label: 'Service levels', permission: 'practice.manage' },
  { href: '/settings/users', label: 'Users & invitations', permission: 'user.manage' },
  { href: '/settings/sessions', label: 'Sessions', permission: 'session.manage' },
  { href: '/settings/security', label: 'Security', permission: 'security.manage' },
  { href: '/settings/api-keys', label: 'API keys', permission: 'apikey.manage' },
  { href: '/settings/links', label: 'Links', permission: 'link.manage' },
  { href: '/settings/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/settings/export', label: 'Data export', permission: 'data.export' },
];
