import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { request } from './harness/http';
import {
  expectErrorBody,
  guestCookie,
  isApi,
  send,
  targets,
  urlFor,
  validBody,
  type Credential,
} from './harness/targets';

const { baseUrl, fixtures, superuserDbUrl } = inject('security');
const { a, b } = fixtures;

// Tables whose rows for practice B must not change, whatever A's people send.
const WATCHED = ['referrals', 'documents', 'messages', 'referral_links', 'api_keys'];

async function snapshotOfB(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: superuserDbUrl });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of WATCHED) {
      // Superuser, so row-level security does not apply: this sees B's rows as they are.
      const { rows } = await client.query<{ digest: string | null; n: string }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*) AS n
           FROM ${pg.escapeIdentifier(table)} t WHERE practice_id = $1`,
        [b.practiceId],
      );
      out[table] = `${rows[0]?.n}:${rows[0]?.digest}`;
    }

    return out;
  } finally {
    await client.end();
  }
}

/** Nothing of B's may appear in an answer to A. */
function expectNothingOfB(text: string): void {
  for (const secret of [b.referralId, b.documentId, b.practiceId, b.messageId ?? b.referralId]) {
    expect(text).not.toContain(secret);
  }
}

const idTargets = targets((e) => isApi(e) && e.takesId);
const callers: Array<{ name: string; credential: Credential }> = [
  { name: 'A’s owner session', credential: { kind: 'session', token: a.sessions.owner! } },
  { name: 'A’s owner API token', credential: { kind: 'bearer', token: a.apiKeys.owner!.token } },
];

let before: Record<string, string>;
beforeAll(async () => {
  before = await snapshotOfB();
});

afterAll(async () => {
  expect(await snapshotOfB(), 'practice B’s rows changed').toEqual(before);
});

describe('practice isolation, by path', () => {
  for (const caller of callers) {
    for (const target of idTargets) {
      it(`${target.label} – ${caller.name} asking for B’s ids gets 404 and nothing of B`, async () => {
        const res = await send(
          baseUrl,
          target,
          urlFor(target.entry, b),
          caller.credential,
          validBody(target, a),
        );

        expectErrorBody(res, 'not_found');
        expectNothingOfB(res.text);
      });
    }
  }

  it('GET /api/v1/referrals/[id]/documents/[docId] – A’s referral with B’s document gets 404', async () => {
    const [target] = targets((e) => e.path === '/api/v1/referrals/[id]/documents/[docId]');
    const res = await send(
      baseUrl,
      target!,
      urlFor(target!.entry, a, { docId: b.documentId }),
      callers[0]!.credential,
    );

    expectErrorBody(res, 'not_found');
  });

  it('GET /api/v1/referrals/[id] – the same request for A’s own id succeeds (the test can fail)', async () => {
    const res = await request(baseUrl, `/api/v1/referrals/${a.referralId}`, {
      headers: { cookie: `__Host-vetloop_session=${a.sessions.owner}` },
    });

    expect(res.status).toBe(200);
    expect(res.text).toContain(a.referralId);
  });
});

describe('practice isolation, by query, body and headers', () => {
  const owner: Credential = { kind: 'session', token: a.sessions.owner! };
  const list = targets((e) => e.path === '/api/v1/referrals')[0]!;

  it('GET /api/v1/referrals – a practiceId in the query is refused or ignored, never obeyed', async () => {
    const res = await send(baseUrl, list, `/api/v1/referrals?practiceId=${b.practiceId}`, owner);

    expect([200, 400]).toContain(res.status);
    expectNothingOfB(res.text);
  });

  it('GET /api/v1/referrals – forged practice and auth headers are dropped', async () => {
    const res = await send(baseUrl, list, '/api/v1/referrals', owner, undefined, {
      headers: { 'x-practice-id': b.practiceId, 'x-vetloop-practice-id': b.practiceId },
    });

    expect(res.status).toBe(200);
    expect(res.text).toContain(a.referralId);
    expectNothingOfB(res.text);
  });

  it('GET /api/v1/referrals – B’s session JWT smuggled in the proxy’s header is not trusted', async () => {
    const res = await request(baseUrl, '/api/v1/referrals', {
      headers: { 'x-vetloop-auth': b.apiKeys.owner!.token, accept: 'application/json' },
    });

    expectErrorBody(res, 'unauthenticated');
  });

  it('PUT /api/v1/referrals/[id]/assignee – B’s clinician in the body is not found', async () => {
    const target = targets((e) => e.path === '/api/v1/referrals/[id]/assignee')[0]!;
    const clinicianOfB = b.users.find((u) => u.role === 'clinician')!.userId;
    const res = await send(baseUrl, target, urlFor(target.entry, a), owner, {
      body: JSON.stringify({ assigneeUserId: clinicianOfB }),
      type: 'application/json',
    });

    expect([400, 404]).toContain(res.status);
    expectNothingOfB(res.text);
  });

  it('POST /api/v1/referrals – B’s referring vet in the body is not found', async () => {
    const target = targets((e) => e.path === '/api/v1/referrals' && e.methods.includes('POST'))[0]!;
    const vet = await referringVetOfB();
    const body = JSON.parse(validBody({ ...target, method: 'POST' }, a).body) as Record<
      string,
      unknown
    >;
    delete body.referringVet;
    const res = await send(baseUrl, { ...target, method: 'POST' }, '/api/v1/referrals', owner, {
      body: JSON.stringify({ ...body, referringVetId: vet }),
      type: 'application/json',
    });

    expect([400, 404]).toContain(res.status);
  });
});

describe('practice isolation for referral-link guests', () => {
  it('GET /api/guest/documents/[id] – A’s guest asking for B’s document gets 404', async () => {
    const cookie = await guestCookie(baseUrl, a.linkToken);
    const res = await request(baseUrl, `/api/guest/documents/${b.documentId}`, {
      headers: { cookie, accept: 'application/json' },
    });

    expectErrorBody(res, 'not_found');
  });

  it('GET /api/guest/documents/[id] – the guest’s own shared document opens (the test can fail)', async () => {
    const cookie = await guestCookie(baseUrl, a.linkToken);
    const res = await request(baseUrl, `/api/guest/documents/${a.documentId}`, {
      headers: { cookie },
    });

    expect(res.status).toBe(200);
  });

  it('GET /api/v1/referrals – a guest cookie is no staff credential', async () => {
    const cookie = await guestCookie(baseUrl, a.linkToken);
    const res = await request(baseUrl, '/api/v1/referrals', {
      headers: { cookie, accept: 'application/json' },
    });

    expectErrorBody(res, 'unauthenticated');
  });
});

async function referringVetOfB(): Promise<string> {
  const client = new pg.Client({ connectionString: superuserDbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ referring_vet_id: string }>(
      'SELECT referring_vet_id FROM referrals WHERE practice_id = $1 AND id = $2',
      [b.practiceId, b.referralId],
    );

    return rows[0]!.referring_vet_id;
  } finally {
    await client.end();
  }
}
