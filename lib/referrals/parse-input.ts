import type { z } from 'zod';

import { AppError } from '@/lib/http/errors';

/**
 * Operations parse their own input even when a wrapper already did, because the seed
 * and other domains call them directly. Zod's issues become the one validation error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('validation_failed', undefined, {
      fields: result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }

  return result.data;
}
