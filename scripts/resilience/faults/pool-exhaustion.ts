/**
 * Every connection of the app's pool is held: a superuser takes an exclusive lock on the
 * sessions table, which every signed-in request touches first, so each pooled connection
 * waits on it and later requests wait for a connection. Both waits are bounded (the app
 * role's lock_timeout and the pool's connection timeout, 5 s each); the app must answer
 * 503 within them, never hang, and serve again once the lock is released.
 */
import { checkConsistency } from '../consistency';
import { superuserClient } from '../fixtures';
import { between, check, statusCounts, waitUntil, watchLog, type Fault } from '../harness';
import { sleep, startLoad } from '../load';

const HOLD_MS = 12_000;
const HANG_MS = 20_000;
/** Lock wait plus pool wait, with room for a loaded machine. */
const BOUND_MS = 12_000;

export const poolExhaustion: Fault = {
  name: '2. pool exhausted',
  async run(h) {
    const log = watchLog(h);
    const poolMax = Number(h.stack.env.DATABASE_POOL_MAX);
    const load = startLoad(h.target, h.fixtures, h.ledger, {
      workers: poolMax * 2 + 2,
      uploads: false,
      timeoutMs: HANG_MS,
    });
    await sleep(3_000);

    const su = await superuserClient(h.stack);
    const held = Date.now();
    let waiting = 0;
    try {
      await su.query('BEGIN');
      await su.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      await sleep(3_000);
      const { rows } = await su.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE usename = 'vetloop_app' AND wait_event_type = 'Lock'`,
      );
      waiting = rows[0]!.n;
      await sleep(HOLD_MS - 3_000);
    } finally {
      await su.query('COMMIT').catch(() => undefined);
      await su.end();
    }
    const released = Date.now();
    const recoveredIn = await waitUntil(
      () => load.samples.some((s) => s.at > released + 200 && s.status >= 200 && s.status < 300),
      20_000,
    );
    await sleep(2_000);
    const samples = await load.stop();

    // Answers that arrived while the lock was held and were sent after it was taken.
    const during = between(samples, held + 1_000, released).filter((s) => s.at - s.ms >= held);
    const wrong = during.filter((s) => s.status !== 503 || s.timedOut);
    const slowest = Math.max(0, ...during.map((s) => s.ms));

    return [
      check(
        'the pool is exhausted',
        waiting >= poolMax,
        `${waiting} of the app's ${poolMax} pooled connections waiting on the lock`,
      ),
      check(
        'while held: 503 within the bounded waits, never a hang',
        during.length > 0 && wrong.length === 0 && slowest <= BOUND_MS,
        `${statusCounts(during)}; slowest ${slowest} ms (bound ${BOUND_MS} ms)`,
      ),
      check(
        'after release: serves again',
        recoveredIn !== null && h.app.alive,
        recoveredIn === null ? 'no 2xx within 20 s' : `first 2xx ${recoveredIn} ms after release`,
      ),
      log.check(/pool|database|lock/i, { max: 6, label: 'pool exhausted' }),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
