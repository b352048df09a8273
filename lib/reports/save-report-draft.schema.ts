import { z } from 'zod';

export const REPORT_KINDS = ['consult', 'discharge'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const section = (max: number) =>
  z.string().max(max, `Keep this under ${max} characters`).default('');

export const saveReportDraftSchema = z.strictObject({
  referralId: z.uuid(),
  kind: z.enum(REPORT_KINDS).default('consult'),
  findings: section(20000),
  diagnosis: section(5000),
  treatment: section(20000),
  recommendations: section(20000),
});
export type SaveReportDraftInput = z.input<typeof saveReportDraftSchema>;
