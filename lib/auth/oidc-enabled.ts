import { getEnv, type Env } from '@/lib/env';

/** Single sign-on is on only when all three OIDC settings are present. */
export function isOidcEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}
