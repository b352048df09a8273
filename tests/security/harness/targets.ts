import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { SESSION_COOKIE } from '@/lib/auth/session-policy';
import { ERROR_CODES } from '@/lib/http/errors';

import { ROUTE_MANIFEST, type FixtureKind, type ManifestEntry } from '../route-manifest';

import type { PracticeFixtures } from './fixtures';
import { request, type Exchange, type RequestOptions } from './http';

/** One method of one manifest entry: the unit the suite attacks. */
export interface Target {
  entry: ManifestEntry;
  method: string;
  label: string;
}

export function targets(filter: (entry: ManifestEntry) => boolean): Target[] {
  return ROUTE_MANIFEST.filter(filter).flatMap((entry) =>
    entry.methods.map((method) => ({ entry, method, label: `${method} ${entry.path}` })),
  );
}

export const isApi = (e: ManifestEntry) => e.kind === 'route' && e.auth === 'api';
export const isGuestRoute = (e: ManifestEntry) => e.kind === 'route' && e.auth === 'guest';

/** The id of a practice's object of this kind (random for kinds with no fixture). */
export function fixtureId(kind: FixtureKind, p: PracticeFixtures): string {
  switch (kind) {
    case 'referral':
      return p.referralId;
    case 'document':
      return p.documentId;
    case 'message':
      return p.messageId ?? randomUUID();
    case 'apiKey':
      return p.apiKeys.read_only!.keyId;
    case 'session':
      return p.sessionIds.read_only!;
    case 'linkToken':
      return p.linkToken;
    default:
      return randomUUID();
  }
}

/** The entry's URL with every dynamic segment filled from `ids` (or per-segment overrides). */
export function urlFor(
  entry: ManifestEntry,
  ids: PracticeFixtures,
  overrides: Record<string, string> = {},
): string {
  return entry.path.replace(/\[(\w+)\]/g, (_m, name: string) =>
    encodeURIComponent(overrides[name] ?? fixtureId(entry.params?.[name] ?? 'referral', ids)),
  );
}

/**
 * A body each write route accepts for practice `p` (so that a refusal can only come from
 * the protection under test, never from validation).
 */
export function validBody(target: Target, p: PracticeFixtures): { body: string; type: string } {
  const json = (value: unknown) => ({ body: JSON.stringify(value), type: 'application/json' });
  const clinician = p.users.find((u) => u.role === 'clinician')!.userId;
  switch (`${target.method} ${target.entry.path}`) {
    case 'POST /api/v1/referrals/[id]/documents':
      return { body: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' };
    case 'PATCH /api/v1/referrals/[id]/documents/[docId]':
      return json({ visibility: 'shared' });
    case 'PATCH /api/v1/referrals/[id]':
      return json({ history: 'Edited by the security suite.' });
    case 'PUT /api/v1/referrals/[id]/assignee':
      return json({ assigneeUserId: clinician });
    case 'POST /api/v1/referrals/[id]/messages':
      return json({ body: 'Security suite message', visibility: 'shared' });
    case 'POST /api/v1/referrals/[id]/status':
      return json({ action: 'receive' });
    case 'POST /api/v1/api-keys':
      return json({ name: 'suite', role: 'read_only' });
    case 'POST /api/v1/referrals':
      return json({
        urgency: 'routine',
        service: 'Cardiology',
        patientName: 'Suite',
        species: 'Dog',
        ownerName: 'Suite Owner',
        reason: 'Security suite',
        referringVet: { clinicName: 'Suite Vets', name: 'Dr Suite', email: 'suite@example.test' },
      });
    case 'POST /api/guest/messages':
      return json({ body: 'Guest suite message' });
    default:
      return json({});
  }
}

export type Credential =
  | { kind: 'none' }
  | { kind: 'session'; token: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'guest'; cookie: string };

export function credentialHeaders(credential: Credential): Record<string, string> {
  switch (credential.kind) {
    case 'session':
      return { cookie: `${SESSION_COOKIE}=${credential.token}` };
    case 'bearer':
      return { authorization: `Bearer ${credential.token}` };
    case 'guest':
      return { cookie: credential.cookie };
    default:
      return {};
  }
}

/** Sends a target's method to `path` as a same-origin JSON client would. */
export function send(
  baseUrl: string,
  target: Target,
  path: string,
  credential: Credential,
  payload?: { body: string; type: string },
  extra: RequestOptions = {},
): Promise<Exchange> {
  const writes = target.method !== 'GET';
  const hasBody = writes && target.method !== 'DELETE';

  return request(baseUrl, path, {
    method: target.method,
    ...extra,
    headers: {
      accept: 'application/json',
      ...(writes ? { origin: baseUrl } : {}),
      ...(hasBody ? { 'content-type': payload?.type ?? 'application/json' } : {}),
      ...credentialHeaders(credential),
      ...extra.headers,
    },
    body: hasBody ? (payload?.body ?? '{}') : undefined,
  });
}

/** Opens a tracking link like a browser and returns the guest cookie it sets. */
export async function guestCookie(baseUrl: string, linkToken: string, localAddress?: string) {
  const res = await request(baseUrl, `/r/${linkToken}`, { localAddress });
  const cookie = res.setCookies().find((c) => c.startsWith('__Host-vetloop_guest='));
  if (!cookie) throw new Error(`opening the link answered ${res.status} without a guest cookie`);

  return cookie.split(';')[0]!;
}

/** The one error body, exactly: `{ error: { code, message, requestId, fields? } }` and nothing else. */
export function expectErrorBody(res: Exchange, code: keyof typeof ERROR_CODES): void {
  expect(res.status, `${code}: ${res.text.slice(0, 300)}`).toBe(ERROR_CODES[code].status);
  expect(res.header('content-type')).toMatch(/^application\/json/);
  const body = res.json<{ error: Record<string, unknown> }>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toEqual(expect.any(String));
  const extra = Object.keys(body.error).filter(
    (k) => !['code', 'message', 'requestId', 'fields'].includes(k),
  );
  expect(extra).toEqual([]);
  expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|\.tsx?:\d+|Prisma|stack/i);
}
