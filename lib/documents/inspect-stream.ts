import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

import { fileTypeFromBuffer } from 'file-type';

import { AppError } from '@/lib/http/errors';

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
const SNIFF_BYTES = 4100;

/** Types accepted, decided from content only; the claimed name and type are never trusted. */
export const ACCEPTED_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'application/dicom': 'dcm',
  'text/plain': 'txt',
};

// Markup passes as UTF-8 text but is not a clinical note; refuse it rather than store
// something a browser might one day render.
const MARKUP =
  /^\s*<|<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|style|\?xml)\b/i;

export interface InspectedBody {
  sizeBytes: number;
  sha256: Buffer;
  contentType: string;
  extension: string;
}

/**
 * Passes bytes through while counting them (413 past the limit), hashing them, and
 * deciding their type from the first bytes. Text is validated as UTF-8 without NULs over
 * the whole stream. `result()` is valid once the stream has ended.
 */
export function createInspectStream(maxBytes = MAX_DOCUMENT_BYTES) {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  let type: { mime: string; ext: string } | null = null;
  let text: TextDecoder | null = null;
  let digest: Buffer | null = null;

  const decide = async () => {
    const sample = Buffer.concat(head);
    if (sample.length === 0) throw new AppError('unsupported_media_type', 'The file is empty.');
    const found = await fileTypeFromBuffer(sample);
    if (found) {
      if (!ACCEPTED_TYPES[found.mime]) throw refused();
      type = { mime: found.mime, ext: ACCEPTED_TYPES[found.mime]! };

      return;
    }
    text = new TextDecoder('utf-8', { fatal: true });
    if (MARKUP.test(sample.toString('latin1'))) throw refused();
    type = { mime: 'text/plain', ext: 'txt' };
  };

  const checkText = (part: Buffer, end: boolean) => {
    if (!text) return;
    if (part.includes(0)) throw refused();
    try {
      text.decode(part, { stream: !end });
    } catch {
      throw refused();
    }
  };

  const stream = new Transform({
    async transform(part: Buffer, _enc, done: TransformCallback) {
      try {
        size += part.length;
        if (size > maxBytes) throw new AppError('payload_too_large', 'Files can be up to 25 MB.');
        hash.update(part);
        if (type) {
          checkText(part, false);
          done(null, part);

          return;
        }
        head.push(part);
        headBytes += part.length;
        if (headBytes < SNIFF_BYTES) return done();
        await decide();
        const held = Buffer.concat(head.splice(0));
        checkText(held, false);
        done(null, held);
      } catch (error) {
        done(error as Error);
      }
    },
    async flush(done: TransformCallback) {
      try {
        if (!type) {
          await decide();
          const held = Buffer.concat(head.splice(0));
          checkText(held, true);
          this.push(held);
        } else {
          checkText(Buffer.alloc(0), true);
        }
        digest = hash.digest();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });

  const result = (): InspectedBody => {
    if (!digest || !type) throw new Error('inspect stream has not finished');
    const decided: { mime: string; ext: string } = type;

    return { sizeBytes: size, sha256: digest, contentType: decided.mime, extension: decided.ext };
  };

  return { stream, result };
}

function refused(): AppError {
  return new AppError(
    'unsupported_media_type',
    'That file type is not accepted. Upload a PDF, image, DICOM or plain-text file.',
  );
}
