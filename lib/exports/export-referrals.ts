import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import { withPractice } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';

import { csvRow } from './csv';
import { exportReferralsSchema, type ExportFormat } from './export-referrals.schema';
import {
  loadReferralBatch,
  REFERRAL_COLUMNS,
  type Cursor,
  type ExportedReferral,
} from './referral-batches';

export interface ReferralExport {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * The practice's referrals with their status history, as CSV (one row per referral, the
 * history in its last column) or JSON, streamed page by page. The export is audited as
 * data.exported before the first byte leaves. Pages are separate transactions, so a
 * referral changed mid-download may appear as of either moment.
 *
 * Must be called outside withPractice(): the stream outlives any one transaction.
 */
export async function exportReferrals(
  ctx: PracticeContext,
  raw: { format: string },
): Promise<ReferralExport> {
  const { format } = parseInput(exportReferralsSchema, raw);
  await withPractice(ctx.practiceId, async (db) => {
    const count = await db.referral.count({ where: { practiceId: ctx.practiceId } });
    await recordAuditEvent(db, ctx, {
      action: 'data.exported',
      entityType: 'practice',
      entityId: ctx.practiceId,
      metadata: { dataset: 'referrals', format, referrals: count },
    });
  });
  const stamp = new Date().toISOString().slice(0, 10);

  return {
    filename: `referrals-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    body: streamOf(ctx.practiceId, format),
  };
}

function streamOf(practiceId: string, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  let first = true;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(format === 'csv' ? csvHeader() : '{"referrals":['));

        return;
      }
      const { rows, next } = await loadReferralBatch(practiceId, cursor);
      const text = rows
        .map((row) => {
          const piece =
            format === 'csv' ? csvLine(row) : `${first ? '' : ','}${JSON.stringify(row)}`;
          first = false;

          return piece;
        })
        .join('');
      if (text) controller.enqueue(encoder.encode(text));
      cursor = next;
      if (!next) {
        if (format === 'json') controller.enqueue(encoder.encode(']}\n'));
        controller.close();
      }
    },
  });
}

function csvHeader(): string {
  return csvRow([...REFERRAL_COLUMNS, 'statusHistory']);
}

function csvLine(row: ExportedReferral): string {
  const history = row.statusHistory
    .map((h) => `${h.at} ${h.from ?? '-'} > ${h.to} (${h.actorType})${h.note ? `: ${h.note}` : ''}`)
    .join(' | ');

  return csvRow([...REFERRAL_COLUMNS.map((c) => row[c]), history]);
}
