import { ROLES, type Role } from '@/lib/auth/permissions';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  clinician: 'Clinician',
  nurse: 'Nurse / technician',
  front_desk: 'Front desk',
  read_only: 'Read only',
};

/** The roles someone may hand out: only owners appoint owners. */
export function assignableRoles(actor: Role): Role[] {
  return ROLES.filter((r) => r !== 'owner' || actor === 'owner');
}

export function formatWhen(date: Date | null): string {
  if (!date) return 'Never';

  return date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
