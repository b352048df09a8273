import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import type { Attachment } from '@/lib/intake/attachments';
import { issueFormStamp } from '@/lib/intake/form-stamp';
import { submitIntake, type IntakeSubmission } from '@/lib/intake/submit-intake';
import { resolveIntakeLinkOrThrow } from '@/lib/links/resolve-intake-link';
import { rotateIntakeLink } from '@/lib/links/rotate-intake-link';

import { createPractice } from '../helpers/factories';
import { meta, staffOf, tokenOf } from '../links/helpers';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vetloop-intake-'));
process.env.DATA_DIR = dataDir;

const FIELDS = {
  clinicName: 'Hillside Vets',
  vetName: 'Dr Hill',
  vetEmail: 'Hill@Hillside.test',
  vetPhone: '0123 456789',
  patientName: 'Biscuit',
  species: 'Dog',
  breed: 'Beagle',
  sex: 'male_neutered',
  dateOfBirth: '',
  ageYears: '4',
  weightKg: '12.5',
  ownerName: 'Alex Owner',
  ownerPhone: '0987 654321',
  ownerEmail: 'alex@example.test',
  ownerConsent: 'yes',
  reason: 'Grade III/VI murmur, please assess.',
  urgency: 'urgent',
  service: 'Cardiology',
  history: 'Coughing at night for two weeks.',
  medications: 'Pimobendan 2.5 mg BID',
};

async function intakeLink() {
  const practice = await createPractice();
  const staff = await staffOf(practice.id, 'admin');
  const link = await withPractice(practice.id, (db) => rotateIntakeLink(db, staff, {}));
  const token = tokenOf(link.intakeUrl);
  const target = await resolveIntakeLinkOrThrow(token);

  return { practice, staff, token, target };
}

function submission(
  token: string,
  linkId: string,
  overrides: Partial<IntakeSubmission> = {},
): IntakeSubmission {
  return {
    token,
    fields: { ...FIELDS },
    stamp: issueFormStamp(linkId, Date.now() - 10_000),
    honeypot: '',
    files: [],
    meta: meta(),
    ...overrides,
  };
}

function file(name: string, content: Buffer): Attachment {
  return { name, size: content.length, stream: () => new Blob([new Uint8Array(content)]).stream() };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);

  return error;
}

async function counts(practiceId: string) {
  return withPractice(practiceId, async (db) => ({
    referrals: await db.referral.count(),
    clinics: await db.referringClinic.count(),
    vets: await db.referringVet.count(),
    documents: await db.document.count(),
    links: await db.referralLink.count(),
    mail: await db.emailOutbox.count(),
  }));
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Note (bloods) >>\nendobj\n%%EOF\n', 'latin1');

describe('submitting the intake form', () => {
  it('files a Submitted referral with its clinic, vet, records and a tracking link', async () => {
    const { practice, token, target } = await intakeLink();

    const result = await submitIntake(
      submission(token, target.linkId, { files: [file('bloods.pdf', PDF)] }),
    );

    const saved = await withPractice(practice.id, async (db) => ({
      referral: await db.referral.findFirstOrThrow({
        include: { referringVet: true, referringClinic: true },
      }),
      documents: await db.document.findMany(),
      mail: await db.emailOutbox.findMany(),
      audit: await db.auditEvent.findMany({ orderBy: { seq: 'asc' } }),
    }));
    expect(result.reference).toBe(saved.referral.reference);
    expect(result.trackingUrl).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    expect(saved.referral).toMatchObject({
      status: 'submitted',
      urgency: 'urgent',
      ownerConsent: true,
      referringVet: { email: 'hill@hillside.test', name: 'Dr Hill' },
      referringClinic: { name: 'Hillside Vets' },
    });
    expect(saved.referral.dateOfBirth).not.toBeNull();
    expect(saved.documents.map((d) => [d.filename, d.visibility])).toEqual([
      ['bloods.pdf', 'shared'],
    ]);
    expect(saved.mail.map((m) => m.toAddress)).toEqual(['hill@hillside.test']);
    expect(saved.mail[0]!.bodyText).toContain(result.trackingUrl);
    const byGuest = saved.audit.filter((e) => e.actorType === 'guest').map((e) => e.action);
    expect(byGuest).toEqual(expect.arrayContaining(['referral.created', 'intake.submitted']));
  });

  it('reuses the clinic (by name, any case) and the vet (by email)', async () => {
    const { practice, token, target } = await intakeLink();
    await submitIntake(submission(token, target.linkId));

    await submitIntake(
      submission(token, target.linkId, {
        fields: {
          ...FIELDS,
          clinicName: 'HILLSIDE vets',
          vetEmail: 'hill@hillside.test',
          patientName: 'Max',
        },
      }),
    );

    expect(await counts(practice.id)).toMatchObject({ referrals: 2, clinics: 1, vets: 1 });
  });

  it('flags the same patient from the same clinic within 14 days as a possible duplicate', async () => {
    const { practice, token, target } = await intakeLink();
    await submitIntake(submission(token, target.linkId));

    await submitIntake(
      submission(token, target.linkId, { fields: { ...FIELDS, patientName: 'BISCUIT' } }),
    );

    const flags = await withPractice(practice.id, (db) => db.referralPossibleDuplicate.findMany());
    expect(flags).toHaveLength(1);
    expect(await counts(practice.id)).toMatchObject({ referrals: 2 });
  });
});

describe('an intake form with an error', () => {
  it('names each wrong field and saves nothing', async () => {
    const { practice, token, target } = await intakeLink();
    const before = await counts(practice.id);

    const error = await rejection(
      submitIntake(
        submission(token, target.linkId, {
          fields: { ...FIELDS, vetEmail: 'not-an-email', ownerConsent: '', patientName: ' ' },
        }),
      ),
    );

    expect(error.code).toBe('validation_failed');
    expect(error.details.fields?.map((f) => f.path).sort()).toEqual(
      ['ownerConsent', 'patientName', 'vetEmail'].sort(),
    );
    expect(await counts(practice.id)).toEqual(before);
  });

  it('refuses a file that is not a record, removing any file already stored', async () => {
    const { practice, token, target } = await intakeLink();
    const stored = () =>
      readdirSync(path.join(dataDir, 'documents', practice.id), { withFileTypes: true }).filter(
        (e) => e.isFile(),
      ).length;
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(200),
    ]);

    const error = await rejection(
      submitIntake(
        submission(token, target.linkId, {
          files: [file('ok.pdf', PDF), file('notes.pdf', exe)],
        }),
      ),
    );

    expect(error.code).toBe('unsupported_media_type');
    expect(error.details.fields?.[0]?.path).toBe('attachments');
    expect(await counts(practice.id)).toMatchObject({ referrals: 0, documents: 0, mail: 0 });
    expect(stored()).toBe(0);
  });

  it('refuses more than five files, or files over the size limits, before reading them', async () => {
    const { token, target } = await intakeLink();
    const six = Array.from({ length: 6 }, (_, i) => file(`f${i}.pdf`, PDF));
    const huge: Attachment = {
      name: 'big.pdf',
      size: 26 * 1024 * 1024,
      stream: () => {
        throw new Error('read');
      },
    };

    expect(
      (await rejection(submitIntake(submission(token, target.linkId, { files: six })))).code,
    ).toBe('validation_failed');
    expect(
      (await rejection(submitIntake(submission(token, target.linkId, { files: [huge] })))).code,
    ).toBe('payload_too_large');
  });
});

describe('intake abuse protection', () => {
  it('refuses a filled honeypot, a form sent within 3 s, an old form and a forged stamp', async () => {
    const { practice, token, target } = await intakeLink();
    const now = Date.now();

    const cases = [
      { honeypot: '555-1234' },
      { stamp: issueFormStamp(target.linkId, now - 1_000) },
      { stamp: issueFormStamp(target.linkId, now - 3 * 60 * 60 * 1000) },
      { stamp: issueFormStamp('00000000-0000-4000-8000-000000000000', now - 10_000) },
      { stamp: undefined },
    ];
    for (const overrides of cases) {
      const error = await rejection(submitIntake(submission(token, target.linkId, overrides)));
      expect(error.code).toBe('bad_request');
    }

    expect(await counts(practice.id)).toMatchObject({ referrals: 0 });
  });

  it('limits submissions per IP', async () => {
    const { token, target } = await intakeLink();
    const ip = meta().ip!;
    for (let i = 0; i < 10; i++) {
      await rejection(
        submitIntake(submission(token, target.linkId, { honeypot: 'x', meta: meta(ip) })),
      );
    }

    const error = await rejection(
      submitIntake(submission(token, target.linkId, { meta: meta(ip) })),
    );

    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('stops accepting the old link once an admin rotates it', async () => {
    const { practice, staff, token, target } = await intakeLink();

    const rotated = await withPractice(practice.id, (db) => rotateIntakeLink(db, staff, {}));

    expect((await rejection(submitIntake(submission(token, target.linkId)))).code).toBe(
      'not_found',
    );
    const fresh = await resolveIntakeLinkOrThrow(tokenOf(rotated.intakeUrl));
    expect(fresh.practiceId).toBe(practice.id);
  });

  it('keeps a per-service link to its service, beside the general link', async () => {
    const { practice, staff } = await intakeLink();
    const derm = await withPractice(practice.id, (db) =>
      rotateIntakeLink(db, staff, { service: 'Dermatology' }),
    );
    const target = await resolveIntakeLinkOrThrow(tokenOf(derm.intakeUrl));

    await submitIntake(submission(tokenOf(derm.intakeUrl), target.linkId));

    const referral = await withPractice(practice.id, (db) => db.referral.findFirstOrThrow());
    expect(referral.service).toBe('Dermatology');
    const live = await withPractice(practice.id, (db) =>
      db.intakeLink.count({ where: { revokedAt: null } }),
    );
    expect(live).toBe(2);
  });
});
