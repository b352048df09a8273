import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { sealGuestCookie, unsealGuestCookie } from '@/lib/links/guest-cookie';
import { getGuestReferral } from '@/lib/links/get-guest-referral';
import { issueReferralLink } from '@/lib/links/issue-referral-link';
import { listReferralLinks } from '@/lib/links/list-referral-links';
import { loadGuestSession } from '@/lib/links/load-guest-session';
import { openReferralLink } from '@/lib/links/open-referral-link';
import { revokeReferralLink } from '@/lib/links/revoke-referral-link';

import { meta, newReferral, referralWithLink, tokenOf } from './helpers';

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'vetloop-links-'));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);

  return error.code;
}

describe('tracking links', () => {
  it('exchange a token for a guest session bound to that referral and practice', async () => {
    const { practice, referral, token, issued } = await referralWithLink();

    const opened = await openReferralLink(token, meta());
    const access = await loadGuestSession(opened.cookie, meta());

    expect(opened.cookie).toMatchObject({ practiceId: practice.id, referralId: referral.id });
    expect(access?.ctx).toMatchObject({
      practiceId: practice.id,
      referralId: referral.id,
      linkId: issued.linkId,
      actor: { type: 'guest', linkId: issued.linkId, label: issued.email },
    });
    expect(access?.pendingStepUp).toBe(false);
  });

  it('store only a SHA-256 of a 256-bit token and email the link to the vet', async () => {
    const { practice, issued, token } = await referralWithLink();

    const { link, outbox } = await withPractice(practice.id, async (db) => ({
      link: await db.referralLink.findFirstOrThrow({ where: { id: issued.linkId } }),
      outbox: await db.emailOutbox.findMany({ where: { template: 'referral_link.issued' } }),
    }));

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(link.tokenHash).toString('base64url')).not.toContain(token);
    expect(link.tokenHash.length).toBe(32);
    expect(outbox.map((m) => m.toAddress)).toEqual([issued.email]);
    expect(outbox[0]!.bodyText).toContain(issued.trackingUrl);
  });

  it('refuse unknown, altered, malformed, expired and revoked tokens alike', async () => {
    const { practice, staff, referral, token, issued } = await referralWithLink();
    const altered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

    expect(await codeOf(openReferralLink(altered, meta()))).toBe('not_found');
    expect(await codeOf(openReferralLink(`${token}x`, meta()))).toBe('not_found');
    expect(await codeOf(openReferralLink('../../etc/passwd', meta()))).toBe('not_found');

    await withPractice(practice.id, (db) =>
      db.referralLink.update({
        where: { practiceId_id: { practiceId: practice.id, id: issued.linkId } },
        data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 5000) },
      }),
    );
    expect(await codeOf(openReferralLink(token, meta()))).toBe('not_found');

    const second = await withPractice(practice.id, (db) =>
      issueReferralLink(db, staff, { referralId: referral.id }),
    );
    await withPractice(practice.id, (db) =>
      revokeReferralLink(db, staff, { referralId: referral.id, linkId: second.linkId }),
    );
    expect(await codeOf(openReferralLink(tokenOf(second.trackingUrl), meta()))).toBe('not_found');
  });

  it('end open sessions on the very next request once the link is revoked', async () => {
    const { practice, staff, referral, token, issued } = await referralWithLink();
    const opened = await openReferralLink(token, meta());
    expect(await loadGuestSession(opened.cookie, meta())).not.toBeNull();

    await withPractice(practice.id, (db) =>
      revokeReferralLink(db, staff, { referralId: referral.id, linkId: issued.linkId }),
    );

    expect(await loadGuestSession(opened.cookie, meta())).toBeNull();
  });

  it('end a guest session after 30 idle minutes', async () => {
    const { token } = await referralWithLink();
    const opened = await openReferralLink(token, meta());

    const later = new Date(Date.now() + 31 * 60 * 1000);

    expect(await loadGuestSession(opened.cookie, meta(), later)).toBeNull();
  });

  it('rate limit opening links per IP, so guessing tokens is slow', async () => {
    const ip = meta().ip!;
    const guesses = [];
    for (let i = 0; i < 30; i++) {
      guesses.push(await codeOf(openReferralLink('A'.repeat(42) + String(i % 10), meta(ip))));
    }

    expect(new Set(guesses)).toEqual(new Set(['not_found']));
    expect(await codeOf(openReferralLink('B'.repeat(43), meta(ip)))).toBe('rate_limited');
  });
});

describe('a guest of referral X', () => {
  it('never reaches referral Y of the same practice, even with a forged cookie payload', async () => {
    const { practice, staff, token } = await referralWithLink();
    const other = await newReferral(staff, 'Pepper');
    const opened = await openReferralLink(token, meta());

    const forged = { ...opened.cookie, referralId: other.id };

    expect(await loadGuestSession(forged, meta())).toBeNull();
    const access = await loadGuestSession(opened.cookie, meta());
    const view = await withPractice(practice.id, (db) => getGuestReferral(db, access!.ctx));
    expect(view.patientName).toBe('Biscuit');
  });

  it('never reaches another practice, whose ids in the cookie find nothing', async () => {
    const { token } = await referralWithLink();
    const elsewhere = await referralWithLink();
    const opened = await openReferralLink(token, meta());

    const crossed = { ...opened.cookie, practiceId: elsewhere.practice.id };

    expect(await loadGuestSession(crossed, meta())).toBeNull();
  });
});

describe('the guest cookie', () => {
  it('round-trips only when sealed by us and untouched', async () => {
    const { token } = await referralWithLink();
    const opened = await openReferralLink(token, meta());
    const sealed = await sealGuestCookie(opened.cookie);

    const flipped = sealed.slice(0, 40) + (sealed[40] === 'a' ? 'b' : 'a') + sealed.slice(41);

    expect(await unsealGuestCookie(sealed)).toEqual(opened.cookie);
    expect(await unsealGuestCookie(flipped)).toBeNull();
    expect(await unsealGuestCookie('not-a-seal')).toBeNull();
    expect(await unsealGuestCookie(undefined)).toBeNull();
  });
});

describe('staff managing links', () => {
  it('issue a separate link to another vet at the same clinic, listed with its holder', async () => {
    const { practice, staff, referral, issued } = await referralWithLink();

    const second = await withPractice(practice.id, (db) =>
      issueReferralLink(db, staff, {
        referralId: referral.id,
        recipient: { name: 'Dr Second', email: 'Second@Riverside.test' },
      }),
    );
    const links = await withPractice(practice.id, (db) =>
      listReferralLinks(db, staff, referral.id),
    );
    const vets = await withPractice(practice.id, (db) =>
      db.referringVet.findMany({ where: { clinicId: referral.referringClinicId } }),
    );

    expect(second.linkId).not.toBe(issued.linkId);
    expect(links.map((l) => [l.recipientName, l.email, l.status])).toEqual([
      ['Dr Second', 'second@riverside.test', 'active'],
      ['Dr Rivera', issued.email, 'active'],
    ]);
    expect(vets).toHaveLength(2);
  });

  it('cannot list or revoke the links of another practice', async () => {
    const mine = await referralWithLink();
    const theirs = await referralWithLink();

    const list = withPractice(mine.practice.id, (db) =>
      listReferralLinks(db, mine.staff, theirs.referral.id),
    );
    const revoke = withPractice(mine.practice.id, (db) =>
      revokeReferralLink(db, mine.staff, {
        referralId: theirs.referral.id,
        linkId: theirs.issued.linkId,
      }),
    );

    expect(await codeOf(list)).toBe('not_found');
    expect(await codeOf(revoke)).toBe('not_found');
    expect(
      await loadGuestSession((await openReferralLink(theirs.token, meta())).cookie, meta()),
    ).not.toBeNull();
  });

  it('record who opened, revoked and issued links in the audit trail as the right actor', async () => {
    const { practice, staff, referral, token, issued } = await referralWithLink();
    const ip = meta().ip!;
    await openReferralLink(token, meta(ip));
    await withPractice(practice.id, (db) =>
      revokeReferralLink(db, staff, { referralId: referral.id, linkId: issued.linkId }),
    );

    const events = await withPractice(practice.id, (db) =>
      db.auditEvent.findMany({
        where: { action: { startsWith: 'referral_link.' } },
        orderBy: { seq: 'asc' },
      }),
    );

    expect(events.map((e) => [e.action, e.actorType])).toEqual([
      ['referral_link.issued', 'user'],
      ['referral_link.opened', 'guest'],
      ['referral_link.revoked', 'user'],
    ]);
    expect(events[1]).toMatchObject({ actorId: issued.linkId, actorLabel: issued.email, ip });
  });
});

describe('a practice requiring step-up', () => {
  it('holds the session until the emailed code is entered', async () => {
    const { practice, token, issued } = await referralWithLink();
    await withPractice(practice.id, (db) =>
      db.practice.update({ where: { id: practice.id }, data: { settings: { guestStepUp: true } } }),
    );

    const opened = await openReferralLink(token, meta());
    const pending = await loadGuestSession(opened.cookie, meta());
    const mail = await withPractice(practice.id, (db) =>
      db.emailOutbox.findFirstOrThrow({ where: { template: 'guest.step_up_code' } }),
    );

    expect(opened.stepUpRequired).toBe(true);
    expect(pending?.pendingStepUp).toBe(true);
    expect(mail.toAddress).toBe(issued.email);
    expect(mail.bodyText).toMatch(/\b\d{6}\b/);
  });
});

describe('what a guest sees', () => {
  it('shows shared messages and the status timeline, never internal notes or documents', async () => {
    const { practice, staff, referral, token } = await referralWithLink();
    await withPractice(practice.id, async (db) => {
      for (const [visibility, body] of [
        ['shared', 'Please bring the x-rays.'],
        ['internal', 'Owner was rude on the phone.'],
      ] as const) {
        await db.message.create({
          data: {
            practiceId: practice.id,
            referralId: referral.id,
            visibility,
            authorType: 'user',
            authorId: staff.actor.type === 'user' ? staff.actor.userId : null,
            authorName: 'Dr Staff',
            body,
          },
        });
      }
    });
    const opened = await openReferralLink(token, meta());
    const access = await loadGuestSession(opened.cookie, meta());

    const view = await withPractice(practice.id, (db) => getGuestReferral(db, access!.ctx));

    expect(view.messages.map((m) => m.body)).toEqual(['Please bring the x-rays.']);
    expect(view.timeline.map((t) => t.toStatus)).toEqual(['submitted']);
    expect(JSON.stringify(view)).not.toContain('rude');
  });
});
