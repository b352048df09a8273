import 'server-only';

import { createHmac } from 'node:crypto';

import type { NextAuthOptions } from 'next-auth';

import { withPractice } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { listMemberships } from './list-memberships';
import { startSession } from './start-session';

export interface OidcHooks {
  request: () => Promise<RequestMeta>;
  /** Sets our session cookie on the answer next-auth is about to give. */
  setSessionCookie: (token: string) => Promise<void>;
}

/**
 * next-auth does one job here: the OIDC dance (discovery, PKCE, state, nonce, ID token
 * checks). On success we start OUR session and redirect; next-auth's own session is never
 * created (its signIn callback answers with a URL instead of true). Accounts are not
 * created from SSO: the verified email must already belong to an active staff member.
 */
export function oidcOptions(hooks: OidcHooks): NextAuthOptions {
  const env = getEnv();
  // next-auth v4 learns its own URL only from this variable (else http://localhost:3000,
  // where its sign-in form then posted). The configured origin, never the Host header.
  process.env.NEXTAUTH_URL = `${env.APP_ORIGIN}/api/auth`;

  return {
    secret: createHmac('sha256', env.SESSION_SECRET).update('next-auth').digest('hex'),
    session: { strategy: 'jwt', maxAge: 60 },
    pages: { error: '/sign-in' },
    providers: [
      {
        id: 'oidc',
        name: 'your organisation',
        type: 'oauth',
        wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        authorization: { params: { scope: 'openid email profile' } },
        idToken: true,
        checks: ['pkce', 'state', 'nonce'],
        profile: (p: { sub: string; email?: string; name?: string }) => ({
          id: p.sub,
          email: p.email ?? null,
          name: p.name ?? null,
        }),
      },
    ],
    callbacks: {
      signIn: async ({ profile }) => {
        const claims = profile as { email?: string; email_verified?: boolean } | undefined;
        if (!claims?.email || claims.email_verified !== true) return '/sign-in?sso=unverified';

        return startSsoSession(claims.email.toLowerCase(), hooks);
      },
    },
  };
}

async function startSsoSession(email: string, hooks: OidcHooks): Promise<string> {
  const [user] = await authQuery<{ user_id: string; status: string; mfa_enabled: boolean }>`
    SELECT user_id, status, mfa_enabled FROM auth.find_user_for_sign_in(${email})`;
  const practices = user?.status === 'active' ? await listMemberships(user.user_id) : [];
  const practice = practices[0];
  if (!user || !practice) {
    logger.info('SSO sign-in for an email with no active staff account');

    return '/sign-in?sso=unknown';
  }
  const request = await hooks.request();
  const session = await withPractice(
    practice.practiceId,
    (db) =>
      startSession(db, {
        practiceId: practice.practiceId,
        userId: user.user_id,
        label: email,
        pendingMfa: user.mfa_enabled,
        mfaVerified: false,
        request,
        action: user.mfa_enabled ? 'auth.sso_verified' : 'auth.signed_in',
        metadata: { method: 'oidc' },
      }),
    { userId: user.user_id },
  );
  await hooks.setSessionCookie(session.token);
  if (user.mfa_enabled) return '/sign-in/mfa';

  return practices.length > 1 ? '/select-practice' : '/dashboard';
}
