import { describe, expect, inject, it } from 'vitest';

import { INJECTION_PAYLOADS } from './payloads';
import { check } from './known-gaps';
import { request } from './harness/http';
import {
  isApi,
  isGuestRoute,
  send,
  targets,
  urlFor,
  validBody,
  type Credential,
} from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a, b } = fixtures;

const LIST_PARAMS = ['status', 'urgency', 'service', 'assignee', 'q', 'cursor', 'limit', 'sort'];
const PATH_PAYLOADS = INJECTION_PAYLOADS.slice(0, 4);
const BODY_PAYLOADS = INJECTION_PAYLOADS.slice(0, 2);

function expectHarmless(status: number, text: string): void {
  expect(status, text.slice(0, 300)).toBeLessThan(500);
  expect(text).not.toMatch(
    /syntax error|pg_sleep|relation "|column "|\bat \S+ \(|node_modules|Prisma/i,
  );
  for (const secret of [b.referralId, b.documentId, b.practiceId])
    expect(text).not.toContain(secret);
}

describe('injection in path segments', () => {
  const caller: Credential = { kind: 'session', token: a.spareSessions[2]! };
  for (const target of targets((e) => isApi(e) && e.takesId)) {
    check(
      `${target.label} – SQL and traversal payloads in every id answer 400 or 404, never data`,
      async () => {
        for (const name of Object.keys(target.entry.params ?? {})) {
          for (const payload of PATH_PAYLOADS) {
            const res = await send(
              baseUrl,
              target,
              urlFor(target.entry, a, { [name]: payload }),
              caller,
              validBody(target, a),
            );

            expect([400, 404], `${name}=${payload}: ${res.text.slice(0, 200)}`).toContain(
              res.status,
            );
            expectHarmless(res.status, res.text);
          }
        }
      },
    );
  }

  it('GET /api/guest/documents/[id] – payloads in the id answer 400 or 404', async () => {
    const [target] = targets((e) => isGuestRoute(e) && e.takesId);
    const cookie = await request(baseUrl, `/r/${a.linkToken}`).then(
      (r) =>
        r
          .setCookies()
          .find((c) => c.startsWith('__Host-vetloop_guest='))!
          .split(';')[0]!,
    );
    for (const payload of PATH_PAYLOADS) {
      const res = await send(baseUrl, target!, urlFor(target!.entry, a, { id: payload }), {
        kind: 'guest',
        cookie,
      });

      expect([400, 404]).toContain(res.status);
      expectHarmless(res.status, res.text);
    }
  });

  it('GET /r/[token] – payloads in a tracking-link token answer 404', async () => {
    for (const payload of PATH_PAYLOADS.slice(0, 3)) {
      const res = await request(baseUrl, `/r/${encodeURIComponent(payload)}`, {
        localAddress: '127.0.0.31',
      });

      expect(res.status).toBe(404);
      expectHarmless(res.status, res.text);
    }
  });
});

describe('injection in query parameters', () => {
  const caller: Credential = { kind: 'session', token: a.sessions.admin! };
  const list = targets((e) => e.path === '/api/v1/referrals' && e.methods.includes('GET'))[0]!;
  for (const param of LIST_PARAMS) {
    check(
      `GET /api/v1/referrals – payloads in ?${param} never answer 500 or another practice’s data`,
      async () => {
        for (const payload of INJECTION_PAYLOADS) {
          const res = await send(
            baseUrl,
            list,
            `/api/v1/referrals?${param}=${encodeURIComponent(payload)}`,
            caller,
          );

          expect([200, 400]).toContain(res.status);
          expectHarmless(res.status, res.text);
        }
      },
    );
  }
});

describe('injection in JSON bodies', () => {
  const caller: Credential = { kind: 'session', token: a.spareSessions[4]! };
  const writes = targets(
    (e) => isApi(e) && !e.methods.includes('GET') && !e.methods.includes('DELETE'),
  );
  for (const target of writes) {
    const sample = validBody(target, a);
    if (sample.type !== 'application/json') continue;
    it(`${target.label} – payloads in every string field never answer 500`, async () => {
      const fields = Object.entries(JSON.parse(sample.body) as Record<string, unknown>).filter(
        ([, v]) => typeof v === 'string',
      );
      for (const [field] of fields.slice(0, 2)) {
        for (const payload of BODY_PAYLOADS) {
          const body = { ...(JSON.parse(sample.body) as object), [field]: payload };
          const res = await send(baseUrl, target, urlFor(target.entry, a), caller, {
            body: JSON.stringify(body),
            type: 'application/json',
          });

          expectHarmless(res.status, res.text);
          expect([401, 403], 'the payload must reach the handler').not.toContain(res.status);
        }
      }
    });
  }
});
