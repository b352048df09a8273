/**
 * One app instance (Next's production build behind the TLS gateway) in its own process,
 * for running several behind a front (lib/platform/app-instance.ts). Configured entirely by
 * the environment; prints `READY <url>` once listening and stops on SIGTERM.
 */
import { EnvError, parseEnv } from '@/lib/env';

import { startGateway } from '../server';

try {
  const app = await startGateway(parseEnv(process.env), { dir: process.cwd() });
  process.stdout.write(`READY ${app.url}\n`);
  const stop = () => {
    app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`${error instanceof EnvError ? error.message : String(error)}\n`);
  process.exit(1);
}
