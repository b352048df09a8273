import { requestMetaFrom } from '@/lib/auth/request-meta';
import { toAppError } from '@/lib/http/errors';
import { sealGuestCookie, serializeGuestCookie } from '@/lib/links/guest-cookie';
import { seeOther } from '@/lib/links/guest-route';
import { openReferralLink } from '@/lib/links/open-referral-link';
import { logger } from '@/lib/log/logger';

/**
 * Opens a tracking link: the token becomes a guest session cookie and the browser is
 * sent on to /r, so the token leaves the address bar (and any later Referer) at once.
 */
export async function GET(req: Request, segment: { params: Promise<{ token: string }> }) {
  const meta = requestMetaFrom(req.headers);
  const { token } = await segment.params;
  try {
    const opened = await openReferralLink(token, meta);
    const sealed = await sealGuestCookie(opened.cookie);

    return seeOther('/r', {
      'set-cookie': serializeGuestCookie(sealed),
      'referrer-policy': 'no-referrer',
    });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'internal')
      logger.error({ err: error, requestId: meta.requestId }, 'link open failed');

    return refusal(appError.status, appError.details.retryAfterSeconds);
  }
}

const REFUSALS: Record<number, string> = {
  404: 'This link is not valid. It may have expired or been withdrawn by the hospital. Ask the hospital to send you a new one.',
  429: 'Too many links were opened from your network. Please wait a few minutes and try again.',
  503: 'The service is briefly unavailable. Please try again shortly.',
};

function refusal(status: number, retryAfter?: number): Response {
  const text = REFUSALS[status] ?? 'Something went wrong on our side. Please try again.';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>VetLoop</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:10vh auto;padding:0 1.5rem"><h1>Referral link</h1><p>${text}</p></body></html>`;
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  if (retryAfter !== undefined) headers.set('retry-after', String(retryAfter));

  return new Response(html, { status: REFUSALS[status] ? status : 500, headers });
}
