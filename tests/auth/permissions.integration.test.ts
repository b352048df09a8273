import { beforeAll, describe, expect, it } from 'vitest';

import { authenticateStaff, requirePermission } from '@/lib/auth/authenticate-staff';
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/auth/permissions';
import { apiRoute } from '@/lib/http/api-route';
import { AppError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';

import { appHeaders, ORIGIN, signIn, staffMember } from './auth-fixtures';

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
const TABLE = ROLES.flatMap((role) =>
  PERMISSION_NAMES.map((permission) => ({ role, permission, allowed: can(role, permission) })),
);

const headersByRole = new Map<Role, Headers>();

beforeAll(async () => {
  for (const role of ROLES) {
    const staff = await staffMember(role);
    headersByRole.set(role, await appHeaders(await signIn(staff.email)));
  }
});

/** One real route per permission, run through the shared wrapper. */
const routes = new Map(
  PERMISSION_NAMES.map((permission) => [
    permission,
    apiRoute({ permission, rateLimit: false }, async ({ ctx }) =>
      json({ role: ctx.role, practiceId: ctx.practiceId }),
    ),
  ]),
);

describe('the role × permission table', () => {
  it('covers every role and every permission', () => {
    expect(TABLE).toHaveLength(ROLES.length * PERMISSION_NAMES.length);
    expect(TABLE.some((r) => r.allowed)).toBe(true);
    expect(TABLE.some((r) => !r.allowed)).toBe(true);
  });

  it.each(TABLE)('GET /api/v1/* as $role needing $permission – allowed: $allowed', async (row) => {
    const headers = new Headers(headersByRole.get(row.role));
    const response = await routes.get(row.permission)!(
      new Request(`${ORIGIN}/api/v1/check`, { headers }),
    );
    const body = await response.json();

    if (row.allowed) {
      expect(response.status).toBe(200);
      expect(body.role).toBe(row.role);
    } else {
      expect(response.status).toBe(403);
      expect(body).toEqual({
        error: {
          code: 'forbidden',
          message: 'You do not have permission to do that.',
          requestId: headers.get('x-request-id'),
        },
      });
    }
  });

  it.each(TABLE)('requireStaff as $role needing $permission – allowed: $allowed', async (row) => {
    const staff = await authenticateStaff(headersByRole.get(row.role)!);
    expect(staff?.role).toBe(row.role);
    const check = () => requirePermission(staff!.role, row.permission);

    if (row.allowed) expect(check).not.toThrow();
    else expect(check).toThrow(new AppError('forbidden'));
  });

  it('GET /api/v1/* – without a token is 401 with the one error body', async () => {
    const response = await routes.get('referral.read')!(
      new Request(`${ORIGIN}/api/v1/check`, { headers: { 'x-request-id': 'r-1' } }),
    );

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to continue.', requestId: 'r-1' },
    });
  });
});
