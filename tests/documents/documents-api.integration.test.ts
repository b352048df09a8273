import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  GET as getDocument,
  PATCH as patchDocument,
} from '@/app/api/v1/referrals/[id]/documents/[docId]/route';
import { GET as listRoute, POST as uploadRoute } from '@/app/api/v1/referrals/[id]/documents/route';
import type { Role } from '@/lib/auth/permissions';

import { appHeaders, ORIGIN, signIn, staffMember } from '../auth/auth-fixtures';
import { createPractice, createReferral } from '../helpers/factories';

import { samples } from './helpers';

// The routes use the configured store: point DATA_DIR at a scratch folder for this file.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vetloop-api-docs-'));
process.env.DATA_DIR = dataDir;

let practiceId: string;
let referralId: string;
const headersFor = new Map<Role, Headers>();

beforeAll(async () => {
  practiceId = (await createPractice()).id;
  referralId = (await createReferral(practiceId)).id;
  for (const role of ['clinician', 'read_only'] as const) {
    const staff = await staffMember(role, practiceId);
    headersFor.set(role, await appHeaders(await signIn(staff.email)));
  }
});

function upload(body: BodyInit, query = '', role: Role = 'clinician', referral = referralId) {
  const headers = new Headers(headersFor.get(role));
  headers.set('origin', ORIGIN);
  headers.set('content-type', 'application/pdf');
  const req = new Request(`${ORIGIN}/api/v1/referrals/${referral}/documents${query}`, {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);

  return uploadRoute(req, { params: Promise.resolve({ id: referral }) });
}

function download(docId: string, query = '', role: Role = 'read_only') {
  const req = new Request(`${ORIGIN}/api/v1/referrals/${referralId}/documents/${docId}${query}`, {
    headers: headersFor.get(role),
  });

  return getDocument(req, { params: Promise.resolve({ id: referralId, docId }) });
}

function streamOf(parts: Buffer[]): ReadableStream<Uint8Array> {
  let i = 0;

  return new ReadableStream({
    pull(controller) {
      if (i < parts.length) controller.enqueue(new Uint8Array(parts[i++]!));
      else controller.close();
    },
  });
}

const blobsUnder = () =>
  readdirSync(path.join(dataDir, 'documents'), { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile(),
  );

describe('documents API', () => {
  it('POST /api/v1/referrals/:id/documents – stores a PDF typed by content, 201', async () => {
    const res = await upload(
      new Uint8Array(samples.pdf()),
      '?filename=Echo%20report.pdf&visibility=shared',
    );
    const body = await res.json();

    expect(res.status).toBe(201);
    expect(body.data).toMatchObject({
      filename: 'Echo report.pdf',
      contentType: 'application/pdf',
      visibility: 'shared',
    });
    expect(body.data).not.toHaveProperty('storageKey');
    expect(blobsUnder().some((e) => e.name === body.data.id)).toBe(true);
  });

  it('POST /api/v1/referrals/:id/documents – 413 past 25 MB while streaming, nothing kept', async () => {
    const before = blobsUnder().length;
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    const res = await upload(streamOf([samples.pdf(), ...Array.from({ length: 25 }, () => mib)]));

    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(blobsUnder().length).toBe(before);
    expect(
      readdirSync(path.join(dataDir, 'documents', practiceId)).filter((n) => n.startsWith('.tmp')),
    ).toEqual([]);
  });

  it('POST /api/v1/referrals/:id/documents – 413 on a declared length past 25 MB, before reading', async () => {
    const headers = new Headers(headersFor.get('clinician'));
    headers.set('origin', ORIGIN);
    headers.set('content-length', String(25 * 1024 * 1024 + 1));
    const req = new Request(`${ORIGIN}/api/v1/referrals/${referralId}/documents`, {
      method: 'POST',
      headers,
      body: 'x',
    });

    const res = await uploadRoute(req, { params: Promise.resolve({ id: referralId }) });
    expect(res.status).toBe(413);
  });

  it('POST /api/v1/referrals/:id/documents – 415 for an executable named .pdf', async () => {
    const res = await upload(new Uint8Array(samples.exe()), '?filename=scan.pdf');

    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('POST /api/v1/referrals/:id/documents – 403 for read-only staff', async () => {
    const res = await upload(new Uint8Array(samples.text()), '', 'read_only');

    expect(res.status).toBe(403);
  });

  it("POST /api/v1/referrals/:id/documents – 404 for another practice's referral", async () => {
    const other = await createPractice();
    const foreign = await createReferral(other.id);

    const res = await upload(new Uint8Array(samples.text()), '', 'clinician', foreign.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('GET /api/v1/referrals/:id/documents/:docId – streams the file as a sandboxed, uncached attachment', async () => {
    const plain = samples.pdf('download me');
    const { data } = await (
      await upload(new Uint8Array(plain), '?filename=r%C3%A9sum%C3%A9.pdf')
    ).json();

    const res = await download(data.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(plain)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
    );
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('GET /api/v1/referrals/:id/documents/:docId – inline only for PDFs and images', async () => {
    const pdf = (await (await upload(new Uint8Array(samples.pdf()))).json()).data;
    const txt = (await (await upload(new Uint8Array(samples.text()))).json()).data;

    expect(
      (await download(pdf.id, '?disposition=inline')).headers.get('content-disposition'),
    ).toMatch(/^inline/);
    const text = await download(txt.id, '?disposition=inline');
    expect(text.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('GET /api/v1/referrals/:id/documents/:docId – 404 for an unknown id', async () => {
    const res = await download('00000000-0000-4000-8000-000000000000');

    expect(res.status).toBe(404);
  });

  it('PATCH /api/v1/referrals/:id/documents/:docId – shares a document; GET lists it', async () => {
    const { data } = await (await upload(new Uint8Array(samples.text()))).json();
    const headers = new Headers(headersFor.get('clinician'));
    headers.set('origin', ORIGIN);
    headers.set('content-type', 'application/json');
    const req = new Request(`${ORIGIN}/api/v1/referrals/${referralId}/documents/${data.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ visibility: 'shared' }),
    });

    const res = await patchDocument(req, {
      params: Promise.resolve({ id: referralId, docId: data.id }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.visibility).toBe('shared');
    const list = await listRoute(
      new Request(`${ORIGIN}/api/v1/referrals/${referralId}/documents`, {
        headers: headersFor.get('read_only'),
      }),
      { params: Promise.resolve({ id: referralId }) },
    );
    const listed = (await list.json()).data as { id: string; visibility: string }[];
    expect(listed.find((d) => d.id === data.id)?.visibility).toBe('shared');
  });
});
