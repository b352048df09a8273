import { z } from 'zod';

import { changeDocumentVisibility } from '@/lib/documents/change-document-visibility';
import { changeDocumentVisibilitySchema } from '@/lib/documents/change-document-visibility.schema';
import { documentResponse } from '@/lib/documents/document-response';
import { openDocumentStream } from '@/lib/documents/open-document-stream';
import { apiRoute } from '@/lib/http/api-route';
import { parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';

type Params = { id: string; docId: string };

const downloadQuerySchema = z.strictObject({
  disposition: z.enum(['inline', 'attachment']).default('attachment'),
});

export const GET = apiRoute<Params>(
  { permission: 'document.read' },
  async ({ req, params, ctx, db }) => {
    const { disposition } = parseQuery(req.url, downloadQuerySchema);

    const opened = await openDocumentStream(db, ctx, params.docId, {
      referralId: params.id,
      purpose: disposition === 'inline' ? 'view' : 'download',
    });

    return documentResponse(opened.document, opened.stream, disposition);
  },
);

export const PATCH = apiRoute<Params>(
  { permission: 'document.upload' },
  async ({ req, params, ctx, db }) => {
    const input = await parseJson(req, changeDocumentVisibilitySchema);

    const document = await changeDocumentVisibility(db, ctx, {
      ...input,
      referralId: params.id,
      documentId: params.docId,
    });

    return json({ data: document });
  },
);
