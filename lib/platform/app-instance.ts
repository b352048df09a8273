import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** One app process started by startAppInstance. */
export interface AppInstance {
  url: string;
  port: number;
  /** The last few kilobytes the process wrote, for reporting a failure. */
  output(): string;
  stop(): Promise<void>;
}

export interface AppInstanceOptions {
  /** The project folder (holding the build named by env.NEXT_DIST_DIR). */
  root: string;
  /** The whole environment of the instance: PORT, DATABASE_URL, REDIS_URL, keys… */
  env: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

const KEEP_OUTPUT = 16 * 1024;

/**
 * Starts scripts/serve-instance.ts in its own process (Next keeps process-wide state, so
 * two instances never share one) and resolves once it listens.
 */
export function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(options.root, 'scripts/serve-instance.ts')],
    { cwd: options.root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT);
  };
  child.stderr!.on('data', keep);

  return new Promise((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 90_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited ${code} before it was ready:\n${output}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const ready = /READY (https:\/\/\S+)/.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = ready[1]!;
      resolve({
        url,
        port: Number(new URL(url).port),
        output: () => output,
        stop: () => stopChild(child),
      });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
