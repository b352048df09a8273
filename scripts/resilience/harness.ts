/** What every fault is handed, and the small helpers they share. */
import { linesSince, logMark, type AppProcess, type LogLine } from './app-process';
import type { Check } from './consistency';
import type { Fixtures } from './fixtures';
import type { Target } from './http-client';
import type { Ledger } from './ledger';
import type { Sample } from './load';
import type { Stack } from './stack';

export interface Harness {
  stack: Stack;
  fixtures: Fixtures;
  ledger: Ledger;
  target: Target;
  /** Replaced when a fault restarts the app. */
  app: AppProcess;
  restartApp(): Promise<void>;
}

export interface Fault {
  name: string;
  run(h: Harness): Promise<Check[]>;
}

export function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

export function statusCounts(samples: Sample[]): string {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.timedOut ? 'hang' : s.status === 0 ? 'no answer' : String(s.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }

  return (
    Object.entries(counts)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ') || 'none'
  );
}

export function between(samples: Sample[], from: number, to: number): Sample[] {
  return samples.filter((s) => s.at >= from && s.at <= to);
}

/** The log lines a fault produced, and a check that it was reported, but not in a flood. */
export function watchLog(h: Harness) {
  const app = h.app;
  const mark = logMark(app);

  return {
    lines: (): LogLine[] => linesSince(app, mark),
    check(what: RegExp, options: { max: number; label: string }): Check {
      const lines = linesSince(app, mark);
      const loud = lines.filter((l) => l.level >= 40);
      const matching = loud.filter((l) => what.test(String(l.msg ?? '')));
      const summary = summariseMessages(loud);
      const ok = matching.length >= 1 && loud.length <= options.max;

      return check(
        `logged once, not a flood: ${options.label}`,
        ok,
        `${loud.length} warn/error line(s) (at most ${options.max}): ${summary || 'none'}`,
      );
    },
  };
}

function summariseMessages(lines: LogLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const msg = String(l.msg ?? '(no message)').slice(0, 60);
    counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }

  return [...counts].map(([m, n]) => `"${m}"×${n}`).join(', ');
}

/** Waits until `probe` is true, polling; returns the milliseconds it took, or null. */
export async function waitUntil(
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 250,
): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }

  return null;
}
