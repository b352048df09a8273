import { readFileSync } from 'node:fs';
import type { PoolConfig } from 'pg';

export interface ConnectionOptions {
  url: string;
  /** PEM of the CA that signed the server certificate; enables verify-full. */
  caFile?: string;
  max?: number;
  applicationName?: string;
}

/**
 * pg pool settings for a URL. With a CA file the connection must be TLS 1.3 and the
 * server certificate is verified against that CA and the host name; without one the
 * URL's own sslmode decides (verify-full is what README asks for in production).
 */
export function buildPoolConfig(options: ConnectionOptions): PoolConfig {
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'vetloop',
  };
  if (options.caFile) {
    const url = new URL(options.url);
    url.searchParams.delete('sslmode');
    config.connectionString = url.toString();
    config.ssl = {
      // DATABASE_CA_FILE comes from the operator's configuration, never from a request.
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      ca: readFileSync(options.caFile, 'utf8'),
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    };
  }

  return config;
}
