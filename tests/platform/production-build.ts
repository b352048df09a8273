import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The production build the HTTPS tests serve. Shared with the security suite (same folder,
 * same staleness rule as tests/security/harness/global-setup.ts), so one `npm test` builds
 * Next at most once: whichever runs first builds, the other finds it fresh.
 */
export const TEST_DIST_DIR = process.env.SECURITY_DIST_DIR ?? '.next-security';

const SOURCES = ['app', 'lib', 'components', 'proxy.ts', 'next.config.js', 'package-lock.json'];

function newestMtime(target: string): number {
  const full = path.join(root, target);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;

  return readdirSync(full).reduce(
    (max, name) =>
      name === 'generated' ? max : Math.max(max, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

/** Builds into TEST_DIST_DIR unless a build newer than every source is already there. */
export async function ensureProductionBuild(): Promise<string> {
  const buildId = path.join(root, TEST_DIST_DIR, 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime)) || process.env.SECURITY_NO_BUILD === '1') {
    return TEST_DIST_DIR;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/next/dist/bin/next'), 'build'],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          NEXT_DIST_DIR: TEST_DIST_DIR,
          NEXT_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let errors = '';
    child.stderr!.on('data', (c: Buffer) => (errors = (errors + c.toString()).slice(-8_000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build exited ${code}:\n${errors}`)),
    );
  });

  return TEST_DIST_DIR;
}
