import 'server-only';

import {
  loadApiContext,
  requireApiPermission,
  verifyRequestToken,
  type ApiContext,
} from '@/lib/auth/authenticate-api';
import type { Permission } from '@/lib/auth/permissions';
import { requestMetaFrom } from '@/lib/auth/request-meta';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { requireWithinLimit, type RateLimitTier } from '@/lib/rate-limit/limit';

import { AppError } from './errors';
import { configuredOrigins, corsHeaders, isOriginAllowed, isStateChanging } from './origin';
import { errorResponse } from './respond';

export type { ApiContext } from '@/lib/auth/authenticate-api';

export interface ApiRouteOptions {
  permission: Permission;
  /** Defaults to 'api' for reads and 'api_write' for state changes; false turns it off. */
  rateLimit?: RateLimitTier | false;
}

export interface ApiHandlerArgs<P> {
  req: Request;
  params: P;
  ctx: ApiContext;
  db: PracticeDb;
}

type RouteSegment<P> = { params: Promise<P> };

/**
 * The one wrapper every JSON route goes through: origin check for state changes,
 * authentication (proxy session token or Bearer API token), rate limit, the named
 * permission, the practice-scoped transaction, and the one error body.
 */
export function apiRoute<P = Record<string, never>>(
  options: ApiRouteOptions,
  handler: (args: ApiHandlerArgs<P>) => Promise<Response>,
) {
  return async (req: Request, segment?: RouteSegment<P>): Promise<Response> => {
    const meta = requestMetaFrom(req.headers);
    try {
      if (!isOriginAllowed(req.method, req.headers, getEnv().APP_ORIGIN)) {
        throw new AppError('forbidden', 'Cross-site request refused.');
      }
      const access = await verifyRequestToken(req.headers);

      const tier = options.rateLimit ?? (isStateChanging(req.method) ? 'api_write' : 'api');
      if (tier) await requireWithinLimit(tier, access.sessionId);

      const params = segment ? await segment.params : ({} as P);
      const userId = access.kind === 'session' ? access.subject : undefined;

      return await withPractice(
        access.practiceId,
        async (db) => {
          const ctx = await loadApiContext(db, access, meta);
          requireApiPermission(ctx, options.permission);
          const response = await handler({ req, params, ctx, db });

          return withCors(req, response, db);
        },
        { userId },
      );
    } catch (error) {
      return errorResponse(error, meta.requestId);
    }
  };
}

/** Browsers may read the answer only from origins this practice configured. */
async function withCors(req: Request, response: Response, db: PracticeDb): Promise<Response> {
  const origin = req.headers.get('origin');
  if (!origin || origin === new URL(getEnv().APP_ORIGIN).origin) return response;
  const practice = await db.practice.findFirst({ select: { settings: true } });
  if (!configuredOrigins(practice?.settings).includes(origin)) return response;
  for (const [name, value] of Object.entries(corsHeaders(origin))) {
    response.headers.set(name, value);
  }

  return response;
}
