/**
 * Redis, which holds the rate-limit counters, goes away. The documented policy
 * (lib/rate-limit/tiers.ts, docs/decisions/0002-rate-limits.md): tiers that guard
 * against guessing and flooding (sign-in, MFA, token exchange, intake, link opening) fail
 * closed with 503; ordinary API limits fail open with one warning, since refusing every
 * clinician because a counter store is down would be the worse outage. The app must not
 * crash or hang, and must use Redis again when it returns.
 */
import { checkConsistency } from '../consistency';
import { check, statusCounts, waitUntil, watchLog, type Fault, type Harness } from '../harness';
import { errorCode, request, type Reply } from '../http-client';
import { sleep, startLoad } from '../load';

const DOWN_MS = 8_000;

function exchangeToken(h: Harness): Promise<Reply> {
  return request(h.target, {
    method: 'POST',
    path: '/api/v1/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'api_key', api_key: h.fixtures.apiKey }),
    timeoutMs: 10_000,
  });
}

export const redisOutage: Fault = {
  name: '3. redis outage',
  async run(h) {
    const log = watchLog(h);
    const before = await exchangeToken(h);
    const load = startLoad(h.target, h.fixtures, h.ledger, {
      workers: 3,
      uploads: false,
      timeoutMs: 20_000,
    });
    await sleep(2_000);

    await h.stack.redis.stop();
    const down = Date.now();
    await sleep(1_000);
    const exchanges: Reply[] = [];
    while (Date.now() - down < DOWN_MS) {
      exchanges.push(await exchangeToken(h));
      await sleep(1_500);
    }
    const loadDuringOutage = load.samples.filter((s) => s.at > down + 2_000);
    await h.stack.redis.start();
    let after: Reply | undefined;
    const recoveredIn = await waitUntil(
      async () => {
        after = await exchangeToken(h);

        return after.status === 200;
      },
      15_000,
      1_000,
    );
    const samples = await load.stop();

    const closed = exchanges.filter((r) => r.status === 503 && errorCode(r) === 'unavailable');
    const slowest = Math.max(0, ...exchanges.map((r) => r.ms));
    const served = loadDuringOutage.filter((s) => s.status >= 200 && s.status < 300);
    const failed = loadDuringOutage.filter((s) => s.status >= 500 || s.timedOut || s.status === 0);

    return [
      check('before: token exchange works', before.status === 200, `status ${before.status}`),
      check(
        'while down: token exchange fails closed with 503, promptly',
        exchanges.length > 0 && closed.length === exchanges.length && slowest < 5_000,
        `${exchanges.map((r) => r.status).join(' ')}; slowest ${slowest} ms`,
      ),
      check(
        'while down: API reads and writes fail open (documented), no 5xx or hang',
        served.length > 0 && failed.length === 0,
        statusCounts(loadDuringOutage),
      ),
      check(
        'after: Redis is used again without a restart',
        recoveredIn !== null && h.app.alive,
        recoveredIn === null
          ? `token exchange still ${after?.status} 15 s after Redis returned`
          : `token exchange 200 ${recoveredIn} ms after Redis returned`,
      ),
      check(
        'no request hung',
        samples.every((s) => !s.timedOut),
        statusCounts(samples),
      ),
      log.check(/redis|rate limit/i, { max: 4, label: 'rate-limit store down' }),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
