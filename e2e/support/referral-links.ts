/**
 * Test-side setup for e2e/referral-link.spec.ts, run as a child process with the app's
 * environment (`node --conditions=react-server --import tsx`): it uses the same domain
 * operations the app does, in a practice of its own, and prints JSON on stdout.
 *
 *   intake-link                      → { practiceId, url }
 *   request-info <practiceId> <ref>  → moves the referral to Needs info
 *   share-report <practiceId> <ref>  → a shared report document
 *   events <practiceId> <ref>        → the referral's audit actions, in order
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { PracticeContext } from '@/lib/auth/actor';
import { withPractice } from '@/lib/db/with-practice';
import { uploadDocument } from '@/lib/documents/upload-document';
import { rotateIntakeLink } from '@/lib/links/rotate-intake-link';
import { changeReferralStatus } from '@/lib/referrals/change-status';

const [command, practiceId, reference] = process.argv.slice(2);

const system = (id: string): PracticeContext => ({
  practiceId: id,
  actor: { type: 'system', label: 'e2e' },
  request: { requestId: randomUUID(), ip: null, userAgent: 'e2e' },
});

async function referralId(id: string, ref: string): Promise<string> {
  const row = await withPractice(id, (db) =>
    db.referral.findFirstOrThrow({
      where: { practiceId: id, reference: ref },
      select: { id: true },
    }),
  );

  return row.id;
}

async function main(): Promise<unknown> {
  switch (command) {
    case 'intake-link': {
      const id = randomUUID();
      await withPractice(id, (db) =>
        db.practice.create({
          data: { id, name: 'E2E Referral Hospital', slug: `e2e-${id.slice(0, 8)}` },
        }),
      );
      const link = await withPractice(id, (db) => rotateIntakeLink(db, system(id), {}));

      return { practiceId: id, url: link.intakeUrl };
    }
    case 'request-info': {
      const rid = await referralId(practiceId!, reference!);
      await withPractice(practiceId!, async (db) => {
        await changeReferralStatus(db, system(practiceId!), { referralId: rid, action: 'receive' });
        await changeReferralStatus(db, system(practiceId!), {
          referralId: rid,
          action: 'request_info',
          note: 'Please send the latest echocardiogram.',
        });
      });

      return { ok: true };
    }
    case 'share-report': {
      const rid = await referralId(practiceId!, reference!);
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj\n<< /Note (Consult report) >>\nendobj\n%%EOF\n',
        'latin1',
      );
      const doc = await uploadDocument(system(practiceId!), {
        referralId: rid,
        filename: 'consult-report.pdf',
        visibility: 'shared',
        kind: 'report',
        body: Readable.from([pdf]),
      });

      return { documentId: doc.id };
    }
    case 'events': {
      const rid = await referralId(practiceId!, reference!);
      const docs = await withPractice(practiceId!, (db) =>
        db.document.findMany({ where: { referralId: rid }, select: { id: true } }),
      );
      const events = await withPractice(practiceId!, (db) =>
        db.auditEvent.findMany({
          where: { OR: [{ entityId: rid }, { entityId: { in: docs.map((d) => d.id) } }] },
          orderBy: { seq: 'asc' },
          select: { action: true, actorType: true },
        }),
      );

      return events.map((e) => `${e.actorType}:${e.action}`);
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
