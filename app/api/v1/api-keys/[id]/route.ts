import { z } from 'zod';

import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { apiRoute } from '@/lib/http/api-route';
import { notFound } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';

const id = z.uuid();

export const DELETE = apiRoute<{ id: string }>(
  { permission: 'apikey.manage' },
  async ({ params, ctx, db }) => {
    const parsed = id.safeParse(params.id);
    if (!parsed.success) throw notFound();
    await revokeApiKey(db, ctx, parsed.data);

    return json({ data: { id: parsed.data, revoked: true } });
  },
);
