import { randomBytes, randomUUID } from 'node:crypto';

import { NextRequest } from 'next/server';
import pg from 'pg';

import type { RequestMeta } from '@/lib/auth/actor';
import { createStaffUser } from '@/lib/auth/create-staff-user';
import { handleProxyRequest } from '@/lib/auth/handle-proxy-request';
import type { Role } from '@/lib/auth/permissions';
import { AUTH_HEADER, SESSION_COOKIE } from '@/lib/auth/session-policy';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';

import { createPractice } from '../helpers/factories';
import { SUPERUSER_URL } from '../helpers/postgres';

export const ORIGIN = 'https://localhost:3443';
export const PASSWORD = 'plover-tundra-cobalt-47';

let ipCounter = 1;

/** A fresh request identity per call, so per-IP limits never join tests together. */
export function meta(): RequestMeta {
  ipCounter += 1;

  return {
    requestId: randomUUID(),
    ip: `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    userAgent: 'vitest',
  };
}

export function systemCtx(practiceId: string) {
  return { practiceId, actor: { type: 'system' as const, label: 'test' }, request: meta() };
}

export async function staffMember(role: Role = 'clinician', practiceId?: string) {
  const practice = practiceId ?? (await createPractice()).id;
  const email = `staff-${randomBytes(5).toString('hex')}@example.test`;
  const { userId } = await createStaffUser(systemCtx(practice), {
    email,
    name: `Test ${role}`,
    role,
    password: PASSWORD,
  });

  return { practiceId: practice, userId, email };
}

/** Signs in with the password and returns the session cookie's token. */
export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const outcome = await signInWithPassword({ email, password }, meta());
  if (outcome.status === 'refused') throw new Error('sign-in refused');

  return outcome.token;
}

/** Runs the proxy for a request carrying the cookie; returns what it passed on and set. */
export async function throughProxy(
  token: string | null,
  init: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers);
  if (token) headers.set('cookie', `${SESSION_COOKIE}=${token}`);
  const request = new NextRequest(`${ORIGIN}${init.path ?? '/dashboard'}`, {
    method: init.method ?? 'GET',
    headers,
  });
  const response = await handleProxyRequest(request);
  const forwarded = (name: string) => response.headers.get(`x-middleware-request-${name}`);

  return { response, jwt: forwarded(AUTH_HEADER), forwarded };
}

/** The headers the app sees after the proxy: the minted JWT and nothing forged. */
export async function appHeaders(token: string): Promise<Headers> {
  const { jwt } = await throughProxy(token);
  const headers = new Headers({ 'x-request-id': randomUUID(), 'user-agent': 'vitest' });
  if (jwt) headers.set(AUTH_HEADER, jwt);

  return headers;
}

/** A superuser connection to this file's database, to move clocks and read secrets. */
export async function asSuperuser<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const url = new URL(SUPERUSER_URL);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
