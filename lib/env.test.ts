import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { EnvError, parseEnv } from './env';

function validEnv(): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://vetloop_app:pw@127.0.0.1:5432/vetloop',
    APP_ORIGIN: 'https://localhost:3443',
    TLS_CERT_FILE: '/certs/localhost.crt',
    TLS_KEY_FILE: '/certs/localhost.key',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    JWT_KEYS: JSON.stringify([{ kid: 'k1', secret: randomBytes(32).toString('hex') }]),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  };
}

function problemsWith(env: NodeJS.ProcessEnv): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);

    return (error as EnvError).message;
  }
  throw new Error('parseEnv accepted a bad environment');
}

describe('parseEnv', () => {
  it('accepts a complete environment and fills the defaults', () => {
    const env = parseEnv(validEnv());

    expect(env.PORT).toBe(3443);
    expect(env.NODE_ENV).toBe('production');
    expect(env.JWT_KEYS[0]?.kid).toBe('k1');
  });

  it('names every missing or malformed variable in one message', () => {
    const env = validEnv();
    delete env.DATABASE_URL;
    env.DOCUMENT_MASTER_KEY = 'too-short';
    env.PORT = 'eighty';

    const message = problemsWith(env);

    expect(message).toMatch(/^Invalid environment:/);
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('DOCUMENT_MASTER_KEY: must be 32 bytes, base64-encoded');
    expect(message).toContain('PORT');
  });

  it('refuses a database URL that is not postgres', () => {
    expect(problemsWith({ ...validEnv(), DATABASE_URL: 'mysql://x@localhost/db' })).toContain(
      'DATABASE_URL: must be a postgres:// URL',
    );
  });

  it('refuses JWT keys that are not a JSON array of { kid, secret }', () => {
    expect(problemsWith({ ...validEnv(), JWT_KEYS: '[{"kid":"k1","secret":"short"}]' })).toContain(
      'JWT_KEYS: must be a JSON array of { kid, secret }',
    );
  });

  it('refuses a short session secret', () => {
    expect(problemsWith({ ...validEnv(), SESSION_SECRET: 'short' })).toContain('SESSION_SECRET');
  });
});
