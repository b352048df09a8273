import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { SESSION_COOKIE } from '@/lib/auth/session-policy';

import { guestCookie, targets, urlFor } from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a, marker } = fixtures;

// Flags from /work/shared/ENVIRONMENT.md: no sandbox as root, and no background traffic.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
});

async function contextWith(
  cookie: { name: string; value: string } | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: baseUrl });
  if (cookie) await context.addCookies([{ ...cookie, url: baseUrl, secure: true, httpOnly: true }]);

  return context;
}

/** Loads a page and reports whether any payload ran, was injected, or was blocked by CSP. */
async function render(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const response = await page.goto(path, { waitUntil: 'load', timeout: 20_000 });
  await page.waitForTimeout(500);
  const result = await page.evaluate((flag) => {
    const w = window as unknown as Record<string, unknown>;
    const injected = document.querySelectorAll(
      'img[onerror], svg[onload], iframe[srcdoc], a[href^="javascript:" i], script:not([src]):not([nonce])',
    ).length;

    return { ran: w[flag] !== undefined, injected, text: document.body.innerText };
  }, marker);
  await page.close();

  return { status: response?.status() ?? 0, dialogs, cspViolations, ...result };
}

const STAFF_PAGES = targets((e) => e.kind === 'page' && e.auth === 'staff');

describe('stored script payloads stay inert when rendered in Chromium', () => {
  it('GET /referrals/[id] – the payloads are shown as text (the test can fail)', async () => {
    const context = await contextWith({ name: SESSION_COOKIE, value: a.sessions.owner! });
    const out = await render(context, `/referrals/${a.xssReferralId}`);
    await context.close();

    expect(out.status).toBe(200);
    expect(out.text).toContain(`window.${marker}=1`);
  });

  for (const target of STAFF_PAGES) {
    it(`${target.label} – no payload runs or is injected for the practice owner`, async () => {
      const context = await contextWith({ name: SESSION_COOKIE, value: a.sessions.owner! });
      const path = urlFor(target.entry, a, { id: a.xssReferralId });
      const out = await render(context, path);
      await context.close();

      expect(out.status, path).toBeLessThan(500);
      expect(out.dialogs).toEqual([]);
      expect(out.ran).toBe(false);
      expect(out.injected).toBe(0);
      expect(out.cspViolations).toEqual([]);
    });
  }

  it('GET /r – no payload runs or is injected for the referring vet', async () => {
    const [name, value] = (await guestCookie(baseUrl, a.xssLinkToken, '127.0.0.51')).split(
      /=(.*)/s,
    );
    const context = await contextWith({ name: name!, value: value! });
    const out = await render(context, '/r');
    await context.close();

    expect(out.status).toBe(200);
    expect(out.text).toContain(marker);
    expect(out.dialogs).toEqual([]);
    expect(out.ran).toBe(false);
    expect(out.injected).toBe(0);
    expect(out.cspViolations).toEqual([]);
  });
});
