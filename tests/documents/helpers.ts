import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { PracticeContext } from '@/lib/auth/actor';
import { buildKeyring } from '@/lib/documents/keyring';
import { createLocalStorage } from '@/lib/documents/storage/local-storage';

import { createMember } from '../helpers/factories';

export function scratchStore() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vetloop-docs-'));

  return { root, storage: createLocalStorage(root) };
}

export const newMasterKey = () => randomBytes(32).toString('base64');

export function keyringOf(current: string, ...previous: string[]) {
  return buildKeyring(current, previous.join(','));
}

export async function staffContext(practiceId: string): Promise<PracticeContext> {
  const userId = await createMember(practiceId, 'clinician');

  return {
    practiceId,
    actor: { type: 'user', userId, sessionId: randomUUID(), label: 'clinician@example.test' },
    request: { requestId: `req-${randomUUID()}`, ip: '127.0.0.1', userAgent: 'vitest' },
  };
}

export function guestContext(practiceId: string): PracticeContext {
  return {
    practiceId,
    actor: { type: 'guest', linkId: randomUUID(), label: 'vet@example.test' },
    request: { requestId: `req-${randomUUID()}`, ip: '127.0.0.1', userAgent: 'vitest' },
  };
}

/** Minimal files whose first bytes file-type recognises. */
export const samples = {
  pdf: (body = 'Cardiology consult for Biscuit. Murmur grade III/VI.') =>
    Buffer.from(
      `%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< /Note (${body}) >>\nendobj\n%%EOF\n`,
      'latin1',
    ),
  png: () =>
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    ),
  dicom: () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), randomBytes(256)]),
  text: (body = 'Bloods normal. Recheck in 2 weeks.\n') => Buffer.from(body, 'utf8'),
  exe: () =>
    Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(200),
    ]),
  html: () => Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
};

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);

  return Buffer.concat(parts);
}
