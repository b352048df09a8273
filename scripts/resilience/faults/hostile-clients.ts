/**
 * Clients that misbehave: bodies far over the 25 MB limit (declared, and streamed without
 * a length), malformed JSON, headers sent a line at a time and never finished, and a body
 * trickled a byte a second. The gateway and the parser must refuse or cut each of them,
 * and other clients must be served meanwhile.
 */
import { checkConsistency } from '../consistency';
import { check, statusCounts, type Fault, type Harness } from '../harness';
import { request } from '../http-client';
import { sleep, type Sample } from '../load';
import { rawRequest, type RawResult } from '../slow-client';

const MiB = 1024 * 1024;
const SLOW_SOCKETS = 40;
/** headersTimeout (10 s) plus Node's check of it, which runs every few seconds. */
const SLOW_HEADERS_BOUND_MS = 20_000;
const SLOW_BODY_BOUND_MS = 40_000;

function target(h: Harness) {
  const practice = h.fixtures.practices[0]!;

  return {
    path: `/api/v1/referrals/${practice.referrals[0]}/status`,
    cookie: practice.cookies[0]!,
  };
}

function head(h: Harness, extra: string): string {
  const t = target(h);

  return (
    `POST ${t.path} HTTP/1.1\r\nHost: localhost\r\nOrigin: ${h.target.origin}\r\n` +
    `Cookie: ${t.cookie}\r\nContent-Type: application/json\r\n${extra}`
  );
}

/** A reader signed in as someone else keeps asking for the referral list meanwhile. */
function bystander(h: Harness) {
  const practice = h.fixtures.practices[1]!;
  const samples: Sample[] = [];
  let stopping = false;
  const loop = (async () => {
    for (let i = 0; !stopping; i += 1) {
      const reply = await request(h.target, {
        method: 'GET',
        path: '/api/v1/referrals',
        headers: { cookie: practice.cookies[i % practice.cookies.length]! },
        timeoutMs: 10_000,
      });
      samples.push({
        at: Date.now(),
        kind: 'read',
        status: reply.status,
        ms: reply.ms,
        timedOut: reply.timedOut,
      });
      await sleep(300);
    }
  })();

  return {
    async stop() {
      stopping = true;
      await loop;

      return samples;
    },
  };
}

function served(samples: Sample[]): boolean {
  return samples.length > 0 && samples.every((s) => s.status === 200 && s.ms < 3_000);
}

function closedWithin(results: RawResult[], boundMs: number): string {
  const slowest = Math.max(...results.map((r) => r.closedAfterMs));

  return `${results.length} sockets closed after ${Math.min(...results.map((r) => r.closedAfterMs))}–${slowest} ms (bound ${boundMs} ms); statuses ${[...new Set(results.map((r) => r.status))].join(',')}`;
}

export const hostileClients: Fault = {
  name: '6. hostile clients',
  async run(h) {
    const declared = await rawRequest(h.target, {
      head: head(h, `Content-Length: ${30 * MiB}\r\n\r\n`),
      next: (turn) => (turn < 200 ? Buffer.alloc(64 * 1024, 0x20) : null),
      delayMs: 0,
      giveUpMs: 15_000,
    });
    const streamed = await rawRequest(h.target, {
      head: head(h, 'Transfer-Encoding: chunked\r\n\r\n'),
      // 40 MB of JSON-ish padding in 64 KiB chunks, until the server answers or closes.
      next: (turn) => {
        if (turn >= 640) return Buffer.from('0\r\n\r\n');
        const data = Buffer.alloc(64 * 1024, 0x20);

        return Buffer.concat([
          Buffer.from(`${data.length.toString(16)}\r\n`),
          data,
          Buffer.from('\r\n'),
        ]);
      },
      delayMs: 0,
      giveUpMs: 30_000,
    });
    const t = target(h);
    const malformed = await request(h.target, {
      method: 'POST',
      path: t.path,
      headers: { cookie: t.cookie, 'content-type': 'application/json' },
      body: '{"action": "request_info", ',
    });
    let shape = 'not the standard error body';
    try {
      const parsed = JSON.parse(malformed.body) as { error?: Record<string, unknown> };
      const keys = Object.keys(parsed.error ?? {})
        .sort()
        .join(',');
      if (
        Object.keys(parsed).join(',') === 'error' &&
        keys === 'code,message,requestId' &&
        parsed.error?.code === 'bad_request'
      ) {
        shape = `{ error: { code: "bad_request", message: "${String(parsed.error.message)}", requestId } }`;
      }
    } catch {
      shape = `not JSON: ${malformed.body.slice(0, 80)}`;
    }

    const readers = bystander(h);
    const slowHeaders = Promise.all(
      Array.from({ length: SLOW_SOCKETS }, (_, i) =>
        rawRequest(h.target, {
          head: `GET /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\n`,
          next: (turn) => Buffer.from(`X-Slow-${i}-${turn}: ${'a'.repeat(20)}\r\n`),
          delayMs: 1_000,
          giveUpMs: SLOW_HEADERS_BOUND_MS + 10_000,
        }),
      ),
    );
    const slowBodies = Promise.all(
      Array.from({ length: SLOW_SOCKETS / 4 }, () =>
        rawRequest(h.target, {
          head: head(h, 'Content-Length: 100000\r\n\r\n'),
          next: () => Buffer.from(' '),
          delayMs: 1_000,
          giveUpMs: SLOW_BODY_BOUND_MS + 10_000,
        }),
      ),
    );
    const [headers, bodies] = await Promise.all([slowHeaders, slowBodies]);
    const reads = await readers.stop();

    return [
      check(
        'a declared 30 MB body: 413 at once',
        declared.status === 413 && declared.closedAfterMs < 5_000,
        `${declared.status} after ${declared.closedAfterMs} ms, ${(declared.sent / MiB).toFixed(1)} MiB sent`,
      ),
      check(
        'a streamed 40 MB body without a length: refused, not read to the end',
        streamed.status === 413 && streamed.sent < 40 * MiB,
        `${streamed.status || 'closed without a status'} after ${streamed.closedAfterMs} ms, ${(streamed.sent / MiB).toFixed(1)} MiB sent; ${JSON.stringify(streamed.response.slice(0, 400))}`,
      ),
      check(
        'malformed JSON: 400 in the standard error shape',
        malformed.status === 400 && shape.startsWith('{ error'),
        `${malformed.status}: ${shape}`,
      ),
      check(
        'headers that never finish are cut off',
        headers.every((r) => r.closedAfterMs <= SLOW_HEADERS_BOUND_MS),
        closedWithin(headers, SLOW_HEADERS_BOUND_MS),
      ),
      check(
        'a body trickled a byte a second is cut off',
        bodies.every((r) => r.closedAfterMs <= SLOW_BODY_BOUND_MS),
        closedWithin(bodies, SLOW_BODY_BOUND_MS),
      ),
      check(
        'other clients are served meanwhile',
        served(reads),
        `${statusCounts(reads)}; slowest ${Math.max(0, ...reads.map((s) => s.ms))} ms`,
      ),
      check('the app is still up', h.app.alive, `pid ${h.app.pid}`),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
