/** Before and after of every changed field, as stored in audit_events.changes. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export interface DiffOptions {
  /** Recorded as changed, with both values replaced by '[redacted]'. */
  sensitive?: string[];
  /** Never recorded at all, on top of the secret-looking names dropped by default. */
  secret?: string[];
}

export const REDACTED = '[redacted]';

// A field is a secret when the last word of its name is one of these (passwordHash,
// tokenHash, apiKey, totpSecret, storageKey), so ids and timestamps about secrets
// (apiKeyId, passwordChangedAt) are still recorded.
const SECRET_WORDS = new Set([
  'password',
  'passphrase',
  'secret',
  'token',
  'key',
  'apikey',
  'hash',
  'salt',
  'seed',
  'credential',
  'credentials',
  'cookie',
  'encryption',
  'codes',
]);

function lastWord(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

  return words[words.length - 1] ?? '';
}

/** True for names that look like secrets (password_hash, resetToken, apiKey, ...). */
export function isSecretField(name: string, extra: readonly string[] = []): boolean {
  return extra.includes(name) || SECRET_WORDS.has(lastWord(name));
}

/** A JSON-safe form of a column value, so that stored diffs read the same everywhere. */
export function toAuditValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return '[binary]';
  if (Array.isArray(value)) return value.map(toAuditValue);
  if (typeof value === 'object') {
    // Prisma's Decimal and similar value types print themselves faithfully.
    if (!isPlainObject(value)) return String(value);

    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toAuditValue(v)]),
    );
  }

  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);

  return proto === Object.prototype || proto === null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );

    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }

  return value;
}

/**
 * The fields that differ between two versions of a record. A key missing on one side
 * counts as null, so a create is diffFields({}, row) and a delete diffFields(row, {}).
 * Secret fields are dropped entirely; sensitive ones are recorded as changed but both
 * values read '[redacted]'.
 */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  opts: DiffOptions = {},
): FieldChanges {
  const changes: FieldChanges = {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    if (isSecretField(key, opts.secret)) continue;
    const from = toAuditValue(before[key]);
    const to = toAuditValue(after[key]);
    if (sameValue(from, to)) continue;
    changes[key] = opts.sensitive?.includes(key) ? { from: REDACTED, to: REDACTED } : { from, to };
  }

  return changes;
}
