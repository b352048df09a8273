import 'server-only';

import type { RequestMeta } from '@/lib/auth/actor';
import { withPractice } from '@/lib/db/with-practice';

import { guestContext, type GuestContext } from './guest-context';
import type { GuestCookie } from './guest-cookie';
import { LINK_POLICY } from './link-policy';

export interface GuestAccess {
  ctx: GuestContext;
  /** The practice asks for a code and it has not been entered yet: nothing is shown. */
  pendingStepUp: boolean;
}

/**
 * The live guest session a (verified) cookie names, or null. Checked against the
 * database on every request, so revoking the link or the session, expiry and the idle
 * timeout take effect at once. The cookie's three ids must all agree with the row,
 * so a session cannot be pointed at another referral even with a forged payload.
 */
export async function loadGuestSession(
  cookie: GuestCookie | null,
  meta: RequestMeta,
  now = new Date(),
): Promise<GuestAccess | null> {
  if (!cookie) return null;

  return withPractice(cookie.practiceId, async (db) => {
    const session = await db.guestSession.findFirst({
      where: {
        practiceId: cookie.practiceId,
        id: cookie.sessionId,
        linkId: cookie.linkId,
        referralId: cookie.referralId,
        revokedAt: null,
        expiresAt: { gt: now },
        lastSeenAt: { gt: new Date(now.getTime() - LINK_POLICY.guestIdleMs) },
      },
    });
    if (!session) return null;
    const link = await db.referralLink.findFirst({
      where: {
        practiceId: cookie.practiceId,
        id: cookie.linkId,
        referralId: cookie.referralId,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { email: true },
    });
    if (!link) return null;

    if (now.getTime() - session.lastSeenAt.getTime() > LINK_POLICY.touchEveryMs) {
      await db.guestSession.update({
        where: { practiceId_id: { practiceId: session.practiceId, id: session.id } },
        data: { lastSeenAt: now },
      });
      await db.referralLink.update({
        where: { practiceId_id: { practiceId: session.practiceId, id: cookie.linkId } },
        data: { lastUsedAt: now },
      });
    }
    const ctx = guestContext({ ...cookie, sessionId: session.id, email: link.email }, meta);

    return { ctx, pendingStepUp: session.stepUpRequired && !session.stepUpVerifiedAt };
  });
}
