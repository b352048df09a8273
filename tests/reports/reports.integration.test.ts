import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { listDocuments } from '@/lib/documents/list-documents';
import { openDocumentStream } from '@/lib/documents/open-document-stream';
import { uploadDocument } from '@/lib/documents/upload-document';
import { AppError } from '@/lib/http/errors';
import { listReports } from '@/lib/reports/list-reports';
import { saveReportDraft } from '@/lib/reports/save-report-draft';
import { sendReport } from '@/lib/reports/send-report';

import {
  guestContext,
  keyringOf,
  newMasterKey,
  readAll,
  samples,
  scratchStore,
  staffContext,
} from '../documents/helpers';
import { createPractice, createReferral } from '../helpers/factories';

async function setup(status = 'discharged') {
  const practice = await createPractice('Northside Referrals');
  const referral = await createReferral(practice.id, { patientName: 'Biscuit' });
  await withPractice(practice.id, (db) =>
    db.referral.update({
      where: { practiceId_id: { practiceId: practice.id, id: referral.id } },
      data: { status },
    }),
  );
  const ctx = {
    ...(await staffContext(practice.id)),
    role: 'clinician' as const,
    userName: 'Dr Kim Lee',
  };
  const store = scratchStore();
  const deps = { storage: store.storage, keyring: keyringOf(newMasterKey()) };

  return { practice, referral, ctx, store, deps };
}

const draftInput = (referralId: string) => ({
  referralId,
  kind: 'consult' as const,
  findings: 'Grade III/VI left apical systolic murmur.',
  diagnosis: 'Myxomatous mitral valve disease, stage B1.',
  treatment: 'None needed at present.',
  recommendations: 'Recheck echocardiogram in 6-12 months.',
});

describe('consult reports', () => {
  it('saves a draft, then updates the same draft, auditing without the clinical text', async () => {
    const { practice, referral, ctx } = await setup();

    const first = await withPractice(practice.id, (db) =>
      saveReportDraft(db, ctx, draftInput(referral.id)),
    );
    const second = await withPractice(practice.id, (db) =>
      saveReportDraft(db, ctx, { ...draftInput(referral.id), diagnosis: 'MMVD stage B2.' }),
    );

    expect(second.id).toBe(first.id);
    expect(second.diagnosis).toBe('MMVD stage B2.');
    const events = await withPractice(practice.id, (db) =>
      db.auditEvent.findMany({ where: { entityId: first.id }, orderBy: { seq: 'asc' } }),
    );
    expect(events.map((e) => e.action)).toEqual(['report.draft_created', 'report.draft_updated']);
    expect(JSON.stringify(events.map((e) => e.changes))).not.toMatch(/mitral|MMVD|murmur/);
    expect(events[1]!.changes).toEqual({ diagnosis: { from: '[redacted]', to: '[redacted]' } });
  });

  it('sends a written report: sealed shared document, referral Report sent, email queued, one transaction', async () => {
    const { practice, referral, ctx, store, deps } = await setup();
    const draft = await withPractice(practice.id, (db) =>
      saveReportDraft(db, ctx, draftInput(referral.id)),
    );

    const sent = await withPractice(practice.id, (db) =>
      sendReport(db, ctx, { referralId: referral.id, reportId: draft.id }, deps),
    );

    expect(sent).toMatchObject({ status: 'sent', id: draft.id });
    const state = await withPractice(practice.id, async (db) => ({
      referral: await db.referral.findFirstOrThrow({ where: { id: referral.id } }),
      outbox: await db.emailOutbox.findMany(),
      actions: (await db.auditEvent.findMany({ orderBy: { seq: 'asc' } })).map((e) => e.action),
    }));
    expect(state.referral.status).toBe('report_sent');
    expect(state.outbox).toHaveLength(1);
    expect(state.actions).toEqual(
      expect.arrayContaining(['document.uploaded', 'referral.status_changed', 'report.sent']),
    );

    const guest = guestContext(practice.id);
    const shared = await withPractice(practice.id, (db) =>
      listDocuments(db, guest, { referralId: referral.id, guest: true }),
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      kind: 'report',
      contentType: 'text/plain',
      id: sent.documentId,
    });
    const opened = await withPractice(practice.id, (db) =>
      openDocumentStream(
        db,
        guest,
        sent.documentId!,
        { guest: true, referralId: referral.id },
        deps,
      ),
    );
    const text = (await readAll(opened.stream)).toString();
    expect(text).toContain('Myxomatous mitral valve disease');
    expect(text).toContain('Patient:       Biscuit (Dog)');
    const blob = readFileSync(path.join(store.root, practice.id, sent.documentId!));
    expect(blob.includes(Buffer.from('mitral'))).toBe(false);
  });

  it('sends an uploaded file as the report, sharing it', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const doc = await uploadDocument(
      ctx,
      {
        referralId: referral.id,
        body: Readable.from([samples.pdf()]),
        filename: 'report.pdf',
        visibility: 'internal',
        kind: 'record',
      },
      deps,
    );

    const sent = await withPractice(practice.id, (db) =>
      sendReport(db, ctx, { referralId: referral.id, documentId: doc.id, kind: 'discharge' }, deps),
    );

    expect(sent).toMatchObject({ status: 'sent', documentId: doc.id, kind: 'discharge' });
    const row = await withPractice(practice.id, (db) =>
      db.document.findFirstOrThrow({ where: { id: doc.id } }),
    );
    expect(row).toMatchObject({ visibility: 'shared', kind: 'report' });
  });

  it('changes nothing when the referral is not ready for a report', async () => {
    const { practice, referral, ctx, store, deps } = await setup('accepted');
    const draft = await withPractice(practice.id, (db) =>
      saveReportDraft(db, ctx, draftInput(referral.id)),
    );

    const error = await withPractice(practice.id, (db) =>
      sendReport(db, ctx, { referralId: referral.id, reportId: draft.id }, deps),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_transition');
    const after = await withPractice(practice.id, async (db) => ({
      reports: await listReports(db, ctx, referral.id),
      documents: await db.document.count(),
      outbox: await db.emailOutbox.count(),
    }));
    expect(after.reports.map((r) => r.status)).toEqual(['draft']);
    expect(after.documents).toBe(0);
    expect(after.outbox).toBe(0);
    expect(readdirSync(store.root)).toEqual([]);
  });

  it('refuses a nurse, and answers not_found to another practice', async () => {
    const { practice, referral, ctx, deps } = await setup();
    const draft = await withPractice(practice.id, (db) =>
      saveReportDraft(db, ctx, draftInput(referral.id)),
    );
    const nurse = { ...ctx, role: 'nurse' as const };
    const other = await createPractice();
    const outsider = { ...(await staffContext(other.id)), role: 'owner' as const };

    const refused = await withPractice(practice.id, (db) =>
      sendReport(db, nurse, { referralId: referral.id, reportId: draft.id }, deps),
    ).catch((e: AppError) => e.code);
    const hidden = await withPractice(other.id, (db) =>
      sendReport(db, outsider, { referralId: referral.id, reportId: draft.id }, deps),
    ).catch((e: AppError) => e.code);
    const hiddenDraft = await withPractice(other.id, (db) =>
      saveReportDraft(db, outsider, draftInput(referral.id)),
    ).catch((e: AppError) => e.code);

    expect([refused, hidden, hiddenDraft]).toEqual(['forbidden', 'not_found', 'not_found']);
  });
});
