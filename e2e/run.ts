/**
 * `npm run test:e2e`: builds the app into .next-e2e (a running `npm start` keeps its .next),
 * starts a throwaway embedded Postgres and the HTTPS gateway on 4443, seeds if a seed
 * exists, runs Playwright Test, and stops everything. Extra arguments go to Playwright.
 * `--no-build` reuses the last e2e build.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const skipBuild = argv.includes('--no-build');
const playwrightArgs = argv.filter((a) => a !== '--no-build');
const DEFAULT_PORT = 4443;

Object.assign(process.env, {
  NODE_ENV: 'production',
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-e2e',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function must(label: string, command: string, args: string[]): Promise<void> {
  const code = await run(command, args);
  if (code !== 0) {
    throw new Error(`${label} failed with exit code ${code}`);
  }
}

function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(preferred, '127.0.0.1', () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
}

/** E2E_PORT if set; else 4443, or any free port while another run holds 4443. */
async function appPort(): Promise<number> {
  if (process.env.E2E_PORT) {
    return Number(process.env.E2E_PORT);
  }
  try {
    return await freePort(DEFAULT_PORT);
  } catch {
    console.log(`port ${DEFAULT_PORT} is busy (another e2e run?); using a free port`);

    return freePort();
  }
}

async function main(): Promise<number> {
  if (!skipBuild || !existsSync(path.join(root, process.env.NEXT_DIST_DIR!, 'BUILD_ID'))) {
    console.log(`\n== e2e: next build (${process.env.NEXT_DIST_DIR}) ==`);
    await must('next build', process.execPath, [
      path.join(root, 'node_modules/next/dist/bin/next'),
      'build',
    ]);
  }

  // Imported after NODE_ENV and NEXT_DIST_DIR are set: Next reads both when it loads.
  const { startLocalStack } = await import('@/lib/platform/local-stack');
  const { parseEnv } = await import('@/lib/env');
  const { startGateway } = await import('../server');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetloop-e2e-'));
  await chmod(dataDir, 0o755); // the postgres system user must reach <dataDir>/pg
  const cleanup: Array<() => Promise<unknown>> = [
    () => rm(dataDir, { recursive: true, force: true }),
  ];
  try {
    console.log('\n== e2e: embedded postgres ==');
    const stack = await startLocalStack({
      dataDir,
      pgPort: await freePort(),
      appPort: await appPort(),
    });
    cleanup.unshift(() => stack.db.stop());
    Object.assign(process.env, stack.env);
    // Single sign-on is on in this run, against a loopback identity provider.
    const { E2E_OIDC_CLIENT, startIdentityProvider } = await import('./support/identity-provider');
    const idp = await startIdentityProvider();
    cleanup.unshift(() => idp.close());
    Object.assign(process.env, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
    });

    const seed = path.join(root, 'scripts/seed.ts');
    if (existsSync(seed)) {
      console.log('\n== e2e: seed ==');
      await must('seed', process.execPath, ['--conditions=react-server', '--import', 'tsx', seed]);
    }

    const app = await startGateway(parseEnv(process.env), { dir: root });
    cleanup.unshift(() => app.close());
    console.log(`\n== e2e: playwright against ${process.env.APP_ORIGIN} ==`);

    return await run(
      process.execPath,
      [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...playwrightArgs],
      {
        ...process.env,
        E2E_BASE_URL: process.env.APP_ORIGIN,
        E2E_DATA_DIR: dataDir,
      },
    );
  } finally {
    for (const step of cleanup) {
      await step().catch((error: unknown) => console.error('e2e cleanup:', error));
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
