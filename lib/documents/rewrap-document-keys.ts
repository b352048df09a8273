import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import { resolveDeps, type DocumentDeps } from './deps';
import { keyContext, rewrapEnvelope } from './envelope';

const BATCH = 200;

/**
 * After a master key rotation: re-wraps every data key of one practice that is still
 * under an older master key, in batches of one transaction each. File bodies are not
 * touched (their data keys do not change). Safe to re-run; returns how many changed.
 */
export async function rewrapDocumentKeys(
  ctx: PracticeContext,
  deps?: DocumentDeps,
): Promise<number> {
  const { keyring } = resolveDeps(deps);
  const currentKid = keyring.current.kid;
  let total = 0;
  for (;;) {
    const changed = await withPractice(ctx.practiceId, async (db) => {
      const rows = await db.$queryRaw<{ id: string; encryption: unknown }[]>`
        SELECT id, encryption FROM documents
        WHERE practice_id = ${ctx.practiceId}::uuid AND encryption ->> 'kid' <> ${currentKid}
        ORDER BY id LIMIT ${BATCH} FOR UPDATE`;
      for (const row of rows) {
        const next = rewrapEnvelope(row.encryption, keyring, keyContext(ctx.practiceId, row.id));
        if (!next) continue;
        await db.document.update({
          where: { practiceId_id: { practiceId: ctx.practiceId, id: row.id } },
          data: { encryption: next },
        });
      }
      if (rows.length > 0) {
        await recordAuditEvent(db, ctx, {
          action: 'document.keys_rewrapped',
          entityType: 'practice',
          entityId: ctx.practiceId,
          metadata: { count: rows.length, masterKeyId: currentKid },
        });
      }

      return rows.length;
    });
    total += changed;
    if (changed < BATCH) return total;
  }
}
