import type { PracticeContext } from '@/lib/auth/actor';
import { can, type Permission, type Role } from '@/lib/auth/permissions';
import { AppError } from '@/lib/http/errors';

/**
 * What the workflow operations act with. Staff and API callers carry a role (the
 * wrapper has already checked one permission; some operations need a finer one, such
 * as the permission of a particular transition) and API keys may be narrowed further by
 * scopes. Guests (the referring vet's link) and the system (seed, workers) carry none
 * and are limited by the operation itself.
 */
export type WorkflowContext = PracticeContext & {
  role?: Role | null;
  scopes?: readonly Permission[] | null;
  /** The person's display name, for message authors; falls back to the actor label. */
  userName?: string;
};

/** Throws forbidden unless a staff or API caller holds `permission`; system callers pass. */
export function requireRolePermission(ctx: WorkflowContext, permission: Permission): void {
  if (ctx.actor.type === 'system') return;
  if (ctx.actor.type === 'guest' || !ctx.role || !can(ctx.role, permission)) {
    throw new AppError('forbidden');
  }
  if (ctx.scopes && !ctx.scopes.includes(permission)) throw new AppError('forbidden');
}

/** Whether the caller may take a step, for showing only the actions a role allows. */
export function holdsPermission(ctx: WorkflowContext, permission: Permission): boolean {
  try {
    requireRolePermission(ctx, permission);

    return true;
  } catch {
    return false;
  }
}
