import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { hasBearer } from '@/lib/http/origin';

import type { PracticeContext, RequestMeta } from './actor';
import { InvalidTokenError, verifyAccessToken, type VerifiedAccess } from './jwt';
import { loadLiveStaff } from './load-live-staff';
import { can, isRole, PERMISSIONS, type Permission, type Role } from './permissions';
import { AUTH_HEADER } from './session-policy';

/** Who is calling the JSON API: a signed-in person (via the proxy) or an API key. */
export type ApiContext = PracticeContext & {
  role: Role;
  principal: 'user' | 'api_key';
  userId: string | null;
  sessionId: string | null;
  apiKeyId: string | null;
  /** API keys only: what the key was limited to, within its role. */
  scopes: readonly Permission[] | null;
};

/** Verifies the request's token; a Bearer token wins over the proxy's session header. */
export async function verifyRequestToken(headers: Headers): Promise<VerifiedAccess> {
  const bearer = hasBearer(headers)
    ? (headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '').trim()
    : null;
  const token = bearer ?? headers.get(AUTH_HEADER);
  if (!token) throw new AppError('unauthenticated');
  try {
    return await verifyAccessToken(token, bearer ? 'api_key' : 'session');
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new AppError('unauthenticated');
    throw error;
  }
}

/** Re-checks, inside the request's practice transaction, that the principal is still live. */
export async function loadApiContext(
  db: PracticeDb,
  access: VerifiedAccess,
  request: RequestMeta,
): Promise<ApiContext> {
  if (access.kind === 'session') {
    const live = await loadLiveStaff(access);
    if (!live) throw new AppError('unauthenticated');

    return {
      practiceId: access.practiceId,
      actor: {
        type: 'user',
        userId: live.userId,
        sessionId: live.sessionId,
        label: live.userEmail,
      },
      request,
      role: live.role,
      principal: 'user',
      userId: live.userId,
      sessionId: live.sessionId,
      apiKeyId: null,
      scopes: null,
    };
  }
  const key = await db.apiKey.findFirst({
    where: {
      practiceId: access.practiceId,
      id: access.subject,
      revokedAt: null,
      expiresAt: { gt: new Date() },
    },
    select: { id: true, name: true, role: true, scopes: true },
  });
  if (!key || !isRole(key.role)) throw new AppError('unauthenticated');

  return {
    practiceId: access.practiceId,
    actor: { type: 'api_key', apiKeyId: key.id, label: `API key ${key.name}`.slice(0, 254) },
    request,
    role: key.role,
    principal: 'api_key',
    userId: null,
    sessionId: null,
    apiKeyId: key.id,
    scopes: key.scopes.filter((s): s is Permission => s in PERMISSIONS),
  };
}

export function requireApiPermission(ctx: ApiContext, permission: Permission): void {
  const allowed = can(ctx.role, permission) && (!ctx.scopes || ctx.scopes.includes(permission));
  if (!allowed) throw new AppError('forbidden');
}
