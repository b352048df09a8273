import { listSessions } from '@/lib/auth/list-sessions';
import { apiRoute } from '@/lib/http/api-route';
import { json } from '@/lib/http/respond';

export const GET = apiRoute({ permission: 'session.manage' }, async ({ ctx, db }) => {
  return json({ data: await listSessions(db, ctx.practiceId) });
});
