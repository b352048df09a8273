import 'server-only';

import { actorId, type PracticeContext } from '@/lib/auth/actor';
import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { requireReferral } from '@/lib/documents/create-document';
import { AppError } from '@/lib/http/errors';
import { issuesToFields } from '@/lib/http/parse';

import { REPORT_SELECT, REPORT_SENSITIVE_FIELDS, type ReportView } from './report-view';
import { saveReportDraftSchema, type SaveReportDraftInput } from './save-report-draft.schema';

const SECTIONS = ['findings', 'diagnosis', 'treatment', 'recommendations'] as const;

/** Creates or updates the referral's open draft of this kind; audited without the text. */
export async function saveReportDraft(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: SaveReportDraftInput,
): Promise<ReportView> {
  const input = parse(raw);
  const referral = await requireReferral(db, ctx, input.referralId);
  const sections = Object.fromEntries(SECTIONS.map((k) => [k, input[k]])) as Record<
    (typeof SECTIONS)[number],
    string
  >;
  const by = { updatedByType: ctx.actor.type, updatedById: actorId(ctx.actor) };
  const before = await db.report.findFirst({
    where: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      kind: input.kind,
      status: 'draft',
    },
    select: REPORT_SELECT,
  });

  const after = before
    ? await db.report.update({
        where: { practiceId_id: { practiceId: ctx.practiceId, id: before.id } },
        data: { ...sections, ...by },
        select: REPORT_SELECT,
      })
    : await db.report.create({
        data: {
          practiceId: ctx.practiceId,
          referralId: referral.id,
          kind: input.kind,
          ...sections,
          ...by,
        },
        select: REPORT_SELECT,
      });
  await recordAuditEvent(db, ctx, {
    action: before ? 'report.draft_updated' : 'report.draft_created',
    entityType: 'report',
    entityId: after.id,
    changes: diffFields(before ? pickSections(before) : {}, pickSections(after), {
      sensitive: REPORT_SENSITIVE_FIELDS,
    }),
    metadata: { referralId: referral.id, kind: after.kind },
  });

  return after;
}

function pickSections(report: ReportView): Record<string, unknown> {
  return Object.fromEntries(SECTIONS.map((k) => [k, report[k]]));
}

function parse(raw: SaveReportDraftInput) {
  const result = saveReportDraftSchema.safeParse(raw);
  if (!result.success) {
    throw new AppError('validation_failed', undefined, { fields: issuesToFields(result.error) });
  }

  return result.data;
}
