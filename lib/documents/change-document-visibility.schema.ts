import { z } from 'zod';

import { VISIBILITIES } from './document-view';

export const changeDocumentVisibilitySchema = z.strictObject({
  visibility: z.enum(VISIBILITIES),
});
export type ChangeDocumentVisibilityInput = z.infer<typeof changeDocumentVisibilitySchema>;
