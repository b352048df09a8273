import { describe, expect, it } from 'vitest';

import { PERMISSIONS } from '@/lib/auth/permissions';
import { TIERS } from '@/lib/rate-limit/tiers';

import {
  exportSegment,
  exportedNames,
  hasInlineServerAction,
  inventory,
  isServerActionModule,
  urlPatternOf,
  ROOT,
} from './inventory';
import { ROUTE_MANIFEST, type ManifestEntry } from './route-manifest';

const app = inventory();
const key = (kind: string, path: string, method: string) => `${kind} ${path} ${method}`;

function manifestKeys(): Map<string, ManifestEntry> {
  const map = new Map<string, ManifestEntry>();
  for (const entry of ROUTE_MANIFEST) {
    for (const method of entry.methods) map.set(key(entry.kind, entry.path, method), entry);
  }

  return map;
}

function template(kind: string, path: string, method: string): string {
  return `  { path: '${path}', kind: '${kind}', methods: ['${method}'], auth: ?, permission: ?, rateLimit: ?, takesId: ? }`;
}

const API_WRAPPERS = /\b(apiRoute|guestRoute)\s*[<(]/;
// Scans this repository's own source, never request input.
// eslint-disable-next-line security/detect-unsafe-regex
const ACTION_WRAPPER = /\b(?:staffAction|guestAction)\s*(?:<[^>]*>)?\(\s*'([\w.]+)'/;

/**
 * The permission a server action is built with: `export const x = staffAction('p', …)`,
 * or an exported function that calls a module constant built that way.
 */
function actionPermission(source: string, name: string): string | undefined {
  const segment = exportSegment(source, name);
  const direct = ACTION_WRAPPER.exec(segment)?.[1];
  if (direct) return direct;
  for (const m of source.matchAll(
    /^const (\w+) = (?:staffAction|guestAction)\s*\(\s*'([\w.]+)'/gm,
  )) {
    // m[1] is a constant's name from our own source.
    // eslint-disable-next-line security/detect-non-literal-regexp
    if (new RegExp(`\\b${m[1]}\\b`).test(segment.replace(/^[^\n]*\n/, ''))) return m[2];
  }

  return undefined;
}

describe('route inventory', () => {
  it('finds the app’s pages and route handlers on disk', () => {
    expect(app.some((e) => e.kind === 'page' && e.path === '/')).toBe(true);
    expect(app.some((e) => e.kind === 'route' && e.methods.length > 0)).toBe(true);
  });

  it('lists every page, route handler and server action in the security manifest', () => {
    const known = manifestKeys();
    const missing = app.flatMap((e) =>
      e.methods
        .filter((m) => !known.has(key(e.kind, e.path, m)))
        .map((m) => `${e.file}: ${template(e.kind, e.path, m)}`),
    );

    expect(
      missing,
      `Add these to tests/security/route-manifest.ts, stating their protection:\n${missing.join('\n')}`,
    ).toEqual([]);
  });

  it('has no manifest entry for a route that no longer exists', () => {
    const present = new Set(app.flatMap((e) => e.methods.map((m) => key(e.kind, e.path, m))));
    const stale = [...manifestKeys().keys()].filter((k) => !present.has(k));

    expect(stale, 'Remove these from tests/security/route-manifest.ts').toEqual([]);
  });

  it('builds every route handler with apiRoute or guestRoute, or says why not', () => {
    const known = manifestKeys();
    const bare = app
      .filter((e) => e.kind === 'route')
      .flatMap((e) => e.methods.map((m) => ({ e, m, segment: exportSegment(e.source, m) })))
      .filter(
        ({ e, m, segment }) =>
          !API_WRAPPERS.test(segment) && !known.get(key('route', e.path, m))?.unwrapped,
      )
      .map(({ e, m }) => `${e.file} ${m}`);

    expect(bare, 'Wrap these handlers (or give the manifest entry an `unwrapped` reason)').toEqual(
      [],
    );
  });

  it('checks in each apiRoute handler the permission the manifest states', () => {
    const known = manifestKeys();
    const wrong = app
      .filter((e) => e.kind === 'route')
      .flatMap((e) => e.methods.map((m) => ({ e, m, segment: exportSegment(e.source, m) })))
      .filter(({ segment }) => /\bapiRoute\s*[<(]/.test(segment))
      .flatMap(({ e, m, segment }) => {
        const stated = known.get(key('route', e.path, m))?.permission;
        const coded = /permission:\s*'([\w.]+)'/.exec(segment)?.[1];

        return stated === coded ? [] : [`${e.file} ${m}: code ${coded}, manifest ${stated}`];
      });

    expect(wrong).toEqual([]);
  });

  it('applies in each apiRoute handler the rate-limit tier the manifest states', () => {
    const known = manifestKeys();
    const wrong = app
      .filter((e) => e.kind === 'route')
      .flatMap((e) => e.methods.map((m) => ({ e, m, segment: exportSegment(e.source, m) })))
      .filter(({ segment }) => /\bapiRoute\s*[<(]/.test(segment))
      .flatMap(({ e, m, segment }) => {
        const stated = known.get(key('route', e.path, m))?.rateLimit;
        const option = /rateLimit:\s*(?:'(\w+)'|(false))/.exec(segment);
        const coded = option?.[2] ? 'none' : (option?.[1] ?? (m === 'GET' ? 'api' : 'api_write'));

        return stated === coded ? [] : [`${e.file} ${m}: code ${coded}, manifest ${stated}`];
      });

    expect(wrong).toEqual([]);
  });

  it('builds every server action with staffAction (or a guest equivalent), or says why not', () => {
    const known = manifestKeys();
    const bare = app
      .filter((e) => e.kind === 'action')
      .flatMap((e) => e.methods.map((m) => ({ e, m })))
      .filter(({ e, m }) => {
        if (known.get(key('action', e.path, m))?.unwrapped) return false;

        return m === '(inline)' || actionPermission(e.source, m) === undefined;
      })
      .map(({ e, m }) => `${e.file} ${m}`);

    expect(bare, 'Server actions must be built with staffAction (or guestAction)').toEqual([]);
  });

  it('checks in each wrapped server action the permission the manifest states', () => {
    const known = manifestKeys();
    const wrong = app
      .filter((e) => e.kind === 'action')
      .flatMap((e) => e.methods.map((m) => ({ e, m })))
      .filter(({ e, m }) => !known.get(key('action', e.path, m))?.unwrapped)
      .flatMap(({ e, m }) => {
        const stated = known.get(key('action', e.path, m))?.permission;
        const coded = actionPermission(e.source, m);

        return stated === coded ? [] : [`${e.file} ${m}: code ${coded}, manifest ${stated}`];
      });

    expect(wrong).toEqual([]);
  });

  it('checks in each staff page the permission the manifest states', () => {
    const known = manifestKeys();
    const wrong = app
      .filter((e) => e.kind === 'page')
      .flatMap((e) => {
        const stated = known.get(key('page', e.path, 'GET'))?.permission;
        const coded = /requireStaffPage\(\s*'([\w.]+)'/.exec(e.source)?.[1];

        return stated === coded ? [] : [`${e.file}: code ${coded}, manifest ${stated}`];
      });

    expect(wrong).toEqual([]);
  });

  it('states a permission for every API and staff entry, and names every dynamic segment', () => {
    const problems = ROUTE_MANIFEST.flatMap((entry) => {
      const out: string[] = [];
      const segments = [...entry.path.matchAll(/\[+\.*(\w+)\]+/g)].map((m) => m[1]!);
      if (entry.auth === 'api' && !entry.permission) out.push(`${entry.path}: no permission`);
      if (
        entry.auth === 'staff' &&
        entry.kind === 'action' &&
        !entry.permission &&
        !entry.unwrapped
      ) {
        out.push(`${entry.path}: staff action without permission or reason`);
      }
      if (entry.permission && !(entry.permission in PERMISSIONS)) {
        out.push(`${entry.path}: unknown permission ${entry.permission}`);
      }
      if (entry.rateLimit !== 'none' && !(entry.rateLimit in TIERS)) {
        out.push(`${entry.path}: unknown tier ${entry.rateLimit}`);
      }
      if (entry.kind !== 'action' && segments.length > 0 && !entry.takesId) {
        out.push(`${entry.path}: takes an id but says takesId: false`);
      }
      for (const s of segments) {
        if (entry.kind !== 'action' && !entry.params?.[s])
          out.push(`${entry.path}: segment ${s} unnamed`);
      }
      if (entry.auth === 'api' && entry.rateLimit === 'none')
        out.push(`${entry.path}: API without limit`);

      return out;
    });

    expect(problems).toEqual([]);
  });
});

describe('inventory parsing', () => {
  it('drops route groups and parallel slots from URL patterns', () => {
    expect(urlPatternOf(`${ROOT}/app/(staff)/referrals/[id]/page.tsx`)).toBe('/referrals/[id]');
    expect(urlPatternOf(`${ROOT}/app/@modal/(public)/r/[token]/route.ts`)).toBe('/r/[token]');
    expect(urlPatternOf(`${ROOT}/app/page.tsx`)).toBe('/');
  });

  it('reads exported handler names in every export form', () => {
    const source = [
      'export const GET = apiRoute({ permission: "x" }, h);',
      'export async function POST(req: Request) {}',
      'const PATCH = 1;',
      'export { PATCH, helper as DELETE };',
      'export type Foo = string;',
    ].join('\n');

    expect(exportedNames(source).sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST']);
  });

  it('tells server-action modules and inline actions apart from ordinary modules', () => {
    expect(isServerActionModule("// why\n'use server';\nexport const a = 1;")).toBe(true);
    expect(isServerActionModule("import x from 'y';\n'use server';")).toBe(false);
    expect(hasInlineServerAction("async function act() {\n  'use server';\n}")).toBe(true);
    expect(hasInlineServerAction("'use client';\nexport const a = 1;")).toBe(false);
  });

  it('cuts one export’s source at the next export', () => {
    const source = 'export const GET = apiRoute(a);\nexport async function POST() { plain(); }\n';

    expect(exportSegment(source, 'GET')).toContain('apiRoute');
    expect(exportSegment(source, 'POST')).not.toContain('apiRoute');
  });
});
