import { z } from 'zod';

import { DOCUMENT_KINDS, VISIBILITIES } from './document-view';

/** Metadata that accompanies an upload (query string or form fields). */
export const uploadMetadataSchema = z.strictObject({
  filename: z.string().max(1000).optional(),
  visibility: z.enum(VISIBILITIES).default('internal'),
  kind: z.enum(DOCUMENT_KINDS).default('record'),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;
