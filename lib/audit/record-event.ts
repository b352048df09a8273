import 'server-only';

import { isIP } from 'node:net';

import type { PracticeContext } from '@/lib/auth/actor';
import { currentPracticeId, type PracticeDb } from '@/lib/db/with-practice';
import { logger } from '@/lib/log/logger';

import { isSecretField, toAuditValue, type FieldChanges } from './diff-fields';

export type { FieldChanges } from './diff-fields';

export interface AuditEventInput {
  /** Dotted lower snake: `referral.status_changed`, `document.downloaded`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** From diffFields(), which already dropped secrets and redacted sensitive fields. */
  changes?: FieldChanges | null;
  /** Small facts about the event; never patient details or secrets (dropped here). */
  metadata?: Record<string, unknown> | null;
}

const ACTION_PART = /^[a-z_]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Metadata keys that would put patient or owner details into the trail. Compared with
// separators removed and lower-cased, so patient_name and patientName both match.
const PERSONAL_KEYS = new Set([
  'patientname',
  'ownername',
  'owneremail',
  'ownerphone',
  'dateofbirth',
  'reason',
  'history',
  'medications',
  'body',
  'message',
  'note',
  'email',
  'phone',
  'address',
]);

/**
 * Appends one event to the practice's audit trail inside the caller's transaction, so
 * the change and its record commit together or not at all. The database assigns seq,
 * created_at and the hash chain (0003_audit.sql); nothing here can set them.
 */
export async function recordAuditEvent(
  db: PracticeDb,
  ctx: PracticeContext,
  event: AuditEventInput,
): Promise<void> {
  requireValidEvent(ctx, event);
  const actor = actorColumns(ctx);
  const changes = event.changes ? JSON.stringify(event.changes) : null;
  const metadata = cleanMetadata(event.metadata);

  await db.$executeRaw`
    INSERT INTO audit_events (practice_id, actor_type, actor_id, actor_label, action,
      entity_type, entity_id, changes, metadata, request_id, ip, user_agent, session_id)
    VALUES (${ctx.practiceId}::uuid, ${ctx.actor.type}, ${actor.id}::uuid, ${actor.label},
      ${event.action}, ${event.entityType}, ${event.entityId ?? null}, ${changes}::jsonb,
      ${metadata}::jsonb, ${clip(ctx.request.requestId, 100)}, ${cleanIp(ctx.request.ip)}::inet,
      ${clip(ctx.request.userAgent, 512)}, ${actor.sessionId}::uuid)`;
}

function requireValidEvent(ctx: PracticeContext, event: AuditEventInput): void {
  // These are programming errors: fail loudly so the caller's transaction rolls back.
  if (!isAction(event.action)) {
    throw new Error(`recordAuditEvent: action "${event.action}" is not dotted lower snake`);
  }
  if (event.entityType.length === 0 || event.entityType.length > 60) {
    throw new Error('recordAuditEvent: entityType must be 1-60 characters');
  }
  if (event.entityId && event.entityId.length > 100) {
    throw new Error('recordAuditEvent: entityId is longer than 100 characters');
  }
  const scoped = currentPracticeId();
  if (scoped !== undefined && scoped !== ctx.practiceId) {
    throw new Error('recordAuditEvent: ctx.practiceId is not the practice of this transaction');
  }
}

/** Dotted lower snake with at least two parts, as the column's CHECK demands. */
function isAction(action: string): boolean {
  const parts = action.split('.');

  return parts.length >= 2 && parts.every((part) => ACTION_PART.test(part));
}

function actorColumns(ctx: PracticeContext) {
  const actor = ctx.actor;
  const label = clip(actor.label, 254);
  switch (actor.type) {
    case 'user':
      return { id: uuidOrThrow(actor.userId), sessionId: uuidOrThrow(actor.sessionId), label };
    case 'api_key':
      return { id: uuidOrThrow(actor.apiKeyId), sessionId: null, label };
    case 'guest':
      return { id: uuidOrThrow(actor.linkId), sessionId: null, label };
    case 'system':
      return { id: null, sessionId: null, label };
  }
}

function uuidOrThrow(value: string): string {
  if (!UUID.test(value)) throw new Error('recordAuditEvent: actor ids must be UUIDs');

  return value;
}

function clip(value: string | null | undefined, max: number): string | null {
  return value ? value.slice(0, max) : null;
}

/** The request IP only if Postgres's inet will take it; a bad one must not abort the write. */
function cleanIp(ip: string | null): string | null {
  if (!ip) return null;
  const bare = ip.replace(/%.*$/, '');

  return isIP(bare) ? bare : null;
}

function cleanMetadata(metadata: Record<string, unknown> | null | undefined): string | null {
  if (!metadata) return null;
  const dropped: string[] = [];
  const clean = stripKeys(toAuditValue(metadata), dropped);
  if (dropped.length > 0) {
    logger.warn({ droppedKeys: dropped }, 'audit metadata keys dropped (personal or secret)');
  }

  return JSON.stringify(clean);
}

function stripKeys(value: unknown, dropped: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => stripKeys(v, dropped));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretField(key) || PERSONAL_KEYS.has(key.replace(/[^a-z0-9]/gi, '').toLowerCase())) {
      dropped.push(key);
      continue;
    }
    out[key] = stripKeys(v, dropped);
  }

  return out;
}
