import 'server-only';

import { Readable } from 'node:stream';

import { actorId } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { createDocument } from '@/lib/documents/create-document';
import type { DocumentDeps } from '@/lib/documents/deps';
import { discardStoredBody, storeDocumentBody } from '@/lib/documents/store-document-body';
import { AppError, notFound } from '@/lib/http/errors';
import { issuesToFields } from '@/lib/http/parse';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import { requireRolePermission, type WorkflowContext } from '@/lib/referrals/workflow-context';

import { renderReport } from './render-report';
import { REPORT_SELECT, type ReportView } from './report-view';
import { sendReportSchema, type SendReportInput } from './send-report.schema';

/**
 * Shares the report with the referring vet and moves the referral to Report sent (which
 * enqueues their email), all in the caller's transaction. A written draft is rendered to
 * text and sealed like any document; an uploaded one is marked as the report and shared.
 */
export async function sendReport(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: SendReportInput,
  deps?: DocumentDeps,
): Promise<ReportView> {
  const parsed = sendReportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('validation_failed', undefined, { fields: issuesToFields(parsed.error) });
  }
  requireRolePermission(ctx, 'report.write');
  const input = parsed.data;

  // The status change goes first: if the referral is not ready, nothing is sealed or stored.
  await changeReferralStatus(db, ctx, { referralId: input.referralId, action: 'send_report' });
  const report =
    'reportId' in input
      ? await sendWrittenReport(db, ctx, input, deps)
      : await sendUploadedReport(db, ctx, input);
  await recordAuditEvent(db, ctx, {
    action: 'report.sent',
    entityType: 'report',
    entityId: report.id,
    metadata: { referralId: input.referralId, documentId: report.documentId, kind: report.kind },
  });

  return report;
}

async function sendWrittenReport(
  db: PracticeDb,
  ctx: WorkflowContext,
  input: { referralId: string; reportId: string },
  deps?: DocumentDeps,
): Promise<ReportView> {
  const draft = await db.report.findFirst({
    where: { practiceId: ctx.practiceId, id: input.reportId, referralId: input.referralId },
    select: REPORT_SELECT,
  });
  if (!draft) throw notFound();
  if (draft.status !== 'draft') throw new AppError('conflict', 'This report was already sent.');
  if (!draft.findings.trim() && !draft.diagnosis.trim()) {
    throw new AppError('validation_failed', 'Write the findings or the diagnosis first.', {
      fields: [{ path: 'findings', message: 'Write the findings or the diagnosis first' }],
    });
  }

  const sentAt = new Date();
  const heading = await headingFor(db, ctx, input.referralId, sentAt);
  const text = renderReport(draft, heading);
  const stored = await storeDocumentBody(
    ctx.practiceId,
    Readable.from([Buffer.from(text)]),
    {},
    deps,
  );
  try {
    const document = await createDocument(db, ctx, {
      referralId: input.referralId,
      filename: `${draft.kind === 'discharge' ? 'Discharge' : 'Consult'} report ${heading.reference}.txt`,
      visibility: 'shared',
      kind: 'report',
      stored,
    });

    return await db.report.update({
      where: { practiceId_id: { practiceId: ctx.practiceId, id: draft.id } },
      data: { status: 'sent', documentId: document.id, sentAt, ...by(ctx) },
      select: REPORT_SELECT,
    });
  } catch (error) {
    // Best effort: a rollback after this point (a later step failing) leaves an orphan blob.
    await discardStoredBody(stored, deps);
    throw error;
  }
}

async function sendUploadedReport(
  db: PracticeDb,
  ctx: WorkflowContext,
  input: { referralId: string; documentId: string; kind: 'consult' | 'discharge' },
): Promise<ReportView> {
  const document = await db.document.findFirst({
    where: { practiceId: ctx.practiceId, id: input.documentId, referralId: input.referralId },
    select: { id: true, visibility: true, kind: true },
  });
  if (!document) throw notFound();
  await db.document.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: document.id } },
    data: { kind: 'report', visibility: 'shared' },
  });
  if (document.visibility !== 'shared' || document.kind !== 'report') {
    await recordAuditEvent(db, ctx, {
      action: 'document.visibility_changed',
      entityType: 'document',
      entityId: document.id,
      changes: {
        ...(document.visibility !== 'shared'
          ? { visibility: { from: document.visibility, to: 'shared' } }
          : {}),
        ...(document.kind !== 'report' ? { kind: { from: document.kind, to: 'report' } } : {}),
      },
      metadata: { referralId: input.referralId },
    });
  }

  return db.report.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: input.referralId,
      kind: input.kind,
      status: 'sent',
      documentId: document.id,
      sentAt: new Date(),
      ...by(ctx),
    },
    select: REPORT_SELECT,
  });
}

function by(ctx: WorkflowContext) {
  return { updatedByType: ctx.actor.type, updatedById: actorId(ctx.actor) };
}

async function headingFor(db: PracticeDb, ctx: WorkflowContext, referralId: string, sentAt: Date) {
  const referral = await db.referral.findFirst({
    where: { practiceId: ctx.practiceId, id: referralId },
    select: {
      reference: true,
      patientName: true,
      species: true,
      referringVet: { select: { name: true } },
      practice: { select: { name: true } },
    },
  });
  if (!referral) throw notFound();

  return {
    practiceName: referral.practice.name,
    reference: referral.reference,
    patientName: referral.patientName,
    species: referral.species,
    referringVetName: referral.referringVet.name,
    authorLabel: ctx.userName ?? ctx.actor.label,
    sentAt,
  };
}
