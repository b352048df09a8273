import { z } from 'zod';

import { revokeSession } from '@/lib/members/revoke-session';
import { apiRoute } from '@/lib/http/api-route';
import { notFound } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';

export const DELETE = apiRoute<{ id: string }>(
  { permission: 'session.manage' },
  async ({ params, ctx, db }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw notFound();
    await revokeSession(db, ctx, { sessionId: id.data });

    return json({ data: { id: id.data, revoked: true } });
  },
);
