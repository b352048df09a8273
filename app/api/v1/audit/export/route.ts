import { exportEvents } from '@/lib/audit/export-events';
import { exportEventsSchema } from '@/lib/audit/export-events.schema';
import { apiRoute } from '@/lib/http/api-route';
import { parseQuery } from '@/lib/http/parse';

/** GET /api/v1/audit/export?format=csv|json&actor&action&entityType&entityId&from&to */
export const GET = apiRoute({ permission: 'audit.export' }, async ({ req, ctx, db }) => {
  const input = parseQuery(req.url, exportEventsSchema);

  const exported = await exportEvents(db, ctx, input);

  return new Response(exported.body, {
    headers: {
      'content-type': exported.contentType,
      'content-disposition': `attachment; filename="${exported.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
