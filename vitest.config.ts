import path from 'node:path';

import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // server-only throws outside React's server build; tests run lib/ code directly.
  'server-only': path.join(root, 'tests/setup/server-only-stub.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/*.security.test.ts', 'node_modules/**'],
          setupFiles: ['tests/setup/fail-on-console-error.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'tests/**/*.integration.test.ts'],
          globalSetup: ['tests/setup/integration-global.ts'],
          setupFiles: ['tests/setup/fail-on-console-error.ts', 'tests/setup/integration-file.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: one file per core, each with its own database.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'security',
          // Against the running HTTPS app; see tests/security/harness/global-setup.ts.
          include: ['tests/security/**/*.security.test.ts'],
          globalSetup: ['tests/security/harness/global-setup.ts'],
          setupFiles: [
            'tests/setup/fail-on-console-error.ts',
            'tests/security/harness/setup-file.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
