import 'server-only';

import nodemailer, { type Transporter } from 'nodemailer';

import { authQuery } from '@/lib/auth/auth-db';
import { withPractice } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';

const BATCH = 20;
const MAX_ATTEMPTS = 8;

export interface SendMail {
  (mail: { to: string; subject: string; text: string }): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise null, and mail is captured for the dev outbox. */
export function smtpSender(): SendMail | null {
  const env = getEnv();
  if (!env.SMTP_URL) return null;
  const transport: Transporter = nodemailer.createTransport(env.SMTP_URL, {
    connectionTimeout: 10_000,
    socketTimeout: 10_000,
  } as object);

  return async (mail) => {
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
  };
}

/**
 * One pass over due mail. Rows are claimed FOR UPDATE SKIP LOCKED inside the practice's
 * transaction and marked in the same one, so two workers never take the same row and a
 * row is marked sent only together with the send. (A crash between the SMTP answer and
 * the commit can still repeat one mail: SMTP offers no way to make that atomic.)
 */
export async function deliverDueEmails(send: SendMail | null = smtpSender()): Promise<number> {
  const practices = await authQuery<{ id: string }>`
    SELECT id FROM auth.practices_with_due_mail() AS id`;
  let delivered = 0;
  for (const { id } of practices) {
    delivered += await deliverForPractice(id, send);
  }

  return delivered;
}

async function deliverForPractice(practiceId: string, send: SendMail | null): Promise<number> {
  return withPractice(
    practiceId,
    async (db) => {
      const due = await db.$queryRaw<
        { id: string; to_address: string; subject: string; body_text: string; attempts: number }[]
      >`SELECT id, to_address, subject, body_text, attempts FROM email_outbox
        WHERE practice_id = ${practiceId}::uuid AND status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      let done = 0;
      for (const mail of due) {
        try {
          if (send)
            await send({ to: mail.to_address, subject: mail.subject, text: mail.body_text });
          await db.emailOutbox.update({
            where: { practiceId_id: { practiceId, id: mail.id } },
            data: {
              status: send ? 'sent' : 'captured',
              deliveredAt: new Date(),
              attempts: { increment: 1 },
            },
          });
          done += 1;
        } catch (error) {
          await recordFailure(db, practiceId, mail, error);
        }
      }

      return done;
    },
    { timeout: 120_000 },
  );
}

async function recordFailure(
  db: Parameters<Parameters<typeof withPractice>[1]>[0],
  practiceId: string,
  mail: { id: string; attempts: number },
  error: unknown,
): Promise<void> {
  const attempts = mail.attempts + 1;
  // Backoff doubles from one minute: 1, 2, 4 … 64 minutes, then the mail is given up.
  const next = new Date(Date.now() + 60_000 * 2 ** (attempts - 1));
  logger.warn({ practiceId, mailId: mail.id, attempts, err: error }, 'mail delivery failed');
  await db.emailOutbox.update({
    where: { practiceId_id: { practiceId, id: mail.id } },
    data: {
      attempts,
      nextAttemptAt: next,
      status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      lastError: (error instanceof Error ? error.message : 'send failed').slice(0, 500),
    },
  });
}

/** Name, code and message only: pg's errors can carry the failed query's parameters. */
function describeError(error: unknown): { name?: string; code?: unknown; message: string } {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };

  return {
    name: error.name,
    code: (error as { code?: unknown }).code,
    message: error.message.slice(0, 200),
  };
}

const worker = globalThis as unknown as { vetloopOutboxTimer?: NodeJS.Timeout };

/**
 * The server (server.ts) stops background work before it closes the pool. It cannot
 * import this module (Next loads it under its own bundling), so the stop is published on
 * a process-wide symbol.
 */
export const STOP_WORKERS = Symbol.for('vetloop.stopBackgroundWorkers');

/** Starts the delivery loop once per process (from instrumentation.ts). */
export function startOutboxWorker(intervalMs = 5_000): void {
  if (worker.vetloopOutboxTimer) return;
  let running = false;
  // A database outage fails every pass; say so once, and once when passes succeed again.
  let failing = false;
  worker.vetloopOutboxTimer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEmails()
      .then(() => {
        if (failing) logger.info('outbox passes succeed again');
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) logger.warn({ err: describeError(error) }, 'outbox pass failed');
        failing = true;
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  worker.vetloopOutboxTimer.unref();
  (globalThis as Record<symbol, unknown>)[STOP_WORKERS] = () => {
    clearInterval(worker.vetloopOutboxTimer);
    worker.vetloopOutboxTimer = undefined;
  };
}
