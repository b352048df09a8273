import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { SESSION_COOKIE } from '@/lib/auth/session-policy';
import { can, ROLES } from '@/lib/auth/permissions';

import { request } from './harness/http';
import { multipart } from './harness/sign-in';
import { ROUTE_MANIFEST } from './route-manifest';

const { baseUrl, distDir, fixtures } = inject('security');
const { a } = fixtures;

interface BuiltAction {
  id: string;
  /** A page whose bundle holds the action, as a URL path with the fixtures' ids filled in. */
  pagePath: string;
}

/** Next's own list of server actions in the build under test, by module and export name. */
function builtActions(): Map<string, BuiltAction> {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, 'server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename: string; exportedName: string; workers: object }> };
  const out = new Map<string, BuiltAction>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers)[0]!;
    const pagePath =
      worker
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace(/\/\([^)]*\)/g, '')
        .replace('[id]', a.referralId) || '/';
    out.set(`${entry.filename}#${entry.exportedName}`, { id, pagePath });
  }

  return out;
}

/**
 * Calls a server action the way React's client does (`Next-Action`, the arguments encoded
 * as a reply: the previous state, then the form as `$K1` with its fields prefixed `_1_`).
 * The form carries a field no schema knows, so an action that lets the caller in stops at
 * validation and changes nothing.
 */
async function callAction(action: BuiltAction, sessionToken: string) {
  // The form's fields go first, as React sends them: the root ("0") is resolved on arrival.
  const { body, type } = multipart([
    ['_1_securitySuiteProbe', 'x'],
    ['0', JSON.stringify([{ status: 'idle' }, '$K1'])],
  ]);
  const res = await request(baseUrl, action.pagePath, {
    method: 'POST',
    headers: {
      origin: baseUrl,
      accept: 'text/x-component',
      'next-action': action.id,
      'content-type': type,
      cookie: `${SESSION_COOKIE}=${sessionToken}`,
    },
    body,
  });

  return { status: res.status, code: /"status":"error","code":"(\w+)"/.exec(res.text)?.[1] };
}

const staffActions = ROUTE_MANIFEST.filter(
  (e) => e.kind === 'action' && e.auth === 'staff' && e.permission !== undefined,
).flatMap((entry) => entry.methods.map((name) => ({ entry, name })));

describe('authorization: every staff server action against every role, over HTTP', () => {
  const built = builtActions();

  it('finds every staff server action of the manifest in the build', () => {
    const missing = staffActions
      .map(({ entry, name }) => `${entry.path}#${name}`)
      .filter((key) => !built.has(key));

    expect(staffActions.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  for (const { entry, name } of staffActions) {
    const permission = entry.permission!;
    for (const role of ROLES) {
      const allowed = can(role, permission);
      it(`${name} (${entry.path}) – ${role} ${allowed ? 'passes' : 'is refused'} (${permission})`, async () => {
        const action = built.get(`${entry.path}#${name}`);
        if (!action) throw new Error('not in the build');

        const result = await callAction(action, a.actionSessions[role]!);

        expect(result.status).toBe(200);
        expect(result.code).toBe(allowed ? 'validation_failed' : 'forbidden');
      });
    }
  }
});
