/**
 * The app under load, in its own process (the load generator must not share its CPU
 * time or heap): the production build from NEXT_DIST_DIR behind the real TLS gateway,
 * exactly as `npm start` serves it. The bench runner passes the environment.
 */
Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });

const { parseEnv } = await import('@/lib/env');
const { startGateway } = await import('../server');

const app = await startGateway(parseEnv(process.env), { dir: process.cwd() });
process.stdout.write(`bench app ready ${app.url}\n`);

const stop = () => {
  app.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

export {};
