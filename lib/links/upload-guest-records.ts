import 'server-only';

import { withPractice } from '@/lib/db/with-practice';
import { createDocument } from '@/lib/documents/create-document';
import type { DocumentDeps } from '@/lib/documents/deps';
import { AppError } from '@/lib/http/errors';
import { discardAttachments, storeAttachments, type Attachment } from '@/lib/intake/attachments';
import { changeReferralStatus } from '@/lib/referrals/change-status';

import type { GuestContext } from './guest-context';

/**
 * The referring vet uploads missing records through their link. The files are shared
 * with them (they sent them). When the referral is waiting on them (Needs info), the
 * upload answers the request: the referral moves back to Received through the state
 * machine, in the same transaction as the documents.
 */
export async function uploadGuestRecords(
  ctx: GuestContext,
  files: Attachment[],
  deps?: DocumentDeps,
): Promise<{ documentIds: string[]; answeredRequest: boolean }> {
  if (files.length === 0) {
    throw new AppError('validation_failed', 'Choose at least one file.', {
      fields: [{ path: 'attachments', message: 'Choose at least one file.' }],
    });
  }
  const stored = await storeAttachments(ctx.practiceId, files, deps);
  try {
    return await withPractice(ctx.practiceId, async (db) => {
      const documentIds: string[] = [];
      for (const file of stored) {
        const doc = await createDocument(db, ctx, {
          referralId: ctx.referralId,
          filename: file.name,
          visibility: 'shared',
          kind: 'record',
          stored: file.stored,
        });
        documentIds.push(doc.id);
      }
      const referral = await db.referral.findUnique({
        where: { practiceId_id: { practiceId: ctx.practiceId, id: ctx.referralId } },
        select: { status: true },
      });
      const answeredRequest = referral?.status === 'needs_info';
      if (answeredRequest) {
        await changeReferralStatus(db, ctx, {
          referralId: ctx.referralId,
          action: 'info_provided',
          expectedStatus: 'needs_info',
        });
      }

      return { documentIds, answeredRequest };
    });
  } catch (error) {
    await discardAttachments(stored, deps);
    throw error;
  }
}
