import 'server-only';

import { Readable } from 'node:stream';

import type { DocumentView } from './document-view';

// Only types a browser renders without running anything of ours; the rest download.
const INLINE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

export function canShowInline(contentType: string): boolean {
  return INLINE_TYPES.has(contentType);
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The decrypted body as a response. A sandboxing CSP and nosniff make even an inline
 * PDF or image unable to run script in our origin; nothing is cached anywhere. If the
 * stream fails its integrity checks midway, the body errors and the client sees a
 * truncated, failed download rather than altered bytes.
 */
export function documentResponse(
  document: DocumentView,
  stream: Readable,
  requested: 'inline' | 'attachment',
): Response {
  const kind =
    requested === 'inline' && canShowInline(document.contentType) ? 'inline' : 'attachment';
  const type =
    document.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : document.contentType;

  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(document.sizeBytes),
      'content-disposition': contentDisposition(kind, document.downloadName),
      'content-security-policy':
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
}
