import { createHash } from 'node:crypto';

/**
 * The text forms of an audit event's columns, exactly as CANONICAL_SELECT reads them
 * (null where the column is NULL). See 0003_audit.sql for the canonical form, which
 * the insert trigger builds in SQL and this module rebuilds independently, so that
 * audit:verify does not have to trust code stored in the database it checks.
 */
export interface CanonicalFields {
  practiceId: string;
  seq: string;
  id: string;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  sessionId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: string | null;
  metadata: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
}

/** The select list that yields CanonicalFields (plus the stored hash, hex) in this order. */
export const CANONICAL_SELECT = `practice_id::text, seq::text, id::text,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  actor_type, actor_id::text, actor_label, session_id::text, action, entity_type, entity_id,
  changes::text, metadata::text, request_id, ip::text, user_agent, encode(prev_hash, 'hex'),
  encode(hash, 'hex')`;

export const CANONICAL_VERSION = 'vetloop-audit-v1';

const ORDER: (keyof CanonicalFields)[] = [
  'practiceId',
  'seq',
  'id',
  'createdAt',
  'actorType',
  'actorId',
  'actorLabel',
  'sessionId',
  'action',
  'entityType',
  'entityId',
  'changes',
  'metadata',
  'requestId',
  'ip',
  'userAgent',
  'prevHash',
];

function netstring(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

export function canonicalEvent(fields: CanonicalFields): string {
  return CANONICAL_VERSION + ORDER.map((key) => netstring(fields[key])).join('');
}

/** sha256 of the canonical form, hex. */
export function hashEvent(fields: CanonicalFields): string {
  return createHash('sha256').update(canonicalEvent(fields), 'utf8').digest('hex');
}

/** Builds CanonicalFields from a row read with CANONICAL_SELECT in array mode. */
export function fieldsFromRow(row: (string | null)[]): {
  fields: CanonicalFields;
  hash: string | null;
} {
  const fields = Object.fromEntries(ORDER.map((key, i) => [key, row[i] ?? null]));

  return { fields: fields as unknown as CanonicalFields, hash: row[ORDER.length] ?? null };
}
