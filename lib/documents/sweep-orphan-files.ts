/* eslint-disable security/detect-non-literal-fs-filename -- paths are the configured root plus names read from it, checked as UUIDs */
import 'server-only';

import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { withPractice } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BATCH = 500;
/**
 * A sealed file is renamed into place only when its whole body is written, and its row
 * commits a few seconds later at most (the transaction's wait and timeout); a file older
 * than this without a row will never get one.
 */
export const ORPHAN_GRACE_MS = 15 * 60_000;

export interface SweepResult {
  orphans: number;
  temps: number;
}

/**
 * Removes what an upload cut short leaves on the local document disk: a `.tmp-*` file
 * when the process died mid-stream, or a sealed file whose row never committed (killed
 * between the rename and the commit). Only files older than `olderThanMs` are touched,
 * so uploads in flight are safe. Local storage only: the S3 store is not listed (known
 * gap; a bucket lifecycle rule on unreferenced keys would be its equivalent).
 */
export async function sweepOrphanDocumentFiles(
  options: { root?: string; olderThanMs?: number } = {},
): Promise<SweepResult> {
  const env = getEnv();
  const result: SweepResult = { orphans: 0, temps: 0 };
  if (env.DOCUMENT_STORAGE !== 'local' && !options.root) return result;
  const root = options.root ?? path.resolve(env.DATA_DIR, 'documents');
  const cutoff = Date.now() - (options.olderThanMs ?? ORPHAN_GRACE_MS);

  for (const practiceId of await listNames(root)) {
    if (!UUID.test(practiceId)) continue;
    const dir = path.join(root, practiceId);
    const old = await olderThan(dir, await listNames(dir), cutoff);
    for (const temp of old.filter((name) => name.startsWith('.tmp-'))) {
      await rm(path.join(dir, temp), { force: true });
      result.temps += 1;
    }
    const sealed = old.filter((name) => UUID.test(name));
    for (let i = 0; i < sealed.length; i += BATCH) {
      const ids = sealed.slice(i, i + BATCH);
      const known = await withPractice(practiceId, (db) =>
        db.document.findMany({ where: { practiceId, id: { in: ids } }, select: { id: true } }),
      );
      const kept = new Set(known.map((d) => d.id));
      for (const id of ids.filter((name) => !kept.has(name))) {
        await rm(path.join(dir, id), { force: true });
        result.orphans += 1;
      }
    }
  }
  if (result.orphans + result.temps > 0) {
    logger.info(result, 'removed document files left by interrupted uploads');
  }

  return result;
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function olderThan(dir: string, names: string[], cutoff: number): Promise<string[]> {
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < cutoff) old.push(name);
  }

  return old;
}

const sweeper = globalThis as unknown as { vetloopOrphanSweep?: NodeJS.Timeout };
const STOP_WORKERS = Symbol.for('vetloop.stopBackgroundWorkers');
const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/** Sweeps a minute after start (after a crash is when leftovers exist), then hourly. */
export function startOrphanSweeper(): void {
  if (sweeper.vetloopOrphanSweep) return;
  const sweep = () => {
    sweepOrphanDocumentFiles().catch((error: unknown) =>
      logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'document orphan sweep failed',
      ),
    );
  };
  const first = setTimeout(() => {
    sweep();
    sweeper.vetloopOrphanSweep = setInterval(sweep, SWEEP_EVERY_MS);
    sweeper.vetloopOrphanSweep.unref();
  }, FIRST_SWEEP_MS);
  first.unref();
  sweeper.vetloopOrphanSweep = first;
  // server.ts calls one stop function before closing the pool; chain ours onto it.
  const registry = globalThis as Record<symbol, unknown>;
  const previous = registry[STOP_WORKERS];
  registry[STOP_WORKERS] = () => {
    clearTimeout(sweeper.vetloopOrphanSweep);
    clearInterval(sweeper.vetloopOrphanSweep);
    sweeper.vetloopOrphanSweep = undefined;
    if (typeof previous === 'function') previous();
  };
}
