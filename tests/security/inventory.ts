import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** What the file system says the app exposes: pages, route handlers and server actions. */
export type RouteKind = 'page' | 'route' | 'action';

export interface InventoryEntry {
  /** URL pattern for pages and routes (`/api/v1/referrals/[id]`); the module file for actions. */
  path: string;
  kind: RouteKind;
  /** HTTP methods of a route handler, exported action names of a server-action module. */
  methods: string[];
  /** Repository-relative file. */
  file: string;
  source: string;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
// Directories whose modules may declare server actions; lib/ must not (lint keeps it server-only).
const ACTION_DIRS = ['app', 'components', 'lib'];

function walk(dir: string): string[] {
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true, encoding: 'utf8' });
  } catch {
    return [];
  }

  return names.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : walk(full);

    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** `app/(staff)/referrals/[id]/page.tsx` → `/referrals/[id]`: groups and slots leave no trace. */
export function urlPatternOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && s !== '.' && !/^\(.*\)$/.test(s) && !s.startsWith('@'));

  return `/${segments.join('/')}`;
}

/** Names a module exports as values (`export const X`, `export async function X`, `export { X }`). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  // Scans this repository's own source, never request input.
  // eslint-disable-next-line security/detect-unsafe-regex
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:const|let|function)\s+(\w+)/gm)) {
    names.add(m[1]!);
  }
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && !name.startsWith('type ')) names.add(name);
    }
  }

  return [...names];
}

/** The text of one export, up to the next top-level export. */
export function exportSegment(source: string, name: string): string {
  const start = source.search(
    // `name` is an export name read from our own source.
    // eslint-disable-next-line security/detect-non-literal-regexp
    new RegExp(`^export\\s+(?:async\\s+)?(?:const|let|function)\\s+${name}\\b`, 'm'),
  );
  if (start < 0) return '';
  const rest = source.slice(start + 1);
  const next = rest.search(/^export\s/m);

  return next < 0 ? source.slice(start) : source.slice(start, start + 1 + next);
}

export function isServerActionModule(source: string): boolean {
  // Scans this repository's own source, never request input.
  // eslint-disable-next-line security/detect-unsafe-regex
  const body = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*/, '');

  return /^\s*['"]use server['"]/.test(body);
}

/** A `'use server'` inside a function body: an inline action the inventory must also see. */
export function hasInlineServerAction(source: string): boolean {
  return !isServerActionModule(source) && /^\s+['"]use server['"];?\s*$/m.test(source);
}

export function inventory(root: string = ROOT): InventoryEntry[] {
  const entries: InventoryEntry[] = [];
  for (const full of walk(path.join(root, 'app'))) {
    const base = path.basename(full);
    const file = path.relative(root, full);
    const source = readFileSync(full, 'utf8');
    if (/^page\.(tsx|ts)$/.test(base)) {
      entries.push({ path: urlPatternOf(full), kind: 'page', methods: ['GET'], file, source });
    } else if (/^route\.(ts|tsx)$/.test(base)) {
      const methods = exportedNames(source).filter((n) => HTTP_METHODS.includes(n));
      entries.push({
        path: urlPatternOf(full),
        kind: 'route',
        methods: methods.sort(),
        file,
        source,
      });
    }
  }
  for (const dir of ACTION_DIRS) {
    for (const full of walk(path.join(root, dir))) {
      const source = readFileSync(full, 'utf8');
      const file = path.relative(root, full);
      if (isServerActionModule(source)) {
        const methods = exportedNames(source).sort();
        entries.push({ path: file, kind: 'action', methods, file, source });
      } else if (hasInlineServerAction(source)) {
        entries.push({ path: file, kind: 'action', methods: ['(inline)'], file, source });
      }
    }
  }

  return entries.sort((a, b) => `${a.kind}${a.path}`.localeCompare(`${b.kind}${b.path}`));
}
