/**
 * The target for `npm run security:scan`: the local stack (embedded Postgres, TLS 1.3
 * only, certificate and secrets in a throwaway folder), the security suite's fixtures and
 * the HTTPS app, all on loopback. Writes what the scanners need to argv[2] as JSON, prints
 * READY, and stops everything on SIGTERM.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = process.argv[2];
const appPort = Number(process.env.SCAN_APP_PORT ?? 10443);
const pgPort = Number(process.env.SCAN_PG_PORT ?? 15432);
const forwardPort = Number(process.env.SCAN_FORWARD_PORT ?? 10480);

Object.assign(process.env, {
  NODE_ENV: 'production',
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-security',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
  HOST: '127.0.0.1',
});

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.at(-2)} exited ${code}`)),
    );
  });
}

/**
 * Debian's sqlmap (1.7) only offers TLS 1.0–1.2 and so cannot reach a TLS 1.3-only
 * server. This loopback-only forwarder lets it speak plain HTTP to us while every byte
 * to the app still crosses TLS 1.3; the app sees the same Host as a browser would.
 */
function startForwarder(target: URL): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const upstream = https.request(
      {
        host: '127.0.0.1',
        port: target.port,
        servername: target.hostname,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        minVersion: 'TLSv1.3',
        rejectUnauthorized: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  return new Promise((resolve) => server.listen(forwardPort, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  if (!out) throw new Error('usage: security-scan-stack.ts <out.json>');
  // Imported after NODE_ENV and NEXT_DIST_DIR are set: Next reads both when it loads.
  const { startLocalStack } = await import('@/lib/platform/local-stack');
  const { parseEnv } = await import('@/lib/env');
  const { startGateway } = await import('../server');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetloop-scan-'));
  await chmod(dataDir, 0o755); // the postgres system user must reach <dataDir>/pg
  const stack = await startLocalStack({ dataDir, pgPort, appPort });
  Object.assign(process.env, stack.env);
  const running: { app?: Awaited<ReturnType<typeof startGateway>>; forwarder?: http.Server } = {};
  const stop = async () => {
    running.forwarder?.close();
    await running.app?.close().catch(() => undefined);
    await stack.db.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
  process.once('SIGINT', () => void stop().finally(() => process.exit(0)));

  const fixturesFile = path.join(dataDir, 'fixtures.json');
  await run([
    '--conditions=react-server',
    '--import',
    'tsx',
    'tests/security/harness/seed-fixtures.ts',
    fixturesFile,
  ]);
  const app = await startGateway(parseEnv(process.env), { dir: root });
  running.app = app;
  running.forwarder = await startForwarder(new URL(process.env.APP_ORIGIN!));
  const fixtures = JSON.parse(await readFile(fixturesFile, 'utf8')) as unknown;
  await writeFile(
    out,
    JSON.stringify({ url: app.url, origin: process.env.APP_ORIGIN, pgPort, forwardPort, fixtures }),
    { mode: 0o600 },
  );
  process.stdout.write('READY\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
