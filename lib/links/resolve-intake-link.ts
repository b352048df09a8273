import 'server-only';

import { authQuery } from '@/lib/auth/auth-db';
import { AppError } from '@/lib/http/errors';

import { hashLinkToken, isWellFormedToken } from './tokens';

export interface IntakeLinkTarget {
  practiceId: string;
  linkId: string;
  service: string | null;
  practiceName: string;
}

/** The practice behind a live intake token; anything else is not_found. */
export async function resolveIntakeLinkOrThrow(token: string): Promise<IntakeLinkTarget> {
  if (!isWellFormedToken(token)) throw new AppError('not_found');
  const rows = await authQuery<{
    practice_id: string;
    link_id: string;
    service: string | null;
    practice_name: string;
  }>`SELECT practice_id, link_id, service, practice_name
       FROM auth.resolve_intake_link(${hashLinkToken(token)})`;
  const row = rows[0];
  if (!row) throw new AppError('not_found');

  return {
    practiceId: row.practice_id,
    linkId: row.link_id,
    service: row.service,
    practiceName: row.practice_name,
  };
}
