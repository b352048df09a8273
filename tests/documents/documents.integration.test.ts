import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { changeDocumentVisibility } from '@/lib/documents/change-document-visibility';
import { unwrapDataKey } from '@/lib/documents/crypto';
import { encryptionInfoSchema, keyContext } from '@/lib/documents/envelope';
import { listDocuments } from '@/lib/documents/list-documents';
import { openDocumentStream } from '@/lib/documents/open-document-stream';
import { rewrapDocumentKeys } from '@/lib/documents/rewrap-document-keys';
import { uploadDocument } from '@/lib/documents/upload-document';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { createPractice, createReferral } from '../helpers/factories';

import {
  guestContext,
  keyringOf,
  newMasterKey,
  readAll,
  samples,
  scratchStore,
  staffContext,
} from './helpers';

async function setup() {
  const practice = await createPractice();
  const referral = await createReferral(practice.id);
  const ctx = await staffContext(practice.id);
  const store = scratchStore();
  const masterKey = newMasterKey();
  const deps = { storage: store.storage, keyring: keyringOf(masterKey) };

  return { practice, referral, ctx, store, masterKey, deps };
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function auditActions(practiceId: string, entityId: string) {
  const rows = await withPractice(practiceId, (db) =>
    db.auditEvent.findMany({ where: { entityId }, orderBy: { seq: 'asc' } }),
  );

  return rows.map((r) => r.action);
}

describe('encrypted documents', () => {
  it('stores bytes unreadable without the key and opens them with it, auditing both', async () => {
    const { practice, referral, ctx, store, deps } = await setup();
    const plain = samples.pdf('Biscuit has a grade III/VI murmur');

    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([plain]),
        filename: '../../x/Echo.pdf',
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );

    expect(doc).toMatchObject({
      filename: 'Echo.pdf',
      contentType: 'application/pdf',
      sizeBytes: plain.length,
    });
    const [blob] = filesUnder(store.root);
    const sealed = readFileSync(blob!);
    expect(blob).toBe(path.join(store.root, practice.id, doc.id));
    expect(sealed.includes(Buffer.from('Biscuit'))).toBe(false);
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);

    const opened = await withPractice(practice.id, (db) =>
      openDocumentStream(db, ctx, doc.id, {}, deps),
    );
    expect((await readAll(opened.stream)).equals(plain)).toBe(true);
    expect(await auditActions(practice.id, doc.id)).toEqual([
      'document.uploaded',
      'document.downloaded',
    ]);
  });

  it('cannot unwrap the data key with a wrong master key', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.text()]),
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );

    const row = await withPractice(practice.id, (db) =>
      db.document.findFirstOrThrow({ where: { id: doc.id } }),
    );
    const info = encryptionInfoSchema.parse(row.encryption);
    const wrong = Buffer.from(newMasterKey(), 'base64');
    expect(() => unwrapDataKey(info.wrappedKey, wrong, keyContext(practice.id, doc.id))).toThrow();
    const foreignKeyring = {
      current: { kid: info.kid, key: wrong },
      byKid: new Map([[info.kid, { kid: info.kid, key: wrong }]]),
    };
    await expect(
      withPractice(practice.id, (db) =>
        openDocumentStream(db, ctx, doc.id, {}, { ...deps, keyring: foreignKeyring }),
      ),
    ).rejects.toThrow(/did not unwrap/);
  });

  it('refuses a file one byte over 25 MB with payload_too_large and leaves nothing behind', async () => {
    const { practice, referral, ctx, store, deps } = await setup();
    const mib = Buffer.alloc(1024 * 1024, 0x41);
    async function* body() {
      yield samples.pdf();
      for (let i = 0; i < 25; i++) yield mib;
    }

    await expectAppError(
      uploadDocument(
        ctx,
        { referralId: referral.id, body: body(), visibility: 'internal', kind: 'record' },
        deps,
      ),
      'payload_too_large',
    );
    expect(filesUnder(store.root)).toEqual([]);
    expect(await withPractice(practice.id, (db) => db.document.count())).toBe(0);
  });

  it.each([
    ['a Windows executable', samples.exe()],
    ['an HTML page', samples.html()],
    [
      'binary junk',
      Buffer.concat([Buffer.from('hello'), Buffer.alloc(10), Buffer.from([0xff, 0xfe])]),
    ],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s named report.pdf with unsupported_media_type', async (_name, bytes) => {
    const { practice, referral, ctx, store, deps } = await setup();

    await expectAppError(
      uploadDocument(
        ctx,
        {
          referralId: referral.id,
          body: Readable.from([bytes]),
          filename: 'report.pdf',
          visibility: 'internal',
          kind: 'record',
        },
        deps,
      ),
      'unsupported_media_type',
    );
    expect(filesUnder(store.root)).toEqual([]);
    expect(await withPractice(practice.id, (db) => db.document.count())).toBe(0);
  });

  it.each([
    ['png', samples.png(), 'image/png'],
    ['dicom', samples.dicom(), 'application/dicom'],
    ['text', samples.text('Température normale — ok\n'), 'text/plain'],
  ])('accepts %s, typed by its content whatever its name', async (_name, bytes, type) => {
    const { referral, ctx, deps } = await setup();

    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([bytes]),
        filename: 'scan.pdf',
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    expect(doc.contentType).toBe(type);
    expect(doc.downloadName).toMatch(/^scan\.pdf\.(png|dcm|txt)$/);
  });

  it('aborts the stream when a stored chunk was tampered with', async () => {
    const { practice, referral, ctx, store, deps } = await setup();
    const plain = Buffer.concat([samples.pdf(), Buffer.alloc(200_000, 0x42)]);
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([plain]),
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    const file = path.join(store.root, practice.id, doc.id);
    const sealed = readFileSync(file);
    sealed[100_000]! ^= 0x80;
    writeFileSync(file, sealed);

    const opened = await withPractice(practice.id, (db) =>
      openDocumentStream(db, ctx, doc.id, {}, deps),
    );
    await expect(readAll(opened.stream)).rejects.toThrow(/failed authentication/);
  });

  it('aborts the stream when the plaintext no longer matches the recorded SHA-256', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.text()]),
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    await withPractice(practice.id, (db) =>
      db.document.update({
        where: { practiceId_id: { practiceId: practice.id, id: doc.id } },
        data: { sha256: new Uint8Array(32) },
      }),
    );

    const opened = await withPractice(practice.id, (db) =>
      openDocumentStream(db, ctx, doc.id, {}, deps),
    );
    await expect(readAll(opened.stream)).rejects.toThrow(/SHA-256/);
  });

  it('re-wraps data keys under a new master key without touching bodies, and old files still open', async () => {
    const { practice, referral, ctx, store, masterKey, deps } = await setup();
    const plain = samples.pdf('before rotation');
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([plain]),
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );
    const file = path.join(store.root, practice.id, doc.id);
    const bodyBefore = readFileSync(file);
    const mtimeBefore = statSync(file).mtimeMs;

    const rotated = { ...deps, keyring: keyringOf(newMasterKey(), masterKey) };
    const opensBeforeRewrap = await withPractice(practice.id, (db) =>
      openDocumentStream(db, ctx, doc.id, {}, rotated),
    );
    expect((await readAll(opensBeforeRewrap.stream)).equals(plain)).toBe(true);

    expect(
      await rewrapDocumentKeys(
        { ...ctx, actor: { type: 'system', label: 'key rotation' } },
        rotated,
      ),
    ).toBe(1);
    expect(
      await rewrapDocumentKeys(
        { ...ctx, actor: { type: 'system', label: 'key rotation' } },
        rotated,
      ),
    ).toBe(0);
    const row = await withPractice(practice.id, (db) =>
      db.document.findFirstOrThrow({ where: { id: doc.id } }),
    );
    expect(encryptionInfoSchema.parse(row.encryption).kid).toBe(rotated.keyring.current.kid);
    expect(readFileSync(file).equals(bodyBefore)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtimeBefore);

    const newKeyOnly = {
      ...deps,
      keyring: {
        current: rotated.keyring.current,
        byKid: new Map([[rotated.keyring.current.kid, rotated.keyring.current]]),
      },
    };
    const opened = await withPractice(practice.id, (db) =>
      openDocumentStream(db, ctx, doc.id, {}, newKeyOnly),
    );
    expect((await readAll(opened.stream)).equals(plain)).toBe(true);
  });

  it("answers not_found for another practice's document, referral and visibility change", async () => {
    const { practice, referral, ctx, deps } = await setup();
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.text()]),
        visibility: 'shared',
        kind: 'record',
      },
      deps,
    );
    const other = await createPractice();
    const otherCtx = await staffContext(other.id);

    await expectAppError(
      withPractice(other.id, (db) => openDocumentStream(db, otherCtx, doc.id, {}, deps)),
      'not_found',
    );
    await expectAppError(
      withPractice(other.id, (db) => listDocuments(db, otherCtx, { referralId: referral.id })),
      'not_found',
    );
    await expectAppError(
      withPractice(other.id, (db) =>
        changeDocumentVisibility(db, otherCtx, {
          referralId: referral.id,
          documentId: doc.id,
          visibility: 'internal',
        }),
      ),
      'not_found',
    );
    await expectAppError(
      uploadDocument(
        otherCtx,
        {
          referralId: referral.id,
          body: Readable.from([samples.text()]),
          visibility: 'internal',
          kind: 'record',
        },
        deps,
      ),
      'not_found',
    );
    expect(await withPractice(practice.id, (db) => db.document.count())).toBe(1);
  });

  it('lets a guest open only shared documents of their own referral', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const upload = (visibility: 'internal' | 'shared') =>
      uploadDocument(
        ctx,
        {
          referralId: referral.id,
          body: Readable.from([samples.text(visibility)]),
          visibility,
          kind: 'record',
        },
        deps,
      );
    const internal = await upload('internal');
    const shared = await upload('shared');
    const otherReferral = await createReferral(practice.id);
    const guest = guestContext(practice.id);
    const open = (id: string, referralId: string) =>
      withPractice(practice.id, (db) =>
        openDocumentStream(db, guest, id, { guest: true, referralId }, deps),
      );

    await expectAppError(open(internal.id, referral.id), 'not_found');
    await expectAppError(open(shared.id, otherReferral.id), 'not_found');
    expect((await readAll((await open(shared.id, referral.id)).stream)).toString()).toBe('shared');
    const listed = await withPractice(practice.id, (db) =>
      listDocuments(db, guest, { referralId: referral.id, guest: true }),
    );
    expect(listed.map((d) => d.id)).toEqual([shared.id]);
  });

  it('audits a visibility change with the field diff', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.text()]),
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );

    const changed = await withPractice(practice.id, (db) =>
      changeDocumentVisibility(db, ctx, {
        referralId: referral.id,
        documentId: doc.id,
        visibility: 'shared',
      }),
    );
    expect(changed.visibility).toBe('shared');
    const event = await withPractice(practice.id, (db) =>
      db.auditEvent.findFirstOrThrow({
        where: { entityId: doc.id, action: 'document.visibility_changed' },
      }),
    );
    expect(event.changes).toEqual({ visibility: { from: 'internal', to: 'shared' } });
  });
});
