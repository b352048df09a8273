/** The per-fault PASS/FAIL table, and each failed check's detail under it. */
import type { Check } from './consistency';

export interface FaultResult {
  name: string;
  checks: Check[];
  seconds: number;
  error?: string;
}

export function passed(result: FaultResult): boolean {
  return !result.error && result.checks.length > 0 && result.checks.every((c) => c.ok);
}

export function printReport(results: FaultResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length), 5);
  const out: string[] = ['', `${'Fault'.padEnd(width)}  Result  Checks  Seconds`];
  out.push(`${'-'.repeat(width)}  ------  ------  -------`);
  for (const r of results) {
    const ok = r.checks.filter((c) => c.ok).length;
    out.push(
      `${r.name.padEnd(width)}  ${(passed(r) ? 'PASS' : 'FAIL').padEnd(6)}  ${`${ok}/${r.checks.length}`.padStart(6)}  ${r.seconds.toFixed(0).padStart(7)}`,
    );
  }
  out.push('');
  for (const r of results) {
    out.push(`${r.name}`);
    if (r.error) out.push(`  FAIL  the fault itself failed: ${r.error}`);
    for (const c of r.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
