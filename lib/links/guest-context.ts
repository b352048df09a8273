import type { PracticeContext, RequestMeta } from '@/lib/auth/actor';

/** A referring vet acting through one tracking link, on that link's referral only. */
export type GuestContext = PracticeContext & {
  actor: { type: 'guest'; linkId: string; label: string };
  referralId: string;
  linkId: string;
  sessionId: string;
};

export function guestContext(
  row: { practiceId: string; linkId: string; referralId: string; sessionId: string; email: string },
  request: RequestMeta,
): GuestContext {
  return {
    practiceId: row.practiceId,
    actor: { type: 'guest', linkId: row.linkId, label: row.email },
    request,
    referralId: row.referralId,
    linkId: row.linkId,
    sessionId: row.sessionId,
  };
}
