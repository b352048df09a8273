import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { actorId } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { notFound } from '@/lib/http/errors';

import type { UploadMetadata } from './create-document.schema';
import { DOCUMENT_VIEW_SELECT, toDocumentView, type DocumentView } from './document-view';
import { sanitizeFilename } from './sanitize-filename';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import type { StoredBody } from './store-document-body';

/**
 * Records a body already sealed in the store as a document of a referral, with its
 * audit event, in the caller's transaction.
 */
export async function createDocument(
  db: PracticeDb,
  ctx: PracticeContext,
  input: UploadMetadata & { referralId: string; stored: StoredBody },
): Promise<DocumentView> {
  const referral = await requireReferral(db, ctx, input.referralId);
  const { stored } = input;
  const row = await db.document.create({
    data: {
      practiceId: ctx.practiceId,
      id: stored.documentId,
      referralId: referral.id,
      kind: input.kind,
      visibility: input.visibility,
      filename: sanitizeFilename(input.filename, stored.extension),
      contentType: stored.contentType,
      sizeBytes: BigInt(stored.sizeBytes),
      sha256: new Uint8Array(stored.sha256),
      storageKey: stored.storageKey,
      encryption: { ...stored.encryption },
      uploadedByType: ctx.actor.type,
      uploadedById: actorId(ctx.actor),
    },
    select: DOCUMENT_VIEW_SELECT,
  });
  await recordAuditEvent(db, ctx, {
    action: 'document.uploaded',
    entityType: 'document',
    entityId: row.id,
    metadata: {
      referralId: referral.id,
      kind: row.kind,
      visibility: row.visibility,
      contentType: row.contentType,
      sizeBytes: stored.sizeBytes,
    },
  });

  return toDocumentView(row);
}

/** Another practice's referral, or a malformed id, is simply not found. */
export async function requireReferral(db: PracticeDb, ctx: PracticeContext, referralId: string) {
  if (!UUID.test(referralId)) throw notFound();
  const referral = await db.referral.findFirst({
    where: { practiceId: ctx.practiceId, id: referralId },
    select: { id: true, status: true },
  });
  if (!referral) throw notFound();

  return referral;
}
