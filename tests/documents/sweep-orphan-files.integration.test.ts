import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ORPHAN_GRACE_MS, sweepOrphanDocumentFiles } from '@/lib/documents/sweep-orphan-files';
import { uploadDocument } from '@/lib/documents/upload-document';

import { createPractice, createReferral } from '../helpers/factories';

import { keyringOf, newMasterKey, samples, scratchStore, staffContext } from './helpers';

/** A file as an interrupted upload leaves it, last written `ageMs` ago. */
function leftover(dir: string, name: string, ageMs: number): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, 'sealed bytes whose row never committed');
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);

  return file;
}

describe('the orphan document sweep', () => {
  it('removes old files without a row and old temp files, and keeps every stored document', async () => {
    const practice = await createPractice();
    const referral = await createReferral(practice.id);
    const ctx = await staffContext(practice.id);
    const store = scratchStore();
    const deps = { storage: store.storage, keyring: keyringOf(newMasterKey()) };
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.pdf()]),
        filename: 'Echo.pdf',
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    const dir = path.join(store.root, practice.id);
    const stored = path.join(dir, doc.id);
    const old = ORPHAN_GRACE_MS + 60_000;
    utimesSync(stored, new Date(Date.now() - old), new Date(Date.now() - old));
    const orphan = leftover(dir, randomUUID(), old);
    const temp = leftover(dir, '.tmp-0123456789abcdef', old);

    const result = await sweepOrphanDocumentFiles({ root: store.root });

    expect(result).toEqual({ orphans: 1, temps: 1 });
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(stored)).toBe(true);
  });

  it('leaves young files alone, since their upload may still be committing', async () => {
    const practice = await createPractice();
    const store = scratchStore();
    const dir = path.join(store.root, practice.id);
    const orphan = leftover(dir, randomUUID(), 1_000);
    const temp = leftover(dir, '.tmp-fedcba9876543210', 1_000);

    const result = await sweepOrphanDocumentFiles({ root: store.root });

    expect(result).toEqual({ orphans: 0, temps: 0 });
    expect(existsSync(orphan)).toBe(true);
    expect(existsSync(temp)).toBe(true);
  });

  it("never removes another practice's documents through a folder it does not own", async () => {
    const owner = await createPractice();
    const other = await createPractice();
    const referral = await createReferral(owner.id);
    const ctx = await staffContext(owner.id);
    const store = scratchStore();
    const deps = { storage: store.storage, keyring: keyringOf(newMasterKey()) };
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.pdf()]),
        filename: 'Echo.pdf',
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    // The same document id placed under the other practice's folder has no row there.
    const misplaced = leftover(path.join(store.root, other.id), doc.id, ORPHAN_GRACE_MS * 2);
    const stored = path.join(store.root, owner.id, doc.id);
    const long = new Date(Date.now() - ORPHAN_GRACE_MS * 2);
    utimesSync(stored, long, long);

    const result = await sweepOrphanDocumentFiles({ root: store.root });

    expect(result).toEqual({ orphans: 1, temps: 0 });
    expect(existsSync(misplaced)).toBe(false);
    expect(existsSync(stored)).toBe(true);
  });
});
