import { z } from 'zod';

import { auditFiltersSchema } from './list-events.schema';

export const exportEventsSchema = auditFiltersSchema.extend({
  format: z.enum(['csv', 'json']).default('csv'),
});

export type ExportEventsInput = z.infer<typeof exportEventsSchema>;
