import 'server-only';

import type { DocumentDeps } from '@/lib/documents/deps';
import {
  discardStoredBody,
  storeDocumentBody,
  type StoredBody,
} from '@/lib/documents/store-document-body';
import { AppError } from '@/lib/http/errors';

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 25 * MB,
  maxTotalBytes: 60 * MB,
} as const;

export interface Attachment {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface StoredAttachment {
  name: string;
  stored: StoredBody;
}

/**
 * Browsers send an empty part for a file input left empty (with JavaScript, Next names
 * it differently than a plain post does), so empty files are dropped whatever their name.
 */
export function attachmentsFrom(values: FormDataEntryValue[]): Attachment[] {
  return values.filter((v): v is File => typeof v !== 'string' && v.size > 0);
}

/** Refuses too many or too large files by their declared sizes, before reading any. */
export function requireWithinAttachmentLimits(files: Attachment[], field = 'attachments'): void {
  const fail = (message: string, code: 'validation_failed' | 'payload_too_large') => {
    throw new AppError(code, message, { fields: [{ path: field, message }] });
  };
  if (files.length > ATTACHMENT_LIMITS.maxFiles) {
    fail(`Attach at most ${ATTACHMENT_LIMITS.maxFiles} files.`, 'validation_failed');
  }
  const big = files.find((f) => f.size > ATTACHMENT_LIMITS.maxFileBytes);
  if (big) fail(`Each file must be 25 MB or smaller.`, 'payload_too_large');
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) {
    fail('All files together must be 60 MB or smaller.', 'payload_too_large');
  }
}

/**
 * Seals each file into the document store (the documents op checks type by content and
 * size while streaming). No database is touched: the caller records the rows in its
 * own transaction and calls discardAttachments if anything fails, so nothing is left.
 */
export async function storeAttachments(
  practiceId: string,
  files: Attachment[],
  deps?: DocumentDeps,
): Promise<StoredAttachment[]> {
  requireWithinAttachmentLimits(files);
  const stored: StoredAttachment[] = [];
  try {
    for (const file of files) {
      const body = await storeDocumentBody(
        practiceId,
        file.stream(),
        { maxBytes: ATTACHMENT_LIMITS.maxFileBytes },
        deps,
      );
      stored.push({ name: file.name, stored: body });
    }
  } catch (error) {
    await discardAttachments(stored, deps);
    throw asFieldError(error);
  }

  return stored;
}

export async function discardAttachments(stored: StoredAttachment[], deps?: DocumentDeps) {
  await Promise.all(stored.map((s) => discardStoredBody(s.stored, deps).catch(() => undefined)));
}

/** The document store's 413/415 tell the form which field was wrong. */
function asFieldError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.details.fields) return error;
  if (error.code !== 'payload_too_large' && error.code !== 'unsupported_media_type') return error;
  const message =
    error.code === 'payload_too_large'
      ? 'Each file must be 25 MB or smaller.'
      : 'Attach PDF, image, DICOM or plain-text files only.';

  return new AppError(error.code, message, { fields: [{ path: 'attachments', message }] });
}
