import 'server-only';

import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';

import { authenticateStaff, requirePermission } from './authenticate-staff';
import { can, type Permission } from './permissions';
import type { StaffContext } from './staff-context';

export type { StaffContext } from './staff-context';

/** The signed-in staff member, or null; no permission check. Once per request. */
export const getOptionalStaff = cache(async (): Promise<StaffContext | null> => {
  return authenticateStaff(await headers());
});

/**
 * For server actions and route handlers: not signed in → /sign-in; signed in without the
 * permission → AppError('forbidden'), which they turn into their own error shape.
 */
export async function requireStaff(permission: Permission): Promise<StaffContext> {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  requirePermission(staff.role, permission);

  return staff;
}

/**
 * For pages and the server components they render: not signed in → /sign-in; signed in
 * without the permission → Next's forbidden(), so the response is a 403 with app/forbidden.tsx
 * rather than an error page. The check must run before anything streams (no loading.tsx
 * above the page), or the status is already 200.
 */
export async function requireStaffPage(permission: Permission): Promise<StaffContext> {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  if (!can(staff.role, permission)) forbidden();

  return staff;
}
