/**
 * The app under test, in its own process so the run can SIGKILL and restart it: the
 * production build from NEXT_DIST_DIR behind the real TLS gateway, as `npm start` serves
 * it. The runner passes the whole environment.
 */
Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });

const { parseEnv } = await import('@/lib/env');
const { startGateway } = await import('../../server');

const app = await startGateway(parseEnv(process.env), { dir: process.cwd() });
process.stdout.write(`${JSON.stringify({ msg: 'resilience app ready', url: app.url })}\n`);

const stop = () => {
  app.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

export {};
