import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Environment every test process needs; databases are filled in per file. */
export function applyTestEnv(databaseUrl: string, migrationUrl: string): void {
  const fixtures = path.resolve(import.meta.dirname, '../fixtures');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    MIGRATION_DATABASE_URL: migrationUrl,
    APP_ORIGIN: 'https://localhost:3443',
    TLS_CERT_FILE: path.join(fixtures, 'unused-cert.pem'),
    TLS_KEY_FILE: path.join(fixtures, 'unused-key.pem'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    JWT_KEYS: JSON.stringify([{ kid: 'test-1', secret: randomBytes(32).toString('hex') }]),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  });
}
