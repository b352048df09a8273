import { uploadMetadataSchema } from '@/lib/documents/create-document.schema';
import { listDocuments } from '@/lib/documents/list-documents';
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/inspect-stream';
import { uploadDocument } from '@/lib/documents/upload-document';
import { requireReferral } from '@/lib/documents/create-document';
import { apiRoute, type ApiContext } from '@/lib/http/api-route';
import { AppError } from '@/lib/http/errors';
import { parseQuery } from '@/lib/http/parse';
import { errorResponse, json } from '@/lib/http/respond';

type Params = { id: string };

export const GET = apiRoute<Params>(
  { permission: 'document.read' },
  async ({ params, ctx, db }) => {
    const documents = await listDocuments(db, ctx, { referralId: params.id });

    return json({ data: documents });
  },
);

/**
 * The file is the raw request body; name, visibility and kind ride in the query string.
 * apiRoute does the checks (origin, token, rate limit, permission, referral exists) in a
 * short transaction; the body then streams with no transaction open, and the row is
 * recorded in a second one, so a slow 25 MB upload never holds a database connection.
 */
export async function POST(req: Request, segment: { params: Promise<Params> }): Promise<Response> {
  const gate: { ctx?: ApiContext; referralId?: string } = {};
  const refusal = await apiRoute<Params>(
    { permission: 'document.upload' },
    async ({ params, ctx, db }) => {
      const declared = Number(req.headers.get('content-length') ?? '0');
      if (declared > MAX_DOCUMENT_BYTES)
        throw new AppError('payload_too_large', 'Files can be up to 25 MB.');
      if (!req.body) throw new AppError('bad_request', 'Send the file as the request body.');
      await requireReferral(db, ctx, params.id);
      gate.ctx = ctx;
      gate.referralId = params.id;

      return new Response(null, { status: 204 });
    },
  )(req, segment);
  const { ctx, referralId } = gate;
  if (!ctx || !referralId) return refusal;

  try {
    const meta = parseQuery(req.url, uploadMetadataSchema);
    const document = await uploadDocument(ctx, { ...meta, referralId, body: req.body! });

    return json({ data: document }, { status: 201 });
  } catch (error) {
    return errorResponse(error, ctx.request.requestId);
  }
}
