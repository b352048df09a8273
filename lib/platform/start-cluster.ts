import { readFileSync } from 'node:fs';
import tls from 'node:tls';

import type { Env } from '@/lib/env';
import { logger } from '@/lib/log/logger';

import { startAppInstance, type AppInstance } from './app-instance';
import { startFront, type Front } from './front';

/** The front connects from this loopback address; only it may name clients to instances. */
export const FRONT_SOURCE_ADDRESS = '127.0.0.2';

export interface Cluster {
  front: Front;
  instances: AppInstance[];
  close(): Promise<void>;
}

export interface ClusterOptions {
  root: string;
  /** The parsed environment: the front takes HOST, PORT and the certificate from it. */
  env: Env;
  /** What every instance inherits (process.env, with generated secrets filled in). */
  processEnv: NodeJS.ProcessEnv;
  count: number;
}

/**
 * `npm start -- --instances N` on one machine: N app processes on loopback ports after
 * PORT, and the TLS front on HOST:PORT. Shared state must live outside the processes, so
 * REDIS_URL is required (rate limits); sessions, keys' effects and the audit chains are
 * already in Postgres. In production the front is the platform's load balancer.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { env, count } = options;
  if (!env.REDIS_URL) {
    throw new Error('several instances need REDIS_URL, so that they share rate limits');
  }
  if (env.HTTP_PORT !== undefined) logger.warn('HTTP_PORT is not served with --instances');
  const cert = readFileSync(env.TLS_CERT_FILE);
  const ports = Array.from({ length: count }, (_, i) => env.PORT + 1 + i);
  const started = await Promise.allSettled(
    ports.map((port) =>
      startAppInstance({
        root: options.root,
        env: {
          ...options.processEnv,
          HOST: '127.0.0.1',
          PORT: String(port),
          HTTP_PORT: undefined,
          TRUSTED_PROXIES: FRONT_SOURCE_ADDRESS,
        },
      }),
    ),
  );
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(instances.map((i) => i.stop()));
    throw failed.reason;
  }
  const front = await startFront({
    host: env.HOST,
    port: env.PORT,
    cert,
    key: readFileSync(env.TLS_KEY_FILE),
    backends: ports.map((port) => ({ host: '127.0.0.1', port })),
    // A self-signed certificate is its own root; a CA-issued one chains to a public root.
    backendCa: [...tls.rootCertificates, cert.toString('utf8')],
    backendServername: new URL(env.APP_ORIGIN).hostname,
    localAddress: FRONT_SOURCE_ADDRESS,
  });
  logger.info({ url: front.url, instances: ports }, 'VetLoop front listening');

  return {
    front,
    instances,
    close: async () => {
      await front.close();
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
