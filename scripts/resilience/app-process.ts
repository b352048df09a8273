/**
 * Starts, kills and restarts the app child, with its JSON log appended to one file so
 * each fault can read just the lines written while it ran.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { request } from './http-client';
import type { Stack } from './stack';

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface AppProcess {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited (code or signal). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True while the process runs (a crash makes it false). */
  readonly alive: boolean;
}

export async function startApp(stack: Stack): Promise<AppProcess> {
  const logFile = path.join(stack.dir, 'app.log');
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/resilience/app.ts'],
    { cwd: process.cwd(), env: stack.env, stdio: ['ignore', out, out] },
  );
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );

  for (const started = Date.now(); Date.now() - started < 90_000;) {
    if (exit) throw new Error(`the app exited while starting; see ${logFile}`);
    const res = await request(stack, { method: 'GET', path: '/sign-in', timeoutMs: 5_000 });
    if (res.status > 0) {
      return {
        pid: child.pid!,
        logFile,
        exited: () => exited,
        get alive() {
          return exit === undefined;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not answer within 90 s; see ${logFile}`);
}

export async function stopApp(app: AppProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!app.alive) return;
  process.kill(app.pid, signal);
  const timer = setTimeout(() => app.alive && process.kill(app.pid, 'SIGKILL'), 10_000);
  await app.exited();
  clearTimeout(timer);
}

/** A place in the log; `linesSince` returns what was written after it. */
export function logMark(app: AppProcess): number {
  try {
    return statSync(app.logFile).size;
  } catch {
    return 0;
  }
}

export function linesSince(app: AppProcess, mark: number): LogLine[] {
  const text = readFileSync(app.logFile).subarray(mark).toString('utf8');
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) {
      if (raw.trim()) lines.push({ level: 50, msg: `(not JSON) ${raw.slice(0, 200)}` });
      continue;
    }
    try {
      lines.push(JSON.parse(raw) as LogLine);
    } catch {
      lines.push({ level: 50, msg: `(bad JSON) ${raw.slice(0, 200)}` });
    }
  }

  return lines;
}
