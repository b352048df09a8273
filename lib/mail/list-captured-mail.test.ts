import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { applyTestEnv } from '@/tests/setup/test-env';

const base = () => applyTestEnv('postgres://u@127.0.0.1/x', 'postgres://u@127.0.0.1/x');

describe('the dev outbox', () => {
  beforeEach(() => {
    vi.resetModules();
    base();
  });
  afterEach(() => {
    delete process.env.SMTP_URL;
    delete process.env.HOST;
  });

  async function enabled(env: Record<string, string>) {
    Object.assign(process.env, env);
    const { isDevOutboxEnabled } = await import('./list-captured-mail');

    return isDevOutboxEnabled();
  }

  it('is on for the local default: no SMTP, loopback, localhost origin', async () => {
    expect(await enabled({ HOST: '127.0.0.1', APP_ORIGIN: 'https://localhost:3443' })).toBe(true);
  });

  it('is off once SMTP is configured', async () => {
    expect(
      await enabled({
        HOST: '127.0.0.1',
        APP_ORIGIN: 'https://localhost:3443',
        SMTP_URL: 'smtp://mail.example:25',
      }),
    ).toBe(false);
  });

  it('is off for a public origin even behind a local reverse proxy without SMTP', async () => {
    expect(await enabled({ HOST: '127.0.0.1', APP_ORIGIN: 'https://vetloop.example' })).toBe(false);
  });

  it('is off when listening beyond loopback', async () => {
    expect(await enabled({ HOST: '0.0.0.0', APP_ORIGIN: 'https://localhost:3443' })).toBe(false);
  });
});
