import 'server-only';

import { createHmac, timingSafeEqual } from 'node:crypto';

import { getEnv } from '@/lib/env';

/** People need a few seconds to fill the form; a form left open for hours is stale. */
export const STAMP_MIN_AGE_MS = 3_000;
export const STAMP_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export type StampCheck = 'ok' | 'too_fast' | 'too_old' | 'invalid';

function sign(linkId: string, issuedAt: number): string {
  return createHmac('sha256', getEnv().SESSION_SECRET)
    .update(`intake-form\0${linkId}\0${issuedAt}`)
    .digest('base64url');
}

/**
 * A signed "form issued at" stamp, rendered into the form as a hidden field. Bots that
 * post straight away, or replay an old form, are refused without a third-party captcha.
 */
export function issueFormStamp(linkId: string, now = Date.now()): string {
  return `${now}.${sign(linkId, now)}`;
}

export function checkFormStamp(stamp: unknown, linkId: string, now = Date.now()): StampCheck {
  if (typeof stamp !== 'string') return 'invalid';
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!match) return 'invalid';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sign(linkId, issuedAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now - issuedAt;
  if (age < STAMP_MIN_AGE_MS) return 'too_fast';
  if (age > STAMP_MAX_AGE_MS) return 'too_old';

  return 'ok';
}
