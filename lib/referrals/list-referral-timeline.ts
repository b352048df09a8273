import 'server-only';

import { can } from '@/lib/auth/permissions';
import type { FieldChanges } from '@/lib/audit/diff-fields';
import type { PracticeDb } from '@/lib/db/with-practice';
import { Prisma } from '@/lib/generated/prisma/client';

import { findReferralOrThrow } from './find-referral';
import type { WorkflowContext } from './workflow-context';

export type TimelineEntry =
  | {
      kind: 'status';
      id: string;
      at: Date;
      actor: string;
      from: string | null;
      to: string;
      note: string | null;
    }
  | {
      kind: 'edit';
      id: string;
      at: Date;
      actor: string;
      action: string;
      changes: FieldChanges | null;
      fields: string[];
    }
  | { kind: 'view'; id: string; at: Date; actor: string; action: string; count: number }
  | { kind: 'message'; id: string; at: Date; actor: string; visibility: string; body: string }
  | { kind: 'document'; id: string; at: Date; actor: string; filename: string; visibility: string };

const PER_SOURCE = 200;

/**
 * One timeline of everything that happened to a referral: status changes, edits and
 * assignments, messages and notes, documents, and who opened it. Field values of edits
 * are shown only to those who may read the audit trail; others see which fields changed.
 */
export async function listReferralTimeline(
  db: PracticeDb,
  ctx: WorkflowContext,
  referralId: string,
) {
  const referral = await findReferralOrThrow(db, ctx, referralId);
  const showValues = !!ctx.role && can(ctx.role, 'audit.read');
  const staff = ctx.actor.type !== 'guest';

  const [statuses, events, messages, documents] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        at: Date;
        actor: string;
        from: string | null;
        to: string;
        note: string | null;
      }[]
    >`
      SELECT h.id, h.created_at AS at, h.from_status AS "from", h.to_status AS "to", h.note,
        ${actorName()} AS actor
      FROM referral_status_history h LEFT JOIN users u ON h.actor_type = 'user' AND u.id = h.actor_id
      WHERE h.practice_id = ${ctx.practiceId}::uuid AND h.referral_id = ${referral.id}::uuid
      ORDER BY h.created_at DESC LIMIT ${PER_SOURCE}`,
    db.$queryRaw<
      { id: string; at: Date; actor: string | null; action: string; changes: FieldChanges | null }[]
    >`
      SELECT e.id, e.created_at AS at, coalesce(u.name, e.actor_label) AS actor, e.action, e.changes
      FROM audit_events e LEFT JOIN users u ON e.actor_type = 'user' AND u.id = e.actor_id
      WHERE e.practice_id = ${ctx.practiceId}::uuid
        AND ((e.entity_type IN ('referral', 'message_thread') AND e.entity_id = ${referral.id})
          OR (e.entity_type = 'document' AND e.entity_id IN (
            SELECT d.id::text FROM documents d
            WHERE d.practice_id = ${ctx.practiceId}::uuid AND d.referral_id = ${referral.id}::uuid)))
        AND e.action NOT IN ('referral.status_changed', 'referral.created')
      ORDER BY e.seq DESC LIMIT ${PER_SOURCE}`,
    db.message.findMany({
      where: {
        practiceId: ctx.practiceId,
        referralId: referral.id,
        ...(staff ? {} : { visibility: 'shared' }),
      },
      orderBy: { createdAt: 'desc' },
      take: PER_SOURCE,
    }),
    db.document.findMany({
      where: {
        practiceId: ctx.practiceId,
        referralId: referral.id,
        ...(staff ? {} : { visibility: 'shared' }),
      },
      select: { id: true, createdAt: true, filename: true, visibility: true, uploadedByType: true },
      orderBy: { createdAt: 'desc' },
      take: PER_SOURCE,
    }),
  ]);

  const entries: TimelineEntry[] = [
    ...statuses.map((s) => ({ kind: 'status' as const, ...s })),
    ...events.map((e) => eventEntry(e, showValues)),
    ...messages.map((m) => ({
      kind: 'message' as const,
      id: m.id,
      at: m.createdAt,
      actor: m.authorName,
      visibility: m.visibility,
      body: m.body,
    })),
    ...documents.map((d) => ({
      kind: 'document' as const,
      id: d.id,
      at: d.createdAt,
      actor: d.uploadedByType === 'guest' ? 'Referring vet' : 'Staff',
      filename: d.filename,
      visibility: d.visibility,
    })),
  ];

  return foldViews(entries.sort((a, b) => b.at.getTime() - a.at.getTime()));
}

const FOLD_WINDOW_MS = 30 * 60_000;

/**
 * Every page load records a view (the trail keeps them all); the timeline folds a run of
 * one person's views within half an hour into one line with a count, so it stays readable.
 */
function foldViews(entries: TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const entry of entries) {
    const last = out[out.length - 1];
    if (
      entry.kind === 'view' &&
      last?.kind === 'view' &&
      !entry.action.startsWith('document.') &&
      !last.action.startsWith('document.') &&
      last.actor === entry.actor &&
      last.at.getTime() - entry.at.getTime() < FOLD_WINDOW_MS
    ) {
      if (entry.action === 'referral.viewed') last.count += 1;
      continue;
    }
    out.push(
      entry.kind === 'view'
        ? { ...entry, count: entry.action === 'referral.viewed' ? 1 : 0 }
        : entry,
    );
  }

  return out;
}

function eventEntry(
  e: { id: string; at: Date; actor: string | null; action: string; changes: FieldChanges | null },
  showValues: boolean,
): TimelineEntry {
  const actor = e.actor ?? 'System';
  if (e.action.endsWith('.viewed') || e.action.endsWith('.downloaded')) {
    return { kind: 'view', id: e.id, at: e.at, actor, action: e.action, count: 1 };
  }

  return {
    kind: 'edit',
    id: e.id,
    at: e.at,
    actor,
    action: e.action,
    changes: showValues ? e.changes : null,
    fields: Object.keys(e.changes ?? {}),
  };
}

function actorName(): Prisma.Sql {
  return Prisma.sql`CASE h.actor_type WHEN 'user' THEN coalesce(u.name, 'Former staff member')
    WHEN 'guest' THEN 'Referring vet' WHEN 'api_key' THEN 'API key' ELSE 'System' END`;
}
