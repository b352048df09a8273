import { expect, test } from './fixtures';

test('the start page loads over HTTPS and offers sign-in', async ({ page, makeAxeBuilder }) => {
  const response = await page.goto('/');

  expect(response?.status()).toBe(200);
  expect(page.url()).toMatch(/^https:\/\//);
  expect(response?.headers()['content-security-policy']).toContain("'nonce-");
  await expect(page.getByRole('link', { name: /sign in/i })).toBeVisible();

  const scan = await makeAxeBuilder().analyze();
  expect(scan.violations).toEqual([]);
});
