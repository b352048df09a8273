import { generate } from 'otplib';

import { expect, newStaff, test } from './fixtures';

async function signIn(page: import('@playwright/test').Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new staff member signs in, turns on two-step verification and signs in with it', async ({
  page,
  makeAxeBuilder,
}) => {
  test.setTimeout(90_000);
  const staff = newStaff('clinician');

  await page.goto('/sign-in');
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);
  await signIn(page, staff.email, 'not-the-password-1');
  await expect(page.getByText('do not match an account')).toBeVisible();
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);

  const [cookie] = (await page.context().cookies()).filter(
    (c) => c.name === '__Host-vetloop_session',
  );
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

  await page.goto('/account/security');
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('code').textContent())!;
  await page.getByLabel('Code from the app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('heading', { name: 'Two-step verification is on' })).toBeVisible();
  const codes = await page.locator('ol li').allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByRole('button', { name: 'I have saved them, continue' }).click();
  await page.waitForURL(/\/dashboard$/);

  const signedOut = await page.request.post('/api/auth/sign-out', {
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(signedOut.status()).toBe(303);
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/sign-in$/);

  await signIn(page, staff.email, staff.password);
  await page.waitForURL(/\/sign-in\/mfa$/);
  await page.getByLabel('Code').fill(codes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/dashboard$/);
});

test('a read-only member is held to their role through the JSON API', async ({ page }) => {
  const staff = newStaff('read_only');
  await signIn(page, staff.email, staff.password);
  await page.waitForURL(/\/dashboard$/);

  const keys = await page.request.get('/api/v1/api-keys');
  expect(keys.status()).toBe(403);
  expect((await keys.json()).error.code).toBe('forbidden');

  const crossSite = await page.request.post('/api/v1/api-keys', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    data: { name: 'x', role: 'read_only' },
  });
  expect(crossSite.status()).toBe(403);
});
