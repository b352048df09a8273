import { beforeAll, describe, expect, it } from 'vitest';

import { GET as exportRoute } from '@/app/api/v1/audit/export/route';
import type { Role } from '@/lib/auth/permissions';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import { appHeaders, ORIGIN, signIn, staffMember, systemCtx } from '../auth/auth-fixtures';
import { createPractice } from '../helpers/factories';

let practiceId: string;
const headersFor = new Map<Role, Headers>();

beforeAll(async () => {
  practiceId = (await createPractice()).id;
  for (const role of ['admin', 'clinician'] as const) {
    const staff = await staffMember(role, practiceId);
    headersFor.set(role, await appHeaders(await signIn(staff.email)));
  }
  await withPractice(practiceId, (db) =>
    recordAuditEvent(db, systemCtx(practiceId), {
      action: 'referral.created',
      entityType: 'referral',
      entityId: 'r-1',
      metadata: { via: '=cmd|calc' },
    }),
  );
});

async function get(query: string, role: Role | null = 'admin') {
  const headers = role ? new Headers(headersFor.get(role)) : new Headers();
  const res = await exportRoute(new Request(`${ORIGIN}/api/v1/audit/export${query}`, { headers }));

  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('audit export API', () => {
  it('GET /api/v1/audit/export – streams CSV as an attachment to an admin', async () => {
    const res = await get('?format=csv&action=referral.created');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-.*\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = res.text.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('"referral.created"');
  });

  it('GET /api/v1/audit/export – returns JSON with the events and the filters used', async () => {
    const res = await get('?format=json&entityType=referral&entityId=r-1');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { filters: unknown; events: { action: string }[] };
    expect(body.filters).toEqual({ entityType: 'referral', entityId: 'r-1' });
    expect(body.events.map((e) => e.action)).toEqual(['referral.created']);
  });

  it('GET /api/v1/audit/export – is itself recorded in the trail', async () => {
    await get('?format=json');
    const res = await get('?format=json&action=audit_log.exported');
    const body = JSON.parse(res.text) as { events: { actor: { type: string } }[] };
    expect(body.events.length).toBeGreaterThanOrEqual(1);
    expect(body.events[0]!.actor.type).toBe('user');
  });

  it('GET /api/v1/audit/export – 403 forbidden for a clinician', async () => {
    const res = await get('?format=csv', 'clinician');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({
      error: {
        code: 'forbidden',
        message: 'You do not have permission to do that.',
        requestId: expect.any(String),
      },
    });
  });

  it('GET /api/v1/audit/export – 401 without a session', async () => {
    expect((await get('?format=csv', null)).status).toBe(401);
  });

  it('GET /api/v1/audit/export – 400 validation_failed on an unknown format or filter', async () => {
    const res = await get('?format=xlsx&colour=red');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe('validation_failed');
  });
});
