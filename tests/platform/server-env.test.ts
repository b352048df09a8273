import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('server.ts', () => {
  it('refuses to start on a bad environment with the problems listed and no stack', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: root,
      env: {
        NODE_ENV: 'production',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: 'not a url',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid environment:/);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('TLS_CERT_FILE');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
