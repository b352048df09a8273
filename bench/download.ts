/**
 * Downloads under load. autocannon parses every response byte in JavaScript, which for
 * 10 MB bodies makes the load generator, not the app, the bottleneck (it used most of a
 * core at 25 MB/s); this driver lets node:https discard the bytes natively instead.
 */
import https from 'node:https';

import type { ScenarioResult } from './load';

export interface DownloadTarget {
  path: string;
  cookie: string;
}

function download(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false, headers: { cookie } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      })
      .on('error', reject);
  });
}

export async function runDownloads(
  origin: string,
  targets: DownloadTarget[],
  seconds: number,
  connections: number,
): Promise<Omit<ScenarioResult, 'appRssMiB' | 'cpu'> & { mbPerSecond: number }> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const target = targets[next++ % targets.length]!;
      const started = performance.now();
      const res = await download(`${origin}${target.path}`, target.cookie).catch(() => ({
        status: 0,
        bytes: 0,
      }));
      latencies.push(performance.now() - started);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      bytes += res.bytes;
    }
  };
  const wallStart = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const wall = (performance.now() - wallStart) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(
      (latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0) * 10,
    ) / 10;

  return {
    name: `download 10 MB (GET /api/v1/referrals/:id/documents/:docId), ${connections} at once`,
    connections,
    seconds: Math.round(wall * 10) / 10,
    requests: latencies.length,
    rps: Math.round((latencies.length / wall) * 10) / 10,
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
    errors: latencies.length - (statuses['200'] ?? 0),
    statuses,
    mbPerSecond: Math.round(bytes / 1e6 / wall),
  };
}
