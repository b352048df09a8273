import { randomUUID } from 'node:crypto';

import { describe, expect, inject, it } from 'vitest';

import { can, ROLES } from '@/lib/auth/permissions';

import { check } from './known-gaps';
import { request } from './harness/http';
import { expectErrorBody, isApi, send, targets, urlFor } from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a } = fixtures;

// Bodies are '{}' on purpose: a permitted caller then stops at validation (400) or finds
// nothing (404), so the table exercises the permission check and nothing is changed.
describe('authorization: every API route against every role, from outside', () => {
  for (const target of targets(isApi)) {
    const permission = target.entry.permission!;
    for (const role of ROLES) {
      const allowed = can(role, permission);
      it(`${target.label} – ${role} ${allowed ? 'passes' : 'is refused'} (${permission})`, async () => {
        // A permitted DELETE must not revoke the fixtures other tests stand on.
        const overrides: Record<string, string> =
          target.method === 'DELETE' ? { id: randomUUID() } : {};
        const res = await send(baseUrl, target, urlFor(target.entry, a, overrides), {
          kind: 'session',
          token: a.sessions[role]!,
        });

        if (allowed) {
          expect([401, 403], res.text.slice(0, 200)).not.toContain(res.status);
          expect(res.status).toBeLessThan(500);
        } else {
          expectErrorBody(res, 'forbidden');
        }
      });
    }
  }
});

describe('authorization: API keys are held to their role', () => {
  const writes = targets((e) => isApi(e) && !e.methods.includes('GET'));
  for (const target of writes) {
    it(`${target.label} – a read-only API key is refused`, async () => {
      const res = await send(baseUrl, target, urlFor(target.entry, a), {
        kind: 'bearer',
        token: a.apiKeys.read_only!.token,
      });

      expectErrorBody(res, 'forbidden');
    });
  }
});

describe('authentication: nothing private without a credential', () => {
  for (const target of targets(isApi)) {
    it(`${target.label} – without a credential answers 401`, async () => {
      const res = await send(baseUrl, target, urlFor(target.entry, a), { kind: 'none' });

      expectErrorBody(res, 'unauthenticated');
      expect(res.header('www-authenticate')).toBe('Bearer');
    });
  }

  for (const target of targets((e) => e.kind === 'page' && e.auth === 'staff')) {
    it(`${target.label} – without a session redirects to /sign-in`, async () => {
      const res = await request(baseUrl, urlFor(target.entry, a));

      expect([302, 303, 307, 308]).toContain(res.status);
      expect(res.header('location')).toMatch(/\/sign-in$/);
    });
  }

  for (const target of targets((e) => e.kind === 'route' && e.auth === 'guest')) {
    it(`${target.label} – without a guest session answers 401`, async () => {
      const res = await send(baseUrl, target, urlFor(target.entry, a), { kind: 'none' });

      expectErrorBody(res, 'unauthenticated');
    });
  }
});

describe('authorization: staff pages by role', () => {
  for (const target of targets((e) => e.kind === 'page' && !!e.permission)) {
    for (const role of ROLES) {
      const allowed = can(role, target.entry.permission!);
      check(`${target.label} – ${role} ${allowed ? 'sees the page' : 'is refused'}`, async () => {
        const res = await request(baseUrl, urlFor(target.entry, a), {
          headers: { cookie: `__Host-vetloop_session=${a.sessions[role]}` },
        });

        if (allowed) {
          expect(res.status).toBe(200);
        } else {
          expect(res.status).toBe(403);
          // Ids the caller put in the URL come back in Next's router state; nothing else may.
          const url = urlFor(target.entry, a);
          const secrets = [...a.users.map((u) => u.email), a.referralId, a.practiceId];
          for (const secret of secrets.filter((s) => !url.includes(s))) {
            expect(res.text).not.toContain(secret);
          }
        }
      });
    }
  }
});
