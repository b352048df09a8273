import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { describe, expect, it, vi } from 'vitest';

import { GET as downloadDocument } from '@/app/api/guest/documents/[id]/route';
import { POST as postMessage } from '@/app/api/guest/messages/route';
import { POST as verifyCode } from '@/app/api/guest/step-up/route';
import { POST as upload } from '@/app/api/guest/uploads/route';
import { GET as openLink } from '@/app/(public)/r/[token]/route';
import { withPractice } from '@/lib/db/with-practice';
import { uploadDocument } from '@/lib/documents/upload-document';
import { listReferralLinks } from '@/lib/links/list-referral-links';
import { logger } from '@/lib/log/logger';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { newReferral, referralWithLink } from './helpers';

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'vetloop-guest-routes-'));

const ORIGIN = 'https://localhost:3443';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Note (report) >>\nendobj\n%%EOF\n', 'latin1');
let ipCounter = 0;
const nextIp = () => `203.0.113.${(ipCounter += 1)}`;

async function open(token: string, ip = nextIp()) {
  const res = await openLink(
    new Request(`${ORIGIN}/r/${token}`, { headers: { 'x-forwarded-for': ip } }),
    {
      params: Promise.resolve({ token }),
    },
  );
  const setCookie = res.headers.get('set-cookie') ?? '';

  return { res, setCookie, cookie: setCookie.split(';')[0]! };
}

function post(url: string, cookie: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie, ...headers },
    body,
  });
}

const jsonPost = (url: string, cookie: string, data: unknown) =>
  post(url, cookie, JSON.stringify(data), { 'content-type': 'application/json' });

async function addDocument(
  staff: WorkflowContext,
  referralId: string,
  visibility: 'shared' | 'internal',
  kind = 'record',
) {
  return uploadDocument(staff, {
    referralId,
    filename: `${visibility}-${kind}.pdf`,
    visibility,
    kind: kind as 'record',
    body: Readable.from([PDF]),
  });
}

const download = (id: string, cookie: string) =>
  downloadDocument(new Request(`${ORIGIN}/api/guest/documents/${id}`, { headers: { cookie } }), {
    params: Promise.resolve({ id }),
  });

describe('GET /r/[token]', () => {
  it('GET /r/[token] – sets a host-only secure guest cookie and redirects to /r without the token', async () => {
    const { token } = await referralWithLink();

    const { res, setCookie } = await open(token);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/r');
    expect(res.headers.get('location')).not.toContain(token);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(setCookie).toMatch(
      /^__Host-vetloop_guest=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie).not.toContain(token);
  });

  it('GET /r/[token] – an altered token is 404 with no cookie', async () => {
    const { token } = await referralWithLink();
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    const { res, setCookie } = await open(altered);

    expect(res.status).toBe(404);
    expect(setCookie).toBe('');
  });

  it('GET /r/[token] – guessing from one IP is cut off with 429 and Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < 30; i++) await open('x'.repeat(43), ip);

    const { res } = await open('y'.repeat(43), ip);

    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('guest API', () => {
  it('POST /api/guest/messages – posts on the link’s own referral as the guest', async () => {
    const { practice, referral, token, issued } = await referralWithLink();
    const { cookie } = await open(token);

    const res = await postMessage(
      jsonPost('/api/guest/messages', cookie, { body: 'Owner asks about fasting.' }),
    );

    expect(res.status).toBe(201);
    const messages = await withPractice(practice.id, (db) => db.message.findMany());
    expect(messages).toMatchObject([
      {
        referralId: referral.id,
        visibility: 'shared',
        authorType: 'guest',
        authorId: issued.linkId,
      },
    ]);
  });

  it('POST /api/guest/messages – no cookie, a tampered cookie or a foreign origin are refused', async () => {
    const { token } = await referralWithLink();
    const { cookie } = await open(token);
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('abc') ? 'xyz' : 'abc');

    const none = await postMessage(jsonPost('/api/guest/messages', '', { body: 'hi' }));
    const forged = await postMessage(jsonPost('/api/guest/messages', tampered, { body: 'hi' }));
    const foreign = await postMessage(
      post('/api/guest/messages', cookie, JSON.stringify({ body: 'hi' }), {
        origin: 'https://evil.example',
        'content-type': 'application/json',
      }),
    );

    expect([none.status, forged.status, foreign.status]).toEqual([401, 401, 403]);
    expect((await none.json()).error.code).toBe('unauthenticated');
  });

  it('GET /api/guest/documents/[id] – shared documents of the own referral only, with a read receipt', async () => {
    const { practice, staff, referral, token } = await referralWithLink();
    const other = await newReferral(staff, 'Pepper');
    const shared = await addDocument(staff, referral.id, 'shared', 'report');
    const internal = await addDocument(staff, referral.id, 'internal');
    const otherShared = await addDocument(staff, other.id, 'shared');
    const elsewhere = await referralWithLink();
    const foreignDoc = await addDocument(elsewhere.staff, elsewhere.referral.id, 'shared');
    const { cookie } = await open(token);

    const ok = await download(shared.id, cookie);
    const statuses = [
      (await download(internal.id, cookie)).status,
      (await download(otherShared.id, cookie)).status,
      (await download(foreignDoc.id, cookie)).status,
      (await download('not-a-uuid', cookie)).status,
    ];

    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(PDF);
    expect(statuses).toEqual([404, 404, 404, 404]);
    const links = await withPractice(practice.id, (db) =>
      listReferralLinks(db, staff, referral.id),
    );
    expect(links[0]!.reads.map((r) => r.kind)).toEqual(['report']);
  });

  it('POST /api/guest/uploads – answers a Needs info request and moves the referral back to Received', async () => {
    const { practice, staff, referral, token } = await referralWithLink();
    await withPractice(practice.id, async (db) => {
      await changeReferralStatus(db, staff, { referralId: referral.id, action: 'receive' });
      await changeReferralStatus(db, staff, {
        referralId: referral.id,
        action: 'request_info',
        note: 'Please send the last echo.',
      });
    });
    const { cookie } = await open(token);
    const form = new FormData();
    form.append(
      'attachments',
      new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }),
      'echo.pdf',
    );

    const res = await upload(post('/api/guest/uploads', cookie, form));

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/r?notice=answered#documents');
    const after = await withPractice(practice.id, async (db) => ({
      referral: await db.referral.findUniqueOrThrow({
        where: { practiceId_id: { practiceId: practice.id, id: referral.id } },
      }),
      documents: await db.document.findMany({ where: { referralId: referral.id } }),
      history: await db.referralStatusHistory.findMany({ orderBy: { createdAt: 'asc' } }),
    }));
    expect(after.referral.status).toBe('received');
    expect(after.documents.map((d) => [d.filename, d.uploadedByType])).toEqual([
      ['echo.pdf', 'guest'],
    ]);
    expect(after.history.at(-1)).toMatchObject({ toStatus: 'received', actorType: 'guest' });
  });
});

describe('step-up', () => {
  it('POST /api/guest/step-up – a wrong code is refused, the emailed one lets the session through', async () => {
    const { practice, token } = await referralWithLink();
    await withPractice(practice.id, (db) =>
      db.practice.update({ where: { id: practice.id }, data: { settings: { guestStepUp: true } } }),
    );
    const { cookie } = await open(token);
    const mail = await withPractice(practice.id, (db) =>
      db.emailOutbox.findFirstOrThrow({ where: { template: 'guest.step_up_code' } }),
    );
    const code = /\b(\d{6})\b/.exec(mail.bodyText)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const form = (c: string) => {
      const f = new FormData();
      f.set('code', c);

      return f;
    };

    const blocked = await postMessage(jsonPost('/api/guest/messages', cookie, { body: 'hi' }));
    const refused = await verifyCode(post('/api/guest/step-up', cookie, form(wrong)));
    const accepted = await verifyCode(post('/api/guest/step-up', cookie, form(code)));
    const allowed = await postMessage(jsonPost('/api/guest/messages', cookie, { body: 'hi' }));

    expect(blocked.status).toBe(401);
    expect(refused.headers.get('location')).toBe('/r?notice=wrong_code');
    expect(accepted.headers.get('location')).toBe('/r');
    expect(allowed.status).toBe(201);
  });

  it('POST /api/guest/step-up – five wrong codes end the session', async () => {
    const { practice, token } = await referralWithLink();
    await withPractice(practice.id, (db) =>
      db.practice.update({ where: { id: practice.id }, data: { settings: { guestStepUp: true } } }),
    );
    const { cookie } = await open(token);
    const f = new FormData();
    f.set('code', 'abcdef');

    const locations = [];
    for (let i = 0; i < 6; i++) {
      locations.push(
        (await verifyCode(post('/api/guest/step-up', cookie, f))).headers.get('location'),
      );
    }

    expect(locations.slice(0, 4)).toEqual(Array(4).fill('/r?notice=wrong_code'));
    expect(locations.slice(4)).toEqual(['/r?notice=unauthenticated', '/r?notice=unauthenticated']);
  });
});

describe('tokens', () => {
  it('never reach the logger, whatever happens to them', async () => {
    const calls: unknown[] = [];
    const spies = (['info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
        calls.push(args);
      }) as never),
    );
    try {
      const { practice, staff, referral, token, issued } = await referralWithLink();
      await open(token);
      await open(token.slice(0, -1) + '0');
      await withPractice(practice.id, async (db) => {
        const { revokeReferralLink } = await import('@/lib/links/revoke-referral-link');
        await revokeReferralLink(db, staff, { referralId: referral.id, linkId: issued.linkId });
      });
      await open(token);

      expect(JSON.stringify(calls)).not.toContain(token);
      expect(JSON.stringify(calls)).not.toContain(token.slice(0, 20));
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});
