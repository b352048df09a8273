import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

const support = path.join(import.meta.dirname, 'support/admin-settings.ts');

function helper(...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', support, ...args],
    {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** POST /api/v1/referrals with an empty body: 400 for a role that may create, 403 otherwise. */
async function createReferralStatus(page: Page): Promise<number> {
  const response = await page.request.post('/api/v1/referrals', {
    headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' },
    data: {},
  });

  return response.status();
}

test('an admin invites a colleague, changes their role, ends their session and revokes an API key', async ({
  page,
  browser,
  makeAxeBuilder,
}) => {
  test.setTimeout(120_000);
  const admin = JSON.parse(helper('admin')) as {
    email: string;
    password: string;
    practiceId: string;
  };
  const colleagueEmail = `e2e-colleague-${randomBytes(4).toString('hex')}@example.test`;
  const colleaguePassword = `juniper-ledger-${randomBytes(3).toString('hex')}`;

  await signIn(page, admin.email, admin.password);
  await page.waitForURL(/\/dashboard$/);
  await page.goto('/settings/users');
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);
  await page.getByLabel('Email').fill(colleagueEmail);
  await page.getByLabel('Role', { exact: true }).selectOption('clinician');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${colleagueEmail}.`)).toBeVisible();

  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await colleague.goto(helper('invite-link', admin.practiceId, colleagueEmail));
  await colleague.getByLabel('Your name').fill('Casey Colleague');
  await colleague.getByLabel('Choose a password').fill(colleaguePassword);
  await colleague.getByLabel('Type it again').fill(colleaguePassword);
  await colleague.getByRole('button', { name: 'Create account and join' }).click();
  await colleague.waitForURL(/\/account\/security/);
  await colleague.goto('/dashboard');
  expect(await createReferralStatus(colleague)).toBe(400);

  await page.reload();
  await page.getByLabel('Role of Casey Colleague').selectOption('read_only');
  await page
    .getByRole('row', { name: /Casey Colleague/ })
    .getByRole('button', { name: 'Change role' })
    .click();
  await expect(page.getByText(/Role changed/)).toBeVisible();

  await colleague.goto('/dashboard');
  await expect(colleague).toHaveURL(/\/sign-in$/);
  await signIn(colleague, colleagueEmail, colleaguePassword);
  await colleague.waitForURL(/\/dashboard$/);
  expect(await createReferralStatus(colleague)).toBe(403);

  await page.goto('/settings/sessions');
  await page
    .getByRole('row', { name: /Casey Colleague/ })
    .getByRole('button', { name: 'End session' })
    .click();
  // The ended session leaves the list (and its form with it).
  await expect(page.getByRole('row', { name: /Casey Colleague/ })).toHaveCount(0);
  await colleague.goto('/dashboard');
  await expect(colleague).toHaveURL(/\/sign-in$/);

  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill('E2E key');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByLabel('API key secret').textContent())!.trim();
  const token = await page.request.post('/api/v1/token', {
    headers: { origin: new URL(page.url()).origin },
    data: { grant_type: 'api_key', api_key: secret },
  });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const bearer = { authorization: `Bearer ${access_token}` };
  expect((await page.request.get('/api/v1/referrals', { headers: bearer })).status()).toBe(200);
  await page.reload();
  await page
    .getByRole('row', { name: /E2E key/ })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(page.getByRole('row', { name: /E2E key/ }).getByText('Revoked')).toBeVisible();
  expect((await page.request.get('/api/v1/referrals', { headers: bearer })).status()).toBe(401);

  await colleagueContext.close();
});
