import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
  /** Dotted lower snake naming what the mail is, e.g. `auth.password_reset`. */
  template: string;
}

/**
 * Writes the mail to the practice's outbox in the caller's transaction: it is sent only
 * if the caller's change commits, and never lost if delivery fails (the worker retries).
 */
export async function enqueueEmail(
  db: PracticeDb,
  ctx: Pick<PracticeContext, 'practiceId'>,
  email: EmailInput,
): Promise<string> {
  const row = await db.emailOutbox.create({
    data: {
      practiceId: ctx.practiceId,
      toAddress: email.to.trim().slice(0, 254),
      subject: email.subject.replace(/[\r\n]+/g, ' ').slice(0, 200),
      bodyText: email.text.slice(0, 20000),
      template: email.template,
    },
    select: { id: true },
  });

  return row.id;
}
