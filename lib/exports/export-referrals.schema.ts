import { z } from 'zod';

export const exportReferralsSchema = z.strictObject({
  format: z.enum(['csv', 'json'], { message: 'Choose CSV or JSON.' }),
});

export type ExportFormat = z.output<typeof exportReferralsSchema>['format'];
