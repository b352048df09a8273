import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';

import type { GuestContext } from './guest-context';

/** Staff see in the timeline when the referring vet looked at the referral. */
export async function recordGuestView(db: PracticeDb, ctx: GuestContext): Promise<void> {
  await recordAuditEvent(db, ctx, {
    action: 'referral.viewed',
    entityType: 'referral',
    entityId: ctx.referralId,
    metadata: { linkId: ctx.linkId, guestSessionId: ctx.sessionId },
  });
}
