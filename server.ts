import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import next from 'next';

import { isOidcEnabled } from '@/lib/auth/oidc-enabled';
import { EnvError, getEnv, type Env } from '@/lib/env';
import { startGatewayServer, type Gateway } from '@/lib/http/gateway';
import { parseTrustedProxies } from '@/lib/http/trusted-proxy';
import { logger } from '@/lib/log/logger';
import { trustOwnCertificateIfSelfSigned } from '@/lib/platform/trust-own-certificate';

export interface StartGatewayOptions {
  dev?: boolean;
  /** The project folder holding the Next build; defaults to the working directory. */
  dir?: string;
}

export interface RunningApp extends Gateway {
  close(): Promise<void>;
}

/** Next's request handler behind the TLS gateway, configured from the parsed environment. */
export async function startGateway(
  env: Env = getEnv(),
  options: StartGatewayOptions = {},
): Promise<RunningApp> {
  const dev = options.dev ?? false;
  const app = next({ dev, dir: options.dir ?? process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const cert = readFileSync(env.TLS_CERT_FILE);
  trustOwnCertificateIfSelfSigned(cert);
  const gateway = await startGatewayServer({
    handler: (req, res) => handle(req, res),
    upgrade: dev ? app.getUpgradeHandler() : undefined,
    host: env.HOST,
    port: env.PORT,
    httpPort: env.HTTP_PORT,
    cert,
    key: readFileSync(env.TLS_KEY_FILE),
    origin: env.APP_ORIGIN,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    formActionOrigins: isOidcEnabled(env) ? [new URL(env.OIDC_ISSUER!).origin] : [],
    dev,
  });
  logger.info({ url: gateway.url, httpPort: gateway.httpPort }, 'VetLoop listening');
  if (env.TRUSTED_PROXIES && !env.REDIS_URL) {
    // Behind a balancer there are usually several instances; each would count limits alone.
    logger.warn('TRUSTED_PROXIES is set without REDIS_URL: rate limits are counted per process');
  }

  return {
    ...gateway,
    close: async () => {
      await gateway.close();
      // Background workers (the mail outbox) publish their stop here; see lib/mail.
      const stopWorkers = (globalThis as Record<symbol, unknown>)[
        Symbol.for('vetloop.stopBackgroundWorkers')
      ];
      if (typeof stopWorkers === 'function') stopWorkers();
      await app.close();
      // The pool (lib/db/pool.ts, shared by Next's bundles through globalThis) closes last,
      // so stopping the database next does not end its idle connections under it.
      const shared = globalThis as { vetloopPool?: { end(): Promise<void> } };
      await shared.vetloopPool?.end();
      shared.vetloopPool = undefined;
    },
  };
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startGateway(env);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, 'VetLoop failed to start');
    process.exit(1);
  });
}
