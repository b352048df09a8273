import { AppError } from '@/lib/http/errors';

import type { ListSort } from './list-referrals.schema';

/**
 * An opaque keyset cursor: the sort the page was read with and the last row's sort key.
 * Timestamps travel as Postgres's own text so microseconds survive the round trip.
 */
export interface ReferralCursor {
  sort: ListSort;
  rank: number;
  at: string;
  id: string;
}

export function encodeCursor(cursor: ReferralCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.rank, cursor.at, cursor.id])).toString(
    'base64url',
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Exactly what list-referrals formats: UTC with microseconds.
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/;

export function decodeCursor(value: string, sort: ListSort): ReferralCursor {
  try {
    const [s, rank, at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (s === sort && Number.isInteger(rank) && PG_TIMESTAMP.test(at) && UUID.test(id)) {
      return { sort, rank, at, id };
    }
  } catch {
    // Falls through to the one error below.
  }
  throw new AppError('validation_failed', undefined, {
    fields: [{ path: 'cursor', message: 'Not a cursor from this list; start from the first page' }],
  });
}
