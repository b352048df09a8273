import 'server-only';

import { randomBytes } from 'node:crypto';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { createApiKeySchema, type CreateApiKeyInput } from './create-api-key.schema';
import { can, PERMISSIONS, ROLES, type Permission } from './permissions';
import type { StaffContext } from './staff-context';
import { sha256 } from './tokens';

export interface CreatedApiKey {
  id: string;
  name: string;
  role: string;
  scopes: Permission[];
  expiresAt: Date;
  /** Shown once, never stored: only its SHA-256 is kept. */
  secret: string;
}

/**
 * Creates an API key for the practice. A key can never do more than its creator: its
 * role ranks no higher than theirs and its scopes are within that role.
 */
export async function createApiKey(
  db: PracticeDb,
  ctx: StaffContext,
  raw: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const input = createApiKeySchema.parse(raw);
  if (ROLES.indexOf(input.role) < ROLES.indexOf(ctx.role)) {
    throw new AppError('forbidden', 'A key cannot have a higher role than yours.');
  }
  const allowed = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(input.role, p));
  const scopes = input.scopes ?? allowed;
  if (scopes.some((s) => !allowed.includes(s))) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'scopes', message: 'Some scopes are beyond the key’s role.' }],
    });
  }

  const prefix = randomBytes(4).toString('hex');
  const secret = `vlk_${prefix}_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const key = await db.apiKey.create({
    data: {
      practiceId: ctx.practiceId,
      name: input.name,
      prefix,
      secretHash: new Uint8Array(sha256(secret)),
      role: input.role,
      scopes,
      createdBy: ctx.userId,
      expiresAt,
    },
    select: { id: true },
  });
  await recordAuditEvent(db, ctx, {
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: key.id,
    metadata: {
      name: input.name,
      role: input.role,
      scopes,
      prefix,
      expiresAt: expiresAt.toISOString(),
    },
  });

  return { id: key.id, name: input.name, role: input.role, scopes, expiresAt, secret };
}
