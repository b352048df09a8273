import 'server-only';

import type { QueryResultRow } from 'pg';

import { getPool } from '@/lib/db/pool';

/**
 * Calls the auth.* SECURITY DEFINER functions before any practice is known (sign-in,
 * cookie lookup, key exchange). Only a tagged template is accepted, so every value is
 * a bind parameter; the app role's policies admit nothing here, the functions do.
 */
export async function authQuery<T extends QueryResultRow>(
  strings: TemplateStringsArray,
  ...values: unknown[]
): Promise<T[]> {
  const text = strings.reduce((sql, part, i) => (i === 0 ? part : `${sql}$${i}${part}`), '');
  const result = await getPool().query<T>(text, values);

  return result.rows;
}
