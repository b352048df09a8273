import { createApiKey } from '@/lib/auth/create-api-key';
import { createApiKeySchema } from '@/lib/auth/create-api-key.schema';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { apiRoute } from '@/lib/http/api-route';
import { AppError } from '@/lib/http/errors';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';

export const GET = apiRoute({ permission: 'apikey.manage' }, async ({ ctx, db }) => {
  return json({ data: await listApiKeys(db, ctx.practiceId) });
});

/** Only a person creates keys (a key cannot mint keys); the secret is in this answer only. */
export const POST = apiRoute({ permission: 'apikey.manage' }, async ({ req, ctx, db }) => {
  const input = await parseJson(req, createApiKeySchema);
  if (ctx.actor.type !== 'user' || !ctx.userId || !ctx.sessionId) throw new AppError('forbidden');
  const staff = {
    ...ctx,
    actor: ctx.actor,
    userId: ctx.userId,
    sessionId: ctx.sessionId,
    userName: ctx.actor.label,
    practiceName: '',
  };

  return json({ data: await createApiKey(db, staff, input) }, { status: 201 });
});
