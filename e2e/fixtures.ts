import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';

export interface DemoAccount {
  email: string;
  password: string;
  role?: string;
  practice?: string;
}

interface Fixtures {
  /** An axe scan of the page against WCAG 2.1 A and AA. */
  makeAxeBuilder: () => AxeBuilder;
  /** Fails the test on any CSP violation or uncaught page error, checked after the test. */
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  pageProblems: [
    async ({ page }, provide) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          problems.push(message.text());
        }
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await provide(problems);
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
  makeAxeBuilder: async ({ page }, provide) => {
    await provide(() =>
      new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']),
    );
  },
});

export { expect };

/** The demo sign-ins the seed wrote for this run (empty until the seed exists). */
export function demoAccounts(): DemoAccount[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(
      readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'),
    );
    const list = Array.isArray(parsed)
      ? parsed
      : ((parsed as { accounts?: unknown[] }).accounts ?? []);

    return list as DemoAccount[];
  } catch {
    return [];
  }
}

/** A fresh practice with one staff member of `role`, made by e2e/support/identity.ts. */
export function newStaff(role: string): { email: string; password: string } {
  const out = execFileSync(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'support/identity.ts'),
      role,
    ],
    { env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
  );

  return JSON.parse(out) as { email: string; password: string };
}
