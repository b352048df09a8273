import { randomBytes } from 'node:crypto';

import { SESSION_COOKIE } from '@/lib/auth/session-policy';

import { request } from './http';

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#x27;': "'",
  '&#39;': "'",
};

function unescapeHtml(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (m) => ENTITIES[m] ?? m);
}

/** The hidden fields React renders into a server-action form for browsers without JS. */
export function hiddenFields(html: string): [string, string][] {
  const form = /<form\b[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';

  return [...form.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /type="hidden"/.test(tag))
    .map((tag) => [
      unescapeHtml(/name="([^"]*)"/.exec(tag)?.[1] ?? ''),
      unescapeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? ''),
    ]);
}

export function multipart(fields: [string, string][]): { body: string; type: string } {
  const boundary = `----vetloop${randomBytes(8).toString('hex')}`;
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );

  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Signs in the way a browser without JavaScript does: loads /sign-in, posts its form
 * (with the action's hidden fields) from our own origin, keeps the session cookie.
 */
export async function signInThroughForm(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ cookie: string; setCookie: string }> {
  const page = await request(baseUrl, '/sign-in');
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  const fields = hiddenFields(page.text);
  if (fields.length === 0) throw new Error('no server-action form on /sign-in');
  const { body, type } = multipart([...fields, ['email', email], ['password', password]]);
  const res = await request(baseUrl, '/sign-in', {
    method: 'POST',
    headers: { origin: new URL(baseUrl).origin, 'content-type': type, accept: 'text/html' },
    body,
  });
  const setCookie = res.setCookies().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error(`sign-in POST answered ${res.status} without a session cookie`);

  return { cookie: setCookie.split(';')[0]!, setCookie };
}
