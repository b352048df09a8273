/**
 * One scenario under autocannon, in this process (not the app's), with every response's
 * latency kept so that p95 is exact (autocannon's own histogram reports p90 and p97.5),
 * and the app's resident memory sampled from /proc while it runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

import autocannon, { type AutocannonResult } from 'autocannon';

export interface BuiltRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface Scenario {
  name: string;
  connections: number;
  /** Seconds; or a fixed number of requests with `amount`. */
  duration?: number;
  amount?: number;
  /** Statuses that count as success. */
  expect: number[];
  build: (i: number) => BuiltRequest;
}

export interface ScenarioResult {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  statuses: Record<string, number>;
  appRssMiB: { before: number; peak: number; rise: number };
  /** CPU seconds per wall second (2 = both cores busy) of the app and of Postgres. */
  cpu: { app: number; postgres: number; loadGenerator: number };
}

const MiB = 1024 * 1024;

/** Resident set size of a process, in bytes, from /proc (VmRSS or VmHWM). */
export function readMemory(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 0; // the process has exited; the runner reports that
  }
  const pattern = field === 'VmRSS' ? /^VmRSS:\s+(\d+) kB/m : /^VmHWM:\s+(\d+) kB/m;
  const match = pattern.exec(status);

  return match ? Number(match[1]) * 1024 : 0;
}

function sampleMemory(pid: number) {
  const before = readMemory(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, readMemory(pid));
  }, 20);

  return () => {
    clearInterval(timer);
    peak = Math.max(peak, readMemory(pid));
    const mib = (n: number) => Math.round((n / MiB) * 10) / 10;

    return { before: mib(before), peak: mib(peak), rise: mib(peak - before) };
  };
}

/** utime + stime of a process in seconds (USER_HZ is 100 on Linux). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The postmaster's children (backends, walwriter...) of the bench cluster. */
function postgresPids(postmaster: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');

        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    });
}

function cpuMeter(appPid: number, postmaster: number) {
  const pids = () => [postmaster, ...postgresPids(postmaster)];
  const before = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
  const app = cpuSeconds(appPid);
  const self = process.cpuUsage();
  const started = performance.now();

  return () => {
    const wall = (performance.now() - started) / 1000;
    const db = pids().reduce((sum, pid) => sum + cpuSeconds(pid) - (before.get(pid) ?? 0), 0);
    const round = (n: number) => Math.round((n / wall) * 100) / 100;

    const used = process.cpuUsage(self);

    return {
      app: round(cpuSeconds(appPid) - app),
      postgres: round(db),
      loadGenerator: round((used.user + used.system) / 1e6),
    };
  };
}

/** Runs `fn` while sampling the app's memory and the CPU of the app, Postgres and this process. */
export async function metered<T>(
  pids: { app: number; postmaster: number },
  fn: () => Promise<T>,
): Promise<{ value: T; appRssMiB: ScenarioResult['appRssMiB']; cpu: ScenarioResult['cpu'] }> {
  const stopSampling = sampleMemory(pids.app);
  const stopCpu = cpuMeter(pids.app, pids.postmaster);
  const value = await fn();

  return { value, appRssMiB: stopSampling(), cpu: stopCpu() };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;

  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function runScenario(
  origin: string,
  scenario: Scenario,
  pids: { app: number; postmaster: number },
): Promise<ScenarioResult> {
  const appPid = pids.app;
  const stopCpu = cpuMeter(pids.app, pids.postmaster);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const stopSampling = sampleMemory(appPid);

  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: scenario.connections,
        ...(scenario.amount ? { amount: scenario.amount } : { duration: scenario.duration ?? 10 }),
        timeout: 30,
        requests: [{ setupRequest: (req) => ({ ...req, ...scenario.build(next++) }) }],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  const memory = stopSampling();
  const cpu = stopCpu();

  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses)
    .filter(([status]) => scenario.expect.includes(Number(status)))
    .reduce((n, [, count]) => n + count, 0);
  const round = (n: number) => Math.round(n * 10) / 10;

  return {
    name: scenario.name,
    connections: scenario.connections,
    seconds: round(result.duration),
    requests: latencies.length,
    rps: round(latencies.length / Math.max(result.duration, 0.001)),
    latencyMs: {
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      p99: round(percentile(latencies, 0.99)),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
    // autocannon counts timeouts among its errors.
    errors: latencies.length - ok + result.errors,
    statuses,
    appRssMiB: memory,
    cpu,
  };
}
