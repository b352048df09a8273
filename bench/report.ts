/** The benchmark's report: the machine, each scenario, and the targets met or missed. */
import os from 'node:os';

import type { ScenarioResult } from './load';

interface Inputs {
  seed: unknown;
  results: ScenarioResult[];
  appPeakRssMiB: number;
  verifySeconds: number;
  loadDuringRun: [number[], number[]];
  settings: Record<string, number>;
}

interface Target {
  target: string;
  value: string;
  met: boolean;
}

const find = (results: ScenarioResult[], prefix: string) =>
  results.find((r) => r.name.startsWith(prefix));

function targets(i: Inputs): Target[] {
  const list = find(i.results, 'JSON list');
  const page = find(i.results, 'referral page');
  const status = find(i.results, 'status change');
  const plain = find(i.results, 'floor: list query without');
  const rls = find(i.results, 'floor: list query with RLS');
  const upload = find(i.results, 'upload');
  const out: Target[] = [];
  const p95 = (r: ScenarioResult | undefined, label: string, limit: number) => {
    if (r)
      out.push({
        target: `${label} p95 < ${limit} ms`,
        value: `${r.latencyMs.p95} ms`,
        met: r.latencyMs.p95 < limit && r.errors === 0,
      });
  };
  p95(list, 'JSON list', 50);
  p95(page, 'referral page', 50);
  p95(status, 'status change', 80);
  if (list && rls && plain) {
    const ratio = list.rps / rls.rps;
    out.push({
      target: 'VetLoop list ≥ 1/3 of the floor (with RLS)',
      value: `${(ratio * 100).toFixed(0)} % (${((list.rps / plain.rps) * 100).toFixed(0)} % of the floor without RLS)`,
      met: ratio >= 1 / 3,
    });
    const cost = 1 - rls.rps / plain.rps;
    out.push({
      target: 'RLS costs < 10 % of the floor',
      value: `${(cost * 100).toFixed(1)} %`,
      met: cost < 0.1,
    });
  }
  if (upload) {
    out.push({
      target: '10 concurrent 10 MB uploads raise RSS < 100 MB',
      value: `+${upload.appRssMiB.rise} MiB`,
      met: upload.appRssMiB.rise < 100 && upload.errors === 0,
    });
  }
  out.push({
    target: 'audit:verify over all events < 30 s',
    value: `${i.verifySeconds.toFixed(1)} s`,
    met: i.verifySeconds < 30,
  });

  return out;
}

export function summarise(i: Inputs) {
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      loadAverageBefore: i.loadDuringRun[0].map((n) => Math.round(n * 100) / 100),
      loadAverageAfter: i.loadDuringRun[1].map((n) => Math.round(n * 100) / 100),
    },
    settings: i.settings,
    dataSet: i.seed,
    scenarios: i.results,
    appPeakRssMiB: i.appPeakRssMiB,
    auditVerifySeconds: Math.round(i.verifySeconds * 10) / 10,
    targets: targets(i),
  };
}

export function printReport(report: ReturnType<typeof summarise>): void {
  const lines = [
    '',
    `VetLoop benchmark, ${report.at}: ${report.machine.cpus} CPUs, ${report.machine.memoryGiB} GiB, load ${report.machine.loadAverageBefore.join(' ')} → ${report.machine.loadAverageAfter.join(' ')}`,
    '',
    '| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | errors | app RSS peak (rise) MiB | CPU app / pg / load |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.scenarios.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.rps} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} | ${r.appRssMiB.peak} (+${r.appRssMiB.rise}) | ${r.cpu.app} / ${r.cpu.postgres} / ${r.cpu.loadGenerator} |`,
    ),
    '',
    `App peak RSS (VmHWM): ${report.appPeakRssMiB} MiB; audit:verify: ${report.auditVerifySeconds} s`,
    '',
    '| target | result | met |',
    '| --- | --- | --- |',
    ...report.targets.map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'yes' : 'NO'} |`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
