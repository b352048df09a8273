import { ACCEPTED_TYPES } from './inspect-stream';
import { downloadFilename } from './sanitize-filename';

export const DOCUMENT_KINDS = ['record', 'report', 'image', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const VISIBILITIES = ['internal', 'shared'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** What callers see of a document: never the storage key or the wrapped data key. */
export interface DocumentView {
  id: string;
  referralId: string;
  kind: string;
  visibility: string;
  filename: string;
  downloadName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByType: string;
  createdAt: Date;
}

export const DOCUMENT_VIEW_SELECT = {
  id: true,
  referralId: true,
  kind: true,
  visibility: true,
  filename: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  uploadedByType: true,
  createdAt: true,
} as const;

interface DocumentViewRow {
  id: string;
  referralId: string;
  kind: string;
  visibility: string;
  filename: string;
  contentType: string;
  sizeBytes: bigint;
  sha256: Uint8Array;
  uploadedByType: string;
  createdAt: Date;
}

export function toDocumentView(row: DocumentViewRow): DocumentView {
  return {
    ...row,
    downloadName: downloadFilename(row.filename, ACCEPTED_TYPES[row.contentType] ?? 'bin'),
    sizeBytes: Number(row.sizeBytes),
    sha256: Buffer.from(row.sha256).toString('hex'),
  };
}
