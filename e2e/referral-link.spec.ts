import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { expect, test } from './fixtures';

const support = path.join(import.meta.dirname, 'support/referral-links.ts');

function setup<T>(...args: string[]): T {
  const out = execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', support, ...args],
    { env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
  );

  return JSON.parse(out) as T;
}

test('a referring vet refers, follows, answers Needs info, messages and downloads the report', async ({
  page,
  makeAxeBuilder,
}) => {
  test.setTimeout(90_000);
  const { practiceId, url } = setup<{ practiceId: string; url: string }>('intake-link');

  // 1. The public intake form.
  await page.goto(new URL(url).pathname);
  await expect(page.getByRole('heading', { name: /refer a patient/i })).toBeVisible();
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);
  await page.getByLabel('Clinic name *').fill('Hillside Vets');
  await page.getByLabel('Your name *').fill('Dr Hill');
  await page.getByLabel('Your email *').fill('hill@hillside.test');
  await page.getByLabel('Name *', { exact: true }).fill('Biscuit');
  await page.getByLabel('Species *').fill('Dog');
  await page.getByLabel('Owner name *').fill('Alex Owner');
  await page.getByLabel(/owner agrees to share/i).check();
  await page.getByLabel(/^Urgency/).selectOption('urgent');
  await page.getByLabel(/^Service/).fill('Cardiology');
  await page.getByLabel('Reason for referral *').fill('Grade III/VI murmur.');
  // The form refuses anything sent within 3 seconds of being shown.
  await page.waitForTimeout(3_200);
  await page.getByRole('button', { name: 'Send referral' }).click();

  const sent = page.getByRole('heading', { name: /Referral VL-[A-Z0-9]+ sent/ });
  await expect(sent).toBeVisible();
  const reference = /VL-[A-Z0-9]+/.exec((await sent.textContent()) ?? '')![0];
  const trackingLink = page.getByRole('link', { name: /\/r\// });

  // 2. The private link: the token leaves the address bar at once.
  await page.goto(new URL((await trackingLink.getAttribute('href'))!).pathname);
  await expect(page).toHaveURL(/\/r$/);
  await expect(page.getByRole('heading', { name: /Biscuit/ })).toBeVisible();
  expect((await makeAxeBuilder().analyze()).violations).toEqual([]);

  // 3. The hospital asks for more; the vet answers with a file.
  setup('request-info', practiceId, reference);
  await page.reload();
  await expect(page.getByText('Please send the latest echocardiogram.').first()).toBeVisible();
  await page.getByLabel('Upload the missing records').setInputFiles({
    name: 'echo.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Note (echo) >>\nendobj\n%%EOF\n', 'latin1'),
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText(/the hospital has been told the information is in/i)).toBeVisible();
  await expect(page.getByRole('link', { name: 'echo.pdf' })).toBeVisible();

  // 4. A message to the hospital.
  await page.getByLabel('Reply to the hospital').fill('The owner can come on Tuesday.');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('Your message was sent to the hospital.')).toBeVisible();
  await expect(page.getByText('The owner can come on Tuesday.')).toBeVisible();

  // 5. The report, downloaded through the authorised route.
  setup('share-report', practiceId, reference);
  await page.reload();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'consult-report.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('consult-report.pdf');

  // 6. Staff see each step in the referral's trail.
  const events = setup<string[]>('events', practiceId, reference);
  expect(events).toEqual(
    expect.arrayContaining([
      'guest:referral.created',
      'guest:intake.submitted',
      'guest:referral_link.opened',
      'system:referral.status_changed',
      'guest:document.uploaded',
      'guest:message.posted',
      'guest:document.downloaded',
    ]),
  );
});
