import { execFileSync } from 'node:child_process';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

const support = path.join(import.meta.dirname, 'support/clinician-journey.ts');

function helper(...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', support, ...args],
    { env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
  );
}

async function step(page: Page, label: string, status: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('main').getByText(status, { exact: true }).first()).toBeVisible();
}

test('a clinician takes a referral from Submitted to Closed with a message, a document and a report', async ({
  page,
  makeAxeBuilder,
}) => {
  test.setTimeout(180_000);
  const setup = JSON.parse(helper('setup')) as {
    email: string;
    password: string;
    practiceId: string;
    referralId: string;
  };

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(setup.email);
  await page.getByLabel('Password').fill(setup.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);

  await page.goto(`/referrals/${setup.referralId}`);
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);
  await step(page, 'Mark received', 'Received');
  await step(page, 'Accept', 'Accepted');

  await page.getByText('Schedule…').click();
  await page.getByLabel('Date and time').fill('2031-03-04T09:30');
  await page.getByLabel('Clinician', { exact: true }).selectOption({ label: 'Dr E2E Clinician' });
  await page.getByLabel('Location').fill('Cardiology suite');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(
    page.getByRole('main').getByText('Scheduled', { exact: true }).first(),
  ).toBeVisible();

  await page.getByLabel('New message').fill('Juniper is booked for 4 March, 09:30.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('Juniper is booked for 4 March, 09:30.')).toBeVisible();

  await page.getByLabel(/^File/).setInputFiles({
    name: 'echo-notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Echo: moderate mitral regurgitation, LA:Ao 1.9.\n'),
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByRole('link', { name: /echo-notes\.txt/ }).first()).toBeVisible();

  await step(page, 'Start care', 'In care');
  await step(page, 'Discharge', 'Discharged');

  await page.getByRole('link', { name: 'Write or send the report' }).click();
  await page.getByLabel('Findings').fill('Moderate degenerative mitral valve disease.');
  await page.getByLabel('Diagnosis').fill('MMVD stage B2.');
  await page.getByLabel('Treatment').fill('Pimobendan started.');
  await page.getByLabel('Recommendations for the referring vet').fill('Recheck in 3 months.');
  await page.getByRole('button', { name: 'Send to referring vet' }).click();
  await expect(page.getByText('The report was sent to the referring vet.')).toBeVisible();

  await page.goto(`/referrals/${setup.referralId}`);
  await expect(
    page.getByRole('main').getByText('Report sent', { exact: true }).first(),
  ).toBeVisible();
  await step(page, 'Close', 'Closed');

  const trail = JSON.parse(helper('trail', setup.practiceId, setup.referralId)) as string[];
  expect(trail).toEqual(
    expect.arrayContaining([
      'referral.viewed',
      'referral.status_changed',
      'message.posted',
      'document.uploaded',
      'report.sent',
    ]),
  );
  expect(trail.filter((a) => a === 'referral.status_changed').length).toBeGreaterThanOrEqual(6);
});
