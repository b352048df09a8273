import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { listDocuments } from '@/lib/documents/list-documents';
import type { DocumentView } from '@/lib/documents/document-view';
import { AppError } from '@/lib/http/errors';

import type { GuestContext } from './guest-context';

/** Notes the referring vet may read: the question behind Needs info, the decline. */
const SHARED_NOTE_STATUSES = new Set(['needs_info', 'declined']);

export interface GuestReferralView {
  reference: string;
  practiceName: string;
  status: string;
  urgency: string;
  service: string;
  patientName: string;
  species: string;
  submittedAt: Date | null;
  scheduledAt: Date | null;
  scheduledLocation: string | null;
  declineReason: string | null;
  declineAlternative: string | null;
  timeline: { toStatus: string; at: Date; note: string | null }[];
  messages: { id: string; authorName: string; fromGuest: boolean; body: string; at: Date }[];
  documents: DocumentView[];
}

/**
 * What the holder of a tracking link sees of their referral: its status timeline,
 * the shared message thread and shared documents. Internal notes and documents, and
 * drafts, are filtered here by visibility, not left to the page.
 */
export async function getGuestReferral(
  db: PracticeDb,
  ctx: GuestContext,
): Promise<GuestReferralView> {
  const referral = await db.referral.findUnique({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: ctx.referralId } },
    include: { practice: { select: { name: true } } },
  });
  if (!referral || referral.status === 'draft') throw new AppError('not_found');

  const history = await db.referralStatusHistory.findMany({
    where: { practiceId: ctx.practiceId, referralId: referral.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { toStatus: true, createdAt: true, note: true },
  });
  const messages = await db.message.findMany({
    where: { practiceId: ctx.practiceId, referralId: referral.id, visibility: 'shared' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, authorName: true, authorType: true, body: true, createdAt: true },
  });
  const documents = await listDocuments(db, ctx, { referralId: referral.id, guest: true });

  return {
    reference: referral.reference,
    practiceName: referral.practice.name,
    status: referral.status,
    urgency: referral.urgency,
    service: referral.service,
    patientName: referral.patientName,
    species: referral.species,
    submittedAt: referral.submittedAt,
    scheduledAt: referral.scheduledAt,
    scheduledLocation: referral.scheduledLocation,
    declineReason: referral.status === 'declined' ? referral.declineReason : null,
    declineAlternative: referral.status === 'declined' ? referral.declineAlternative : null,
    timeline: history
      .filter((h) => h.toStatus !== 'draft')
      .map((h) => ({
        toStatus: h.toStatus,
        at: h.createdAt,
        note: SHARED_NOTE_STATUSES.has(h.toStatus) ? h.note : null,
      })),
    messages: messages.map((m) => ({
      id: m.id,
      authorName: m.authorName,
      fromGuest: m.authorType === 'guest',
      body: m.body,
      at: m.createdAt,
    })),
    documents,
  };
}
