import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { authenticateStaff, requirePermission } from './authenticate-staff';
import type { Permission } from './permissions';
import type { StaffContext } from './staff-context';

export type { StaffContext } from './staff-context';

/** The signed-in staff member, or null; no permission check. Once per request. */
export const getOptionalStaff = cache(async (): Promise<StaffContext | null> => {
  return authenticateStaff(await headers());
});

/**
 * For pages and server actions: not signed in → /sign-in; signed in without the
 * permission → AppError('forbidden').
 */
export async function requireStaff(permission: Permission): Promise<StaffContext> {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  requirePermission(staff.role, permission);

  return staff;
}
