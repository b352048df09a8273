import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ORPHAN_GRACE_MS, sweepOrphanDocumentFiles } from '@/lib/documents/sweep-orphan-files';
import { uploadDocument } from '@/lib/documents/upload-document';

import { createPractice, createReferral } from '../helpers/factories';

import { keyringOf, newMasterKey, samples, scratchStore, staffContext } from './helpers';

/** Backdates a file's last write. */
function age(file: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
}

/** A file as an interrupted upload leaves it, last written `ageMs` ago. */
function leftover(dir: string, name: string, ageMs: number): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, 'sealed bytes whose row never committed');
  age(file, ageMs);

  return file;
}

/** A practice with one document stored in a scratch folder, as the app stores it. */
async function practiceWithDocument() {
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

  return { practice, store, doc, stored: path.join(store.root, practice.id, doc.id) };
}

describe('the orphan document sweep', () => {
  it('removes old files without a row and old temp files, and keeps every stored document', async () => {
    const { practice, store, stored } = await practiceWithDocument();
    const dir = path.join(store.root, practice.id);
    const old = ORPHAN_GRACE_MS + 60_000;
    age(stored, old);
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

  it("judges each file by its own practice's rows: a copy in another practice's folder goes", async () => {
    const { store, doc, stored } = await practiceWithDocument();
    const other = await createPractice();
    // The same document id placed under the other practice's folder has no row there.
    const misplaced = leftover(path.join(store.root, other.id), doc.id, ORPHAN_GRACE_MS * 2);
    age(stored, ORPHAN_GRACE_MS * 2);

    const result = await sweepOrphanDocumentFiles({ root: store.root });

    expect(result).toEqual({ orphans: 1, temps: 0 });
    expect(existsSync(misplaced)).toBe(false);
    expect(existsSync(stored)).toBe(true);
  });
});
