import path from 'node:path';

import { logger } from '@/lib/log/logger';

import { ensureLocalCertificate } from './certificates';
import {
  provisionEmbeddedDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './embedded-postgres';
import { ensureLocalSecrets } from './secrets';

export const LOCAL_DATABASE = 'vetloop';

export interface LocalStack {
  db: EmbeddedDatabase;
  /** Everything the app's environment needs, derived from the local files and database. */
  env: Record<string, string>;
}

/**
 * The whole local default in one call: secrets, certificate and an embedded Postgres in
 * `dataDir`, provisioned and migrated. `npm start` and the e2e harness both stand on it.
 */
export async function startLocalStack(options: {
  dataDir: string;
  pgPort: number;
  appPort: number;
}): Promise<LocalStack> {
  const secrets = await ensureLocalSecrets(options.dataDir);
  const certificate = await ensureLocalCertificate(path.join(options.dataDir, 'certs'));
  const db = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.pgPort,
    database: LOCAL_DATABASE,
    secrets,
    certificate,
  });
  try {
    const applied = await provisionEmbeddedDatabase(db, { database: LOCAL_DATABASE, secrets });
    logger.info({ port: options.pgPort, applied }, 'embedded postgres ready');
  } catch (error) {
    await db.stop();
    throw error;
  }

  return {
    db,
    env: {
      DATA_DIR: options.dataDir,
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      DATABASE_CA_FILE: db.caFile,
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
      PORT: String(options.appPort),
      APP_ORIGIN: `https://localhost:${options.appPort}`,
      SESSION_SECRET: secrets.SESSION_SECRET,
      JWT_KEYS: JSON.stringify(secrets.JWT_KEYS),
      DOCUMENT_MASTER_KEY: secrets.DOCUMENT_MASTER_KEY,
    },
  };
}
