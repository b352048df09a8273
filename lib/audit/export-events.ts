import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import type { PracticeContext } from '@/lib/auth/actor';
import { can, type Role } from '@/lib/auth/permissions';
import { currentPracticeId, withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { issuesToFields } from '@/lib/http/parse';

import { csvHeader, eventToCsv } from './audit-csv';
import { exportEventsSchema } from './export-events.schema';
import type { AuditFilters } from './list-events.schema';
import { AUDIT_EVENT_SELECT, auditWhere, toView, type AuditEventView } from './list-events';
import { recordAuditEvent } from './record-event';

const BATCH = 2_000;

// The body is read after the route's transaction has ended, but a ReadableStream's first
// pull runs in the async context that built it, inside that finished withPractice scope.
// Each batch therefore runs from the context captured here, at module load, where no
// practice scope exists, and opens its own short transaction.
const outsideAnyScope = AsyncLocalStorage.snapshot();

export interface AuditExport {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Exports the filtered audit trail as CSV or JSON, streamed in batches by seq. The export
 * is itself recorded (audit_log.exported) in the caller's transaction, and covers the
 * events up to the chain head at that moment, so the file is one consistent range even
 * while new events arrive.
 */
export async function exportEvents(
  db: PracticeDb,
  ctx: PracticeContext & { role: Role },
  input: unknown,
): Promise<AuditExport> {
  if (!can(ctx.role, 'audit.export')) throw new AppError('forbidden');
  const parsed = exportEventsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', undefined, { fields: issuesToFields(parsed.error) });
  }
  const { format, ...filters } = parsed.data;

  const head = await db.auditChainHead.findUnique({ where: { practiceId: ctx.practiceId } });
  const upToSeq = head?.lastSeq ?? 0n;
  await recordAuditEvent(db, ctx, {
    action: 'audit_log.exported',
    entityType: 'audit_log',
    metadata: { format, filters, upToSeq: upToSeq.toString() },
  });

  const stamp = new Date().toISOString().slice(0, 10);

  return {
    filename: `audit-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    body: exportStream(ctx.practiceId, filters, upToSeq, format),
  };
}

function exportStream(
  practiceId: string,
  filters: AuditFilters,
  upToSeq: bigint,
  format: 'csv' | 'json',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0n;
  let count = 0;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === 'csv' ? csvHeader() : jsonOpening(filters)));
    },
    async pull(controller) {
      const batch = await outsideAnyScope(() => readBatch(practiceId, filters, after, upToSeq));
      const text = batch.map((event) => {
        count += 1;

        return format === 'csv'
          ? eventToCsv(event)
          : `${count > 1 ? ',' : ''}\n${JSON.stringify(event)}`;
      });
      if (text.length > 0) controller.enqueue(encoder.encode(text.join('')));
      if (batch.length < BATCH) {
        if (format === 'json') controller.enqueue(encoder.encode('\n]}\n'));
        controller.close();

        return;
      }
      after = BigInt(batch[batch.length - 1]!.seq);
    },
  });
}

async function readBatch(
  practiceId: string,
  filters: AuditFilters,
  after: bigint,
  upToSeq: bigint,
): Promise<AuditEventView[]> {
  if (currentPracticeId() !== undefined) {
    throw new Error('exportEvents: a batch must not run inside another withPractice scope');
  }
  const rows = await withPractice(practiceId, (db) =>
    db.auditEvent.findMany({
      where: { ...auditWhere(practiceId, filters), seq: { gt: after, lte: upToSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH,
      select: AUDIT_EVENT_SELECT,
    }),
  );

  return rows.map(toView);
}

function jsonOpening(filters: AuditFilters): string {
  return `{"exportedAt":${JSON.stringify(new Date().toISOString())},"filters":${JSON.stringify(filters)},"events":[`;
}
