import { expect, newStaff, test } from './fixtures';

async function throughIdentityProvider(page: import('@playwright/test').Page, email: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with your organisation (SSO)' }).click();
  await page.getByRole('button', { name: /your organisation/ }).click();
  await expect(page.getByRole('heading', { name: 'Example identity provider' })).toBeVisible();
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a staff member signs in through their organisation and lands in their practice', async ({
  page,
}) => {
  const staff = newStaff('nurse');

  await throughIdentityProvider(page, staff.email);

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === '__Host-vetloop_session')).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
  });
});

test('single sign-on with an email that has no staff account gets no session', async ({ page }) => {
  await throughIdentityProvider(page, 'nobody-here@example.test');

  await expect(page).toHaveURL(/\/sign-in\?sso=unknown$/);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === '__Host-vetloop_session')).toBeUndefined();
});
