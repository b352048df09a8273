import 'server-only';

import { actorId, type PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { parseInput } from '@/lib/referrals/parse-input';

import { rotateIntakeLinkSchema, type RotateIntakeLinkInput } from './rotate-intake-link.schema';
import { newLinkToken } from './tokens';

/**
 * Issues the practice's public intake link (or one service's), revoking the one it
 * replaces: the old URL stops working at once. The new URL is returned once; only its
 * hash is kept, so a lost URL is replaced by rotating again.
 */
export async function rotateIntakeLink(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: RotateIntakeLinkInput = {},
): Promise<{ linkId: string; intakeUrl: string; service: string | null }> {
  const input = parseInput(rotateIntakeLinkSchema, raw);
  const service = input.service ?? null;
  const revoked = await db.intakeLink.updateMany({
    where: { practiceId: ctx.practiceId, service, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const { token, hash } = newLinkToken();
  const link = await db.intakeLink.create({
    data: {
      practiceId: ctx.practiceId,
      tokenHash: new Uint8Array(hash),
      service,
      createdBy: ctx.actor.type === 'user' ? actorId(ctx.actor) : null,
    },
  });
  await recordAuditEvent(db, ctx, {
    action: revoked.count > 0 ? 'intake_link.rotated' : 'intake_link.created',
    entityType: 'intake_link',
    entityId: link.id,
    metadata: { service, revokedCount: revoked.count },
  });

  return { linkId: link.id, intakeUrl: intakeUrl(token), service };
}

export function intakeUrl(token: string): string {
  return new URL(`/intake/${token}`, getEnv().APP_ORIGIN).toString();
}

/** The practice's live intake links (without their URLs, which are not kept). */
export async function listIntakeLinks(db: PracticeDb, ctx: PracticeContext) {
  return db.intakeLink.findMany({
    where: { practiceId: ctx.practiceId, revokedAt: null },
    select: { id: true, service: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  });
}
