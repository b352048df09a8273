import 'server-only';

import type { Readable } from 'node:stream';

import type { PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { notFound } from '@/lib/http/errors';
import { logger } from '@/lib/log/logger';

import { createDecryptStream } from './crypto';
import { resolveDeps, type DocumentDeps } from './deps';
import { DOCUMENT_VIEW_SELECT, toDocumentView, type DocumentView } from './document-view';
import { keyContext, openEnvelope } from './envelope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OpenDocumentOptions = {
  /** 'view' for inline display, 'download' for an attachment; named in the access event. */
  purpose?: 'view' | 'download';
} & (
  | { guest?: false; referralId?: string }
  /** A referring vet through a link: only shared documents of the link's own referral. */
  | { guest: true; referralId: string }
);

export interface OpenedDocument {
  document: DocumentView;
  /** Plaintext; errors (and withholds the last chunk) on tampering or a hash mismatch. */
  stream: Readable;
}

/**
 * Looks the document up in the caller's practice, records the access event in the
 * caller's transaction, and returns a decrypting stream. The stream itself reads the
 * store, not the database, so it may be consumed after the transaction commits.
 */
export async function openDocumentStream(
  db: PracticeDb,
  ctx: PracticeContext,
  documentId: string,
  options: OpenDocumentOptions = {},
  deps?: DocumentDeps,
): Promise<OpenedDocument> {
  if (!UUID.test(documentId)) throw notFound();
  if (options.referralId !== undefined && !UUID.test(options.referralId)) throw notFound();
  const row = await db.document.findFirst({
    where: {
      practiceId: ctx.practiceId,
      id: documentId,
      ...(options.referralId ? { referralId: options.referralId } : {}),
      ...(options.guest ? { visibility: 'shared' } : {}),
    },
    select: { ...DOCUMENT_VIEW_SELECT, storageKey: true, encryption: true },
  });
  if (!row) throw notFound();

  const { keyring, storage } = resolveDeps(deps);
  const dataKey = openEnvelope(row.encryption, keyring, keyContext(ctx.practiceId, row.id));
  const purpose = options.purpose ?? 'download';
  await recordAuditEvent(db, ctx, {
    action: purpose === 'view' ? 'document.viewed' : 'document.downloaded',
    entityType: 'document',
    entityId: row.id,
    metadata: { referralId: row.referralId, kind: row.kind },
  });

  const sealed = await storage.read(row.storageKey);
  const plain = createDecryptStream(dataKey, { expectedSha256: Buffer.from(row.sha256) });
  sealed.on('error', (error) => plain.destroy(error));
  plain.on('error', (error) => {
    sealed.destroy();
    logger.error(
      {
        err: { name: error.name, message: error.message },
        documentId: row.id,
        practiceId: ctx.practiceId,
      },
      'document integrity check failed',
    );
  });

  return { document: toDocumentView(row), stream: sealed.pipe(plain) };
}
