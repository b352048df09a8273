/**
 * Seeds the security suite's database through the app's own operations: the demo's two
 * practices (every role in each), then per practice a document, a tracking link, API
 * keys, spare sessions and a referral full of script payloads. Writes what the suite
 * needs (ids, tokens, cookies) as JSON to the file named by argv[2].
 *
 * Run with `node --conditions=react-server --import tsx` (server-only resolves empty).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

import type { PracticeContext } from '@/lib/auth/actor';
import { createApiKey } from '@/lib/auth/create-api-key';
import { exchangeApiKey } from '@/lib/auth/exchange-api-key';
import type { Role } from '@/lib/auth/permissions';
import type { StaffContext } from '@/lib/auth/staff-context';
import { startSession } from '@/lib/auth/start-session';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { uploadDocument } from '@/lib/documents/upload-document';
import { issueReferralLink } from '@/lib/links/issue-referral-link';
import { postMessage } from '@/lib/messages/post-message';
import { createReferral } from '@/lib/referrals/create-referral';
import { DEMO_PRACTICES } from '@/lib/seed/demo-data';
import { seedDemo, type DemoAccount } from '@/lib/seed/seed-demo';

import { XSS_MARKER, XSS_PAYLOADS } from '../payloads';
import type { PracticeFixtures, SecurityFixtures } from './fixtures';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Note (security suite) >>\nendobj\n%%EOF\n',
  'latin1',
);

function systemCtx(practiceId: string): PracticeContext {
  return {
    practiceId,
    actor: { type: 'system', label: 'Security suite fixtures' },
    request: { requestId: `sec-${randomUUID()}`, ip: '127.0.0.1', userAgent: 'security-suite' },
  };
}

/** A real session row, made by the same operation sign-in uses; returns the cookie value. */
async function sessionFor(practiceId: string, userId: string, label: string) {
  const session = await withPractice(
    practiceId,
    (db) =>
      startSession(db, {
        practiceId,
        userId,
        label,
        pendingMfa: false,
        mfaVerified: true,
        request: { requestId: 'security-suite', ip: '127.0.0.1', userAgent: 'security-suite' },
        action: 'auth.signed_in',
      }),
    { userId },
  );

  return session;
}

async function apiKeyFor(practiceId: string, role: Role, ownerId: string) {
  const staff: StaffContext = {
    ...systemCtx(practiceId),
    actor: { type: 'user', userId: ownerId, sessionId: randomUUID(), label: 'owner' },
    role: 'owner',
    userId: ownerId,
    sessionId: randomUUID(),
    userName: 'Security suite owner',
    practiceName: 'practice',
  };
  const key = await withPractice(
    practiceId,
    (db) => createApiKey(db, staff, { name: `security-suite ${role}`, role }),
    { userId: ownerId },
  );
  const exchanged = await exchangeApiKey(key.secret, staff.request);

  return { keyId: key.id, secret: key.secret, token: exchanged.access_token };
}

async function xssReferral(ctx: PracticeContext, db: PracticeDb): Promise<string> {
  const [script, img, svg] = XSS_PAYLOADS;
  const referral = await createReferral(db, ctx, {
    status: 'submitted',
    urgency: 'routine',
    service: `Cardiology ${svg}`.slice(0, 100),
    patientName: `Rex ${img}`.slice(0, 120),
    species: 'Dog',
    ownerName: `Owner ${script}`,
    reason: XSS_PAYLOADS.join(' '),
    referringVet: {
      clinicName: `Clinic ${img}`.slice(0, 200),
      name: `Dr ${svg}`.slice(0, 200),
      email: `xss-${randomUUID().slice(0, 8)}@example.test`,
    },
  });
  const author = { ...ctx, userName: `Author ${img}` };
  for (const body of XSS_PAYLOADS) {
    await postMessage(db, author, { referralId: referral.id, visibility: 'shared', body });
    await postMessage(db, author, { referralId: referral.id, visibility: 'internal', body });
  }

  return referral.id;
}

async function practiceFixtures(
  practiceId: string,
  accounts: DemoAccount[],
): Promise<PracticeFixtures> {
  const ctx = systemCtx(practiceId);
  const base = await withPractice(practiceId, async (db) => {
    const members = await db.membership.findMany({
      where: { practiceId },
      select: { userId: true, role: true },
    });
    const referral = await db.referral.findFirstOrThrow({
      where: { practiceId, status: { not: 'draft' } },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    const message = await db.message.findFirst({ where: { practiceId }, select: { id: true } });
    const xssReferralId = await xssReferral(ctx, db);
    const link = await issueReferralLink(db, ctx, { referralId: referral.id });
    const xssLink = await issueReferralLink(db, ctx, { referralId: xssReferralId });

    return {
      members,
      referralId: referral.id,
      messageId: message?.id ?? null,
      xssReferralId,
      link,
      xssLink,
    };
  });
  const document = await uploadDocument(ctx, {
    referralId: base.referralId,
    filename: `scan ${XSS_PAYLOADS[1]}.pdf`,
    visibility: 'shared',
    kind: 'record',
    body: Readable.from([PDF]),
  });

  await uploadDocument(ctx, {
    referralId: base.xssReferralId,
    filename: `${XSS_PAYLOADS[0]}.pdf`,
    visibility: 'shared',
    kind: 'record',
    body: Readable.from([PDF]),
  });

  const email = (role: string) => accounts.find((a) => a.role === role)?.email ?? role;
  const owner = base.members.find((m) => m.role === 'owner')!;
  const sessions: Record<string, string> = {};
  const sessionIds: Record<string, string> = {};
  const actionSessions: Record<string, string> = {};
  for (const m of base.members) {
    const made = await sessionFor(practiceId, m.userId, email(m.role));
    sessions[m.role] = made.token;
    sessionIds[m.role] = made.sessionId;
    actionSessions[m.role] = (await sessionFor(practiceId, m.userId, email(m.role))).token;
  }
  const spareSessions: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    spareSessions.push((await sessionFor(practiceId, owner.userId, email('owner'))).token);
  }
  const apiKeys: PracticeFixtures['apiKeys'] = {
    owner: await apiKeyFor(practiceId, 'owner', owner.userId),
    read_only: await apiKeyFor(practiceId, 'read_only', owner.userId),
  };

  return {
    practiceId,
    referralId: base.referralId,
    xssReferralId: base.xssReferralId,
    documentId: document.id,
    messageId: base.messageId,
    linkToken: new URL(base.link.trackingUrl).pathname.split('/').pop()!,
    xssLinkToken: new URL(base.xssLink.trackingUrl).pathname.split('/').pop()!,
    users: base.members.map((m) => ({ userId: m.userId, role: m.role, email: email(m.role) })),
    sessions,
    sessionIds,
    actionSessions,
    spareSessions,
    apiKeys,
  };
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: seed-fixtures.ts <out.json>');
  const { accounts } = await seedDemo();
  const [a, b] = DEMO_PRACTICES;
  const of = (name: string) => accounts.filter((x) => x.practice === name);
  const fixtures: SecurityFixtures = {
    accounts,
    marker: XSS_MARKER,
    a: await practiceFixtures(a!.id, of(a!.name)),
    b: await practiceFixtures(b!.id, of(b!.name)),
  };
  await writeFile(out, JSON.stringify(fixtures, null, 2), { mode: 0o600 });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
