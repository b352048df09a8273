const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function hasBearer(headers: Headers): boolean {
  return /^Bearer\s+\S+/i.test(headers.get('authorization') ?? '');
}

/**
 * Cross-site request forgery rides on ambient cookies. A state-changing request passes
 * when its Origin is ours; when it carries no Origin it passes only if it carries no
 * cookie either (a program with a Bearer token, never a browser form). A foreign Origin
 * passes only with a Bearer token, which a forged cross-site request cannot attach.
 */
export function isOriginAllowed(method: string, headers: Headers, appOrigin: string): boolean {
  if (!isStateChanging(method)) return true;
  const origin = headers.get('origin');
  if (origin !== null && origin !== 'null') {
    return origin === new URL(appOrigin).origin || hasBearer(headers);
  }
  const site = headers.get('sec-fetch-site');
  if (site === 'same-origin') return true;
  if (site === 'cross-site' || site === 'same-site') return hasBearer(headers);

  return !headers.has('cookie');
}

/** CORS answers name one configured origin, never a wildcard, never with credentials. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Origins a practice listed in its settings as allowed to call the API from browsers. */
export function configuredOrigins(settings: unknown): string[] {
  if (!settings || typeof settings !== 'object') return [];
  const list = (settings as { corsOrigins?: unknown }).corsOrigins;

  return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
}
