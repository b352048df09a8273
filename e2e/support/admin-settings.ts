// Support for e2e/admin-settings.spec.ts, run with the app's environment.
//   admin                      → a fresh practice with an admin; prints { email, password, practiceId }
//   invite-link <practice> <email> → the link from the latest invitation mail to <email>
import { randomBytes, randomUUID } from 'node:crypto';

import { createStaffUser } from '@/lib/auth/create-staff-user';
import { withPractice } from '@/lib/db/with-practice';

const [command, practiceArg, emailArg] = process.argv.slice(2);

if (command === 'admin') {
  const practiceId = randomUUID();
  const tag = randomBytes(4).toString('hex');
  await withPractice(practiceId, (db) =>
    db.practice.create({
      data: { id: practiceId, name: `E2E Admin ${tag}`, slug: `e2e-a-${tag}` },
    }),
  );
  const email = `e2e-admin-${tag}@example.test`;
  const password = `meadow-copper-${tag}`;
  await createStaffUser(
    {
      practiceId,
      actor: { type: 'system', label: 'e2e' },
      request: { requestId: 'e2e', ip: null, userAgent: null },
    },
    { email, name: 'E2E Admin', role: 'admin', password },
  );
  process.stdout.write(JSON.stringify({ email, password, practiceId }));
} else if (command === 'invite-link' && practiceArg && emailArg) {
  const mail = await withPractice(practiceArg, (db) =>
    db.emailOutbox.findFirst({
      where: { toAddress: emailArg, template: 'invitation.sent' },
      orderBy: { createdAt: 'desc' },
      select: { bodyText: true },
    }),
  );
  const link = /https:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail?.bodyText ?? '')?.[0];
  if (!link) throw new Error('no invitation mail');
  process.stdout.write(new URL(link).pathname);
} else {
  throw new Error('usage: admin | invite-link <practiceId> <email>');
}
process.exit(0);
