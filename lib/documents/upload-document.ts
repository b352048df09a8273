import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { withPractice } from '@/lib/db/with-practice';

import { createDocument, requireReferral } from './create-document';
import type { UploadMetadata } from './create-document.schema';
import type { DocumentDeps } from './deps';
import type { DocumentView } from './document-view';
import { discardStoredBody, storeDocumentBody, type BodySource } from './store-document-body';

/**
 * Upload in two steps: stream and seal the body into the store (no transaction open
 * meanwhile), then record the row and its audit event in one transaction. If recording
 * fails the sealed body is removed, so no blob outlives a failed upload.
 */
export async function uploadDocument(
  ctx: PracticeContext,
  input: UploadMetadata & { referralId: string; body: BodySource },
  deps?: DocumentDeps,
): Promise<DocumentView> {
  // Refuse an unknown referral before reading 25 MB, not after.
  await withPractice(ctx.practiceId, (db) => requireReferral(db, ctx, input.referralId));
  const stored = await storeDocumentBody(ctx.practiceId, input.body, {}, deps);
  try {
    return await withPractice(ctx.practiceId, (db) =>
      createDocument(db, ctx, {
        referralId: input.referralId,
        filename: input.filename,
        visibility: input.visibility,
        kind: input.kind,
        stored,
      }),
    );
  } catch (error) {
    await discardStoredBody(stored, deps);
    throw error;
  }
}
