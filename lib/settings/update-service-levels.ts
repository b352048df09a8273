import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';
import { readSlaTargets } from '@/lib/referrals/service-levels';

import { lockPracticeRow, writePracticeRow } from './settings-store';
import {
  updateServiceLevelsSchema,
  type UpdateServiceLevelsInput,
} from './update-service-levels.schema';

/**
 * The service-level targets behind the inbox's overdue flag, stored where
 * lib/referrals/service-levels.ts reads them (settings.slaTargets).
 */
export async function updateServiceLevels(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: UpdateServiceLevelsInput,
): Promise<{ changed: string[] }> {
  const slaTargets = parseInput(updateServiceLevelsSchema, raw);
  const practice = await lockPracticeRow(db, ctx.practiceId);
  const changes = diffFields({ ...readSlaTargets(practice.raw) }, { ...slaTargets });
  if (Object.keys(changes).length === 0) return { changed: [] };

  await writePracticeRow(db, ctx.practiceId, { settings: { ...practice.raw, slaTargets } });
  await recordAuditEvent(db, ctx, {
    action: 'settings.service_levels_updated',
    entityType: 'practice',
    entityId: ctx.practiceId,
    changes,
  });

  return { changed: Object.keys(changes) };
}
