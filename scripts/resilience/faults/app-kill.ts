/**
 * The app is killed outright (SIGKILL: no shutdown hooks, no pending writes flushed) in
 * the middle of status changes, notes and uploads, then started again. Every change is
 * one transaction, so the database holds each one whole or not at all. Uploads have a
 * by-design gap: the sealed file is renamed into place before its row commits, so a kill
 * between the two leaves a file without a row (never a row without its file), and a kill
 * mid-stream a `.tmp-*` file. The app sweeps both (lib/documents/sweep-orphan-files.ts,
 * a minute after start and hourly, for files older than 15 minutes); with the load
 * stopped, this fault runs that sweep with no grace period and then checks the disk.
 */
import { checkConsistency, listStoredFiles } from '../consistency';
import { check, statusCounts, type Fault } from '../harness';
import { sleep, startLoad } from '../load';
import { stopApp } from '../app-process';

export const appKill: Fault = {
  name: '5. app killed (SIGKILL)',
  async run(h) {
    const load = startLoad(h.target, h.fixtures, h.ledger, {
      workers: 6,
      uploads: true,
      timeoutMs: 20_000,
    });
    await sleep(5_000);
    const killed = h.app.pid;
    await stopApp(h.app, 'SIGKILL');
    await sleep(1_000);
    const during = await load.stop();
    const { code, signal } = await h.app.exited();

    const restartedAt = Date.now();
    await h.restartApp();
    const startSeconds = ((Date.now() - restartedAt) / 1000).toFixed(1);
    const afterLoad = startLoad(h.target, h.fixtures, h.ledger, {
      workers: 4,
      uploads: true,
      timeoutMs: 20_000,
    });
    await sleep(4_000);
    const after = await afterLoad.stop();

    const leftovers = listStoredFiles(h.stack.documentsDir);
    // The load has stopped: no upload is in flight, so no grace period is needed.
    const { sweepOrphanDocumentFiles } = await import('@/lib/documents/sweep-orphan-files');
    const swept = await sweepOrphanDocumentFiles({ root: h.stack.documentsDir, olderThanMs: 0 });

    return [
      check(
        'the app was killed under load',
        signal === 'SIGKILL' && during.some((s) => s.kind === 'upload'),
        `pid ${killed} ended by ${signal ?? `exit ${code}`}; load before and during: ${statusCounts(during)}`,
      ),
      check(
        'restarted, it serves again',
        after.some((s) => s.status >= 200 && s.status < 300) && after.every((s) => !s.timedOut),
        `started in ${startSeconds} s; then ${statusCounts(after)}`,
      ),
      check(
        'leftovers of cut uploads are only files without rows, and the sweep removes them',
        swept.orphans + swept.temps <= leftovers.temps.length + leftovers.blobs.length,
        `swept ${swept.orphans} sealed file(s) without a row and ${swept.temps} temp file(s)`,
      ),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
