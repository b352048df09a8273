import { describe, expect, it } from 'vitest';

import { POST as createKeyRoute } from '@/app/api/v1/api-keys/route';
import { DELETE as revokeKeyRoute } from '@/app/api/v1/api-keys/[id]/route';
import { POST as tokenRoute } from '@/app/api/v1/token/route';
import { apiRoute } from '@/lib/http/api-route';
import { json } from '@/lib/http/respond';

import { appHeaders, asSuperuser, ORIGIN, signIn, staffMember } from './auth-fixtures';

const readReferrals = apiRoute({ permission: 'referral.read', rateLimit: false }, async ({ ctx }) =>
  json({ practiceId: ctx.practiceId, principal: ctx.principal }),
);
const postMessage = apiRoute({ permission: 'message.post', rateLimit: false }, async () =>
  json({ ok: true }),
);

async function adminHeaders() {
  const admin = await staffMember('admin');
  const headers = await appHeaders(await signIn(admin.email));
  headers.set('origin', ORIGIN);
  headers.set('content-type', 'application/json');

  return { admin, headers };
}

async function createKey(headers: Headers, body: Record<string, unknown>) {
  const response = await createKeyRoute(
    new Request(`${ORIGIN}/api/v1/api-keys`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    }),
  );

  return { status: response.status, body: await response.json() };
}

async function exchange(apiKey: string) {
  const response = await tokenRoute(
    new Request(`${ORIGIN}/api/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.1' },
      body: JSON.stringify({ grant_type: 'api_key', api_key: apiKey }),
    }),
  );

  return { status: response.status, body: await response.json() };
}

function bearer(token: string, method = 'GET') {
  return new Request(`${ORIGIN}/api/v1/referrals`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('API keys', () => {
  it('POST /api/v1/api-keys – shows the secret once and stores only its hash', async () => {
    const { headers } = await adminHeaders();
    const created = await createKey(headers, { name: 'PIMS sync', role: 'clinician' });

    expect(created.status).toBe(201);
    expect(created.body.data.secret).toMatch(/^vlk_[a-f0-9]{8}_/);
    const stored = await asSuperuser((c) =>
      c.query('SELECT * FROM api_keys WHERE id = $1', [created.body.data.id]),
    );
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.body.data.secret.slice(13));
  });

  it('POST /api/v1/token – exchanges a key for a Bearer JWT the API accepts in its practice', async () => {
    const { admin, headers } = await adminHeaders();
    const { body } = await createKey(headers, { name: 'Reader', role: 'read_only' });

    const token = await exchange(body.data.secret);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });

    const read = await readReferrals(bearer(token.body.access_token));
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ practiceId: admin.practiceId, principal: 'api_key' });
  });

  it('GET /api/v1/* – a key is held to its scopes within its role', async () => {
    const { headers } = await adminHeaders();
    const { body } = await createKey(headers, {
      name: 'Scoped',
      role: 'clinician',
      scopes: ['referral.read'],
    });
    const { body: token } = await exchange(body.data.secret);

    expect((await readReferrals(bearer(token.access_token))).status).toBe(200);
    expect((await postMessage(bearer(token.access_token, 'POST'))).status).toBe(403);
  });

  it('POST /api/v1/api-keys – refuses scopes beyond the key role and roles above the creator', async () => {
    const { headers } = await adminHeaders();

    expect(
      (await createKey(headers, { name: 'x', role: 'read_only', scopes: ['message.post'] })).status,
    ).toBe(400);
    expect((await createKey(headers, { name: 'x', role: 'owner' })).status).toBe(403);
  });

  it('POST /api/v1/token – refuses an expired key', async () => {
    const { headers } = await adminHeaders();
    const { body } = await createKey(headers, { name: 'Old', role: 'read_only' });
    await asSuperuser((c) =>
      c.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        body.data.id,
      ]),
    );

    const token = await exchange(body.data.secret);
    expect(token.status).toBe(401);
    expect(token.body.error.code).toBe('unauthenticated');
  });

  it('DELETE /api/v1/api-keys/:id – revocation refuses new exchanges and tokens already issued', async () => {
    const { headers } = await adminHeaders();
    const { body } = await createKey(headers, { name: 'Gone', role: 'read_only' });
    const { body: token } = await exchange(body.data.secret);

    const revoked = await revokeKeyRoute(
      new Request(`${ORIGIN}/api/v1/api-keys/${body.data.id}`, { method: 'DELETE', headers }),
      { params: Promise.resolve({ id: body.data.id }) },
    );
    expect(revoked.status).toBe(200);

    expect((await exchange(body.data.secret)).status).toBe(401);
    expect((await readReferrals(bearer(token.access_token))).status).toBe(401);
  });

  it('DELETE /api/v1/api-keys/:id – another practice’s key is 404', async () => {
    const { headers } = await adminHeaders();
    const { body } = await createKey(headers, { name: 'Mine', role: 'read_only' });
    const other = await adminHeaders();

    const response = await revokeKeyRoute(
      new Request(`${ORIGIN}/api/v1/api-keys/${body.data.id}`, {
        method: 'DELETE',
        headers: other.headers,
      }),
      { params: Promise.resolve({ id: body.data.id }) },
    );
    expect(response.status).toBe(404);
    expect((await exchange(body.data.secret)).status).toBe(200);
  });

  it('POST /api/v1/token – refuses a made-up key with the one error body', async () => {
    const token = await exchange(`vlk_deadbeef_${'A'.repeat(43)}`);

    expect(token.status).toBe(401);
    expect(token.body).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'Sign in to continue.',
        requestId: expect.any(String),
      },
    });
  });
});
