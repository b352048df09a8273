import 'server-only';

import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';

import type { Permission } from '@/lib/auth/permissions';
import { requireStaff } from '@/lib/auth/require-staff';
import type { StaffContext } from '@/lib/auth/staff-context';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { logger } from '@/lib/log/logger';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import { toAppError, type ErrorCode, type FieldIssue } from './errors';
import { parseForm } from './parse';

export type ActionState<R> =
  | { status: 'idle' }
  | { status: 'ok'; data: R }
  | { status: 'error'; code: ErrorCode; message: string; fields?: FieldIssue[] };

/**
 * Wraps a server action for useActionState: signs in (redirects to /sign-in if not),
 * checks the one permission, spends one of the session's writes (api_write), validates
 * the form with the schema, runs `fn` in the practice's transaction and turns any error
 * into a safe state. Next's redirect() and notFound() pass through.
 */
export function staffAction<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  fn: (ctx: StaffContext, input: z.infer<S>, db: PracticeDb) => Promise<R>,
) {
  return async (_prev: ActionState<R>, formData: FormData): Promise<ActionState<R>> => {
    let requestId = 'unknown';
    try {
      const ctx = await requireStaff(permission);
      requestId = ctx.request.requestId;
      // The same budget as the session's API writes: an action is a write by another door.
      await requireWithinLimit('api_write', ctx.sessionId);
      const input = parseForm(formData, schema);
      const data = await withPractice(ctx.practiceId, (db) => fn(ctx, input, db), {
        userId: ctx.userId,
      });

      return { status: 'ok', data };
    } catch (error) {
      unstable_rethrow(error);

      return toActionError(error, requestId);
    }
  };
}

export function toActionError(error: unknown, requestId: string): ActionState<never> {
  const appError = toAppError(error);
  if (appError.code === 'internal') {
    logger.error({ err: error, requestId }, 'unhandled error in server action');
  }

  return {
    status: 'error',
    code: appError.code,
    message: appError.publicMessage,
    ...(appError.details.fields ? { fields: appError.details.fields } : {}),
  };
}
