import { z } from 'zod';

import { exchangeApiKey } from '@/lib/auth/exchange-api-key';
import { requestMetaFrom } from '@/lib/auth/request-meta';
import { parseJson } from '@/lib/http/parse';
import { errorResponse, json } from '@/lib/http/respond';

const schema = z.strictObject({
  grant_type: z.literal('api_key'),
  api_key: z.string().min(1).max(200),
});

/** POST /api/v1/token: an API key in, a 5-minute Bearer JWT out. */
export async function POST(req: Request) {
  const meta = requestMetaFrom(req.headers);
  try {
    const body = await parseJson(req, schema);

    return json(await exchangeApiKey(body.api_key, meta));
  } catch (error) {
    return errorResponse(error, meta.requestId);
  }
}
