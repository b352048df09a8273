import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';

import { expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { encryptionInfoSchema } from '@/lib/documents/envelope';
import { masterKeyId } from '@/lib/documents/keyring';
import { uploadDocument } from '@/lib/documents/upload-document';

import { createPractice, createReferral } from '../helpers/factories';

import { keyringOf, newMasterKey, samples, scratchStore, staffContext } from './helpers';

it('npm run documents:rewrap moves every practice onto the new master key', async () => {
  const oldKey = newMasterKey();
  const newKey = newMasterKey();
  const deps = { storage: scratchStore().storage, keyring: keyringOf(oldKey) };
  const ids: [string, string][] = [];
  for (let i = 0; i < 2; i++) {
    const practice = await createPractice();
    const referral = await createReferral(practice.id);
    const ctx = await staffContext(practice.id);
    const body = Readable.from([samples.text()]);
    const doc = await uploadDocument(
      ctx,
      { referralId: referral.id, body, visibility: 'internal', kind: 'record' },
      deps,
    );
    ids.push([practice.id, doc.id]);
  }

  const output = execFileSync('npm', ['run', '--silent', 'documents:rewrap'], {
    env: { ...process.env, DOCUMENT_MASTER_KEY: newKey, DOCUMENT_PREVIOUS_MASTER_KEYS: oldKey },
    encoding: 'utf8',
  });

  expect(output).toMatch(/done: 2 data key\(s\) re-wrapped/);
  for (const [practiceId, id] of ids) {
    const row = await withPractice(practiceId, (db) =>
      db.document.findFirstOrThrow({ where: { id } }),
    );
    expect(encryptionInfoSchema.parse(row.encryption).kid).toBe(
      masterKeyId(Buffer.from(newKey, 'base64')),
    );
  }
}, 60_000);
