/**
 * The database goes away and comes back, under a load of status changes and notes. While
 * it is down the app must answer 503 quickly (not 500, not hang); once it is back the app
 * must serve again by itself, with nothing acknowledged lost.
 */
import { checkConsistency } from '../consistency';
import { between, check, statusCounts, waitUntil, watchLog, type Fault } from '../harness';
import { sleep, startLoad } from '../load';

const DOWN_MS = 8_000;
const HANG_MS = 20_000;

export const databaseRestart: Fault = {
  name: '1. database restart',
  async run(h) {
    const log = watchLog(h);
    const load = startLoad(h.target, h.fixtures, h.ledger, {
      workers: 6,
      uploads: false,
      timeoutMs: HANG_MS,
    });
    await sleep(3_000);
    const down = Date.now();
    await h.stack.postgres.stop();
    await sleep(DOWN_MS);
    const up = Date.now();
    await h.stack.postgres.start();
    const recoveredIn = await waitUntil(
      () => load.samples.some((s) => s.at > up && s.status >= 200 && s.status < 300),
      30_000,
    );
    await sleep(3_000);
    const samples = await load.stop();

    // The first second belongs to requests already past the database when it stopped.
    const outage = between(samples, down + 1_000, up);
    const wrong = outage.filter((s) => s.status !== 503 || s.timedOut);
    const slowest = Math.max(0, ...outage.map((s) => s.ms));
    const before = between(samples, 0, down);

    return [
      check(
        'before: the load is served',
        before.some((s) => s.status >= 200 && s.status < 300),
        statusCounts(before),
      ),
      check(
        'while down: every answer is 503, promptly',
        outage.length > 0 && wrong.length === 0 && slowest < 10_000,
        `${statusCounts(outage)}; slowest ${slowest} ms`,
      ),
      check(
        'after: recovers without a restart',
        recoveredIn !== null && h.app.alive,
        recoveredIn === null
          ? 'no 2xx within 30 s of the database returning'
          : `first 2xx ${recoveredIn} ms after the database was back; app pid ${h.app.pid} alive`,
      ),
      check(
        'no request hung',
        samples.every((s) => !s.timedOut),
        statusCounts(samples),
      ),
      log.check(/database/i, { max: 6, label: 'database unavailable' }),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
