'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { staffAction } from '@/lib/http/staff-action';
import { saveReportDraft } from '@/lib/reports/save-report-draft';
import { saveReportDraftSchema } from '@/lib/reports/save-report-draft.schema';
import { sendReport } from '@/lib/reports/send-report';

const formSchema = saveReportDraftSchema.extend({ intent: z.enum(['save', 'send']) });

/** Saves the draft; with intent=send, also sends it, in the same transaction. */
export const saveOrSendReport = staffAction('report.write', formSchema, async (ctx, input, db) => {
  const { intent, ...fields } = input;
  const draft = await saveReportDraft(db, ctx, fields);
  if (intent === 'save') return { sent: false, reportId: draft.id };
  const sent = await sendReport(db, ctx, { referralId: fields.referralId, reportId: draft.id });
  revalidatePath(`/referrals/${fields.referralId}`, 'layout');

  return { sent: true, reportId: sent.id };
});

const uploadedSchema = z.strictObject({
  referralId: z.uuid(),
  documentId: z.uuid('Choose a document'),
  kind: z.enum(['consult', 'discharge']).default('consult'),
});

/** Sends a document already uploaded to the referral as the report. */
export const sendUploadedReport = staffAction(
  'report.write',
  uploadedSchema,
  async (ctx, input, db) => {
    const sent = await sendReport(db, ctx, input);

    return { sent: true, reportId: sent.id };
  },
);
