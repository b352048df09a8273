import { defineConfig } from '@playwright/test';

/**
 * Run through `npm run test:e2e` (e2e/run.ts), which builds, starts an embedded database
 * and the HTTPS gateway, then calls Playwright. Debian's Chromium: Playwright's own
 * browser download cannot work on these machines.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  timeout: 30_000,
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'https://localhost:4443',
    // The certificate is the self-signed one the harness just made.
    ignoreHTTPSErrors: true,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      // GitHub's runners use Playwright's own download instead (E2E_BROWSER=bundled).
      executablePath:
        process.env.E2E_BROWSER === 'bundled'
          ? undefined
          : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
