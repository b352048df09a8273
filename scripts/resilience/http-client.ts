/**
 * One HTTPS request to the app with a hard deadline, never throwing: a network error is
 * status 0 and a request that outlives its deadline is `timedOut` (a hang, for the checks).
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';

export interface Target {
  origin: string;
  caFile: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export interface Reply {
  status: number;
  body: string;
  ms: number;
  timedOut: boolean;
  error?: string;
}

const agents = new Map<string, https.Agent>();

function agentFor(target: Target): https.Agent {
  let agent = agents.get(target.caFile);
  if (!agent) {
    agent = new https.Agent({
      keepAlive: true,
      maxSockets: 64,
      ca: readFileSync(target.caFile, 'utf8'),
      servername: 'localhost',
    });
    agents.set(target.caFile, agent);
  }

  return agent;
}

/** Drops kept-alive sockets (after the app was killed, they point at nothing). */
export function resetConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export function request(target: Target, spec: RequestSpec): Promise<Reply> {
  const started = performance.now();
  const url = new URL(spec.path, target.origin);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (reply: Omit<Reply, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...reply, ms: Math.round(performance.now() - started) });
    };
    const headers: Record<string, string> = { origin: target.origin, ...spec.headers };
    if (spec.body !== undefined) headers['content-length'] = String(Buffer.byteLength(spec.body));
    const req = https.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: spec.method,
        headers,
        agent: agentFor(target),
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            timedOut: false,
          }),
        );
        res.on('error', (error) =>
          finish({ status: 0, body: '', timedOut: false, error: error.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: 0, body: '', timedOut: true, error: 'timed out' });
    }, spec.timeoutMs ?? 30_000);
    req.on('error', (error) =>
      finish({ status: 0, body: '', timedOut: false, error: error.message }),
    );
    req.end(spec.body);
  });
}

/** The standard error body's code, if the reply carries one. */
export function errorCode(reply: Reply): string | undefined {
  try {
    const parsed = JSON.parse(reply.body) as { error?: { code?: unknown } };

    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}
