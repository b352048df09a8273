import { z } from 'zod';

/** Send the written draft (reportId) or an uploaded document (documentId) as the report. */
export const sendReportSchema = z.union([
  z.strictObject({ referralId: z.uuid(), reportId: z.uuid() }),
  z.strictObject({
    referralId: z.uuid(),
    documentId: z.uuid(),
    kind: z.enum(['consult', 'discharge']).default('consult'),
  }),
]);
export type SendReportInput = z.input<typeof sendReportSchema>;
