import { beforeAll, describe, expect, it } from 'vitest';

import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { PUT as putAssignee } from '@/app/api/v1/referrals/[id]/assignee/route';
import {
  GET as getMessages,
  POST as postMessages,
} from '@/app/api/v1/referrals/[id]/messages/route';
import { GET as getOne, PATCH as patchOne } from '@/app/api/v1/referrals/[id]/route';
import { POST as postStatus } from '@/app/api/v1/referrals/[id]/status/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/referrals/route';
import type { Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';

import { appHeaders, ORIGIN, signIn, staffMember } from '../auth/auth-fixtures';
import { createPractice } from '../helpers/factories';

import { referralInput, systemCtx, newReferral } from './helpers';

type Handler = (
  req: Request,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>;

let practiceId: string;
let otherReferralId: string;
const headersFor = new Map<Role, Headers>();
const userIdFor = new Map<Role, string>();

beforeAll(async () => {
  practiceId = (await createPractice()).id;
  for (const role of ['owner', 'clinician', 'nurse', 'read_only'] as const) {
    const staff = await staffMember(role, practiceId);
    userIdFor.set(role, staff.userId);
    headersFor.set(role, await appHeaders(await signIn(staff.email)));
  }
  const other = await createPractice();
  otherReferralId = (await newReferral(systemCtx(other.id))).id;
});

async function call(
  handler: Handler,
  method: string,
  path: string,
  opts: { role?: Role; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers = new Headers(headersFor.get(opts.role ?? 'clinician'));
  if (method !== 'GET') headers.set('origin', ORIGIN);
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  const req = new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });

  return { status: res.status, body: await res.json() };
}

const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, requestId: expect.any(String), ...extra },
});

async function created(overrides = {}) {
  const res = await call(createRoute as Handler, 'POST', '/api/v1/referrals', {
    body: referralInput(overrides),
  });
  expect(res.status).toBe(201);

  return res.body.data as { id: string; status: string };
}

describe('referrals API', () => {
  it('POST /api/v1/referrals – files a referral as submitted, 201', async () => {
    const data = await created({ patientName: 'Pepper', urgency: 'urgent' });
    expect(data).toMatchObject({
      status: 'submitted',
      urgency: 'urgent',
      patient: { name: 'Pepper', species: 'Dog' },
      referringVet: { name: 'Dr Rivera', clinic: { name: 'Riverside Vets' } },
    });
  });

  it('POST /api/v1/referrals – unknown keys and missing fields are a 400 with fields', async () => {
    const res = await call(createRoute as Handler, 'POST', '/api/v1/referrals', {
      body: { ...referralInput(), patientName: '', practiceId: practiceId },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '(root)',
      'patientName',
    ]);
  });

  it('POST /api/v1/referrals – a read-only member is refused, 403', async () => {
    const res = await call(createRoute as Handler, 'POST', '/api/v1/referrals', {
      role: 'read_only',
      body: referralInput(),
    });
    expect(res).toEqual({
      status: 403,
      body: errorBody('forbidden', 'You do not have permission to do that.'),
    });
  });

  it('GET /api/v1/referrals – lists emergencies first with a cursor', async () => {
    await created({ patientName: 'Flash', urgency: 'emergency' });
    const res = await call(listRoute as Handler, 'GET', '/api/v1/referrals?limit=1', {
      role: 'read_only',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      patientName: 'Flash',
      urgency: 'emergency',
      overdue: false,
    });
    expect(typeof res.body.nextCursor).toBe('string');
  });

  it('GET /api/v1/referrals – a bad filter is a 400 naming the field', async () => {
    const res = await call(listRoute as Handler, 'GET', '/api/v1/referrals?status=lost');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('status.0');
  });

  it('GET /api/v1/referrals/:id – reads one and records the view', async () => {
    const { id } = await created();
    const res = await call(getOne as Handler, 'GET', `/api/v1/referrals/${id}`, { params: { id } });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(id);
    const views = await withPractice(practiceId, (db) =>
      db.auditEvent.count({ where: { entityId: id, action: 'referral.viewed' } }),
    );
    expect(views).toBe(1);
  });

  it("GET, PATCH, status, assignee and messages on another practice's referral – 404", async () => {
    const id = otherReferralId;
    const cases: [Handler, string, string, unknown][] = [
      [getOne as Handler, 'GET', '', undefined],
      [patchOne as Handler, 'PATCH', '', { species: 'Cat' }],
      [postStatus as Handler, 'POST', '/status', { action: 'receive' }],
      [putAssignee as Handler, 'PUT', '/assignee', { assigneeUserId: null }],
      [getMessages as Handler, 'GET', '/messages', undefined],
      [postMessages as Handler, 'POST', '/messages', { body: 'hello' }],
    ];
    for (const [handler, method, suffix, body] of cases) {
      const res = await call(handler, method, `/api/v1/referrals/${id}${suffix}`, {
        role: 'owner',
        params: { id },
        body,
      });
      expect([method, suffix, res]).toEqual([
        method,
        suffix,
        { status: 404, body: errorBody('not_found', 'Not found.') },
      ]);
    }
  });

  it('PATCH /api/v1/referrals/:id – saves only changed fields and says which', async () => {
    const { id } = await created();
    const res = await call(patchOne as Handler, 'PATCH', `/api/v1/referrals/${id}`, {
      role: 'nurse',
      params: { id },
      body: { species: 'Cat', patientName: 'Biscuit' },
    });
    expect(res.status).toBe(200);
    expect(res.body.changed).toEqual(['species']);
    expect(res.body.data.patient.species).toBe('Cat');
  });

  it('POST /api/v1/referrals/:id/status – moves along the table and refuses other steps', async () => {
    const { id } = await created();
    const path = `/api/v1/referrals/${id}/status`;
    const step = (role: Role, body: unknown) =>
      call(postStatus as Handler, 'POST', path, { role, params: { id }, body });

    expect((await step('nurse', { action: 'receive' })).body.data.status).toBe('received');
    expect(await step('nurse', { action: 'accept' })).toEqual({
      status: 403,
      body: errorBody('forbidden', 'You do not have permission to do that.'),
    });
    expect(await step('clinician', { action: 'close' })).toEqual({
      status: 409,
      body: errorBody(
        'invalid_transition',
        'A referral cannot move from Received to Closed (Close).',
      ),
    });
    expect(await step('clinician', { action: 'decline' })).toEqual({
      status: 400,
      body: errorBody('validation_failed', 'Decline needs more details.', {
        fields: [{ path: 'declineReason', message: 'Required' }],
      }),
    });
    expect((await step('clinician', { action: 'accept' })).body.data.status).toBe('accepted');
    expect((await step('read_only', { action: 'schedule' })).status).toBe(403);
  });

  it('PUT /api/v1/referrals/:id/assignee – assigns a clinician', async () => {
    const { id } = await created();
    const clinicianId = userIdFor.get('clinician')!;
    const res = await call(putAssignee as Handler, 'PUT', `/api/v1/referrals/${id}/assignee`, {
      role: 'owner',
      params: { id },
      body: { assigneeUserId: clinicianId },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.assigneeUserId).toBe(clinicianId);
  });

  it('POST and GET /api/v1/referrals/:id/messages – posts, lists, keeps notes internal', async () => {
    const { id } = await created();
    const path = `/api/v1/referrals/${id}/messages`;
    const posted = await call(postMessages as Handler, 'POST', path, {
      role: 'nurse',
      params: { id },
      body: { body: '<b>Bloods</b> please', visibility: 'internal' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.data).toMatchObject({
      visibility: 'internal',
      body: '<b>Bloods</b> please',
    });
    const refused = await call(postMessages as Handler, 'POST', path, {
      role: 'read_only',
      params: { id },
      body: { body: 'hi' },
    });
    expect(refused.status).toBe(403);
    const listed = await call(getMessages as Handler, 'GET', path, {
      role: 'read_only',
      params: { id },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ readByMe: false, author: { type: 'user' } });
  });

  it('GET /api/v1/openapi.json – describes every referral route in OpenAPI 3.1', async () => {
    const res = await (getOpenApi as () => Response)();
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals',
        '/api/v1/referrals/{id}',
        '/api/v1/referrals/{id}/status',
        '/api/v1/referrals/{id}/assignee',
        '/api/v1/referrals/{id}/messages',
      ]),
    );
    const statusBody =
      doc.paths['/api/v1/referrals/{id}/status'].post.requestBody.content['application/json']
        .schema;
    expect(statusBody.properties.action.enum).toContain('accept');
    expect(statusBody.additionalProperties).toBe(false);
  });
});
