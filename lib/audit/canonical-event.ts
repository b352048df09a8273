import { createHash } from 'node:crypto';

/**
 * The canonical form of an audit event, version 1, which its hash covers. It is
 * specified in 0003_audit.sql, where the insert trigger builds it; this module builds
 * the same bytes on its own, in Node (canonicalEvent) and as SQL made only of Postgres
 * built-ins (CANONICAL_SQL), so that audit:verify trusts no function stored in the
 * database it checks.
 *
 * 'vetloop-audit-v1', then each field below in order: '~' when NULL, otherwise
 * <UTF-8 byte length> ':' <text> ',' (a netstring), using these text forms.
 */
const FIELDS = [
  ['practiceId', 'e.practice_id::text'],
  ['seq', 'e.seq::text'],
  ['id', 'e.id::text'],
  ['createdAt', `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`],
  ['actorType', 'e.actor_type'],
  ['actorId', 'e.actor_id::text'],
  ['actorLabel', 'e.actor_label'],
  ['sessionId', 'e.session_id::text'],
  ['action', 'e.action'],
  ['entityType', 'e.entity_type'],
  ['entityId', 'e.entity_id'],
  ['changes', 'e.changes::text'],
  ['metadata', 'e.metadata::text'],
  ['requestId', 'e.request_id'],
  ['ip', 'e.ip::text'],
  ['userAgent', 'e.user_agent'],
  ['prevHash', `encode(e.prev_hash, 'hex')`],
] as const;

export type CanonicalFields = { [K in (typeof FIELDS)[number][0]]: string | null };

export const CANONICAL_VERSION = 'vetloop-audit-v1';

/** The text forms of CanonicalFields, in order, for a row of audit_events aliased `e`. */
export const CANONICAL_SELECT = FIELDS.map(([, sql]) => sql).join(', ');

/**
 * The text forms as columns f0..f16 of a LATERAL subquery `t` over audit_events `e`.
 * OFFSET 0 keeps Postgres from folding it into the outer query, so each text form is
 * computed once although its netstring reads it twice (a fifth less CPU for verify).
 */
export const CANONICAL_LATERAL = `LATERAL (SELECT ${FIELDS.map(
  ([, sql], i) => `${sql} AS f${i}`,
).join(', ')} OFFSET 0) AS t`;

/**
 * The canonical form as one SQL text expression over CANONICAL_LATERAL's `t`. NULL
 * swallows a whole `||` chain, which coalesce turns into '~'. octet_length counts UTF-8
 * bytes only in a UTF8 database, which verify checks before using this.
 */
export const CANONICAL_SQL =
  `'${CANONICAL_VERSION}' || ` +
  FIELDS.map((_, i) => `coalesce(octet_length(t.f${i})::text || ':' || t.f${i} || ',', '~')`).join(
    ' || ',
  );

function netstring(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

export function canonicalEvent(fields: CanonicalFields): string {
  return CANONICAL_VERSION + FIELDS.map(([key]) => netstring(fields[key])).join('');
}

/** sha256 of the canonical form, hex. */
export function hashEvent(fields: CanonicalFields): string {
  return createHash('sha256').update(canonicalEvent(fields), 'utf8').digest('hex');
}

/** CanonicalFields from a row read with CANONICAL_SELECT in pg's array row mode. */
export function fieldsFromRow(row: (string | null)[]): CanonicalFields {
  const entries = FIELDS.map(([key], i) => [key, row[i] ?? null] as const);

  return Object.fromEntries(entries) as CanonicalFields;
}
