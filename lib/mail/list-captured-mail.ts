import 'server-only';

import { authQuery } from '@/lib/auth/auth-db';
import { getEnv } from '@/lib/env';

export interface CapturedMail {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  template: string;
  delivered_at: Date;
}

const LOOPBACK = ['127.0.0.1', '::1', '[::1]', 'localhost'];

/**
 * The dev outbox exists only when mail is captured rather than sent AND the app both
 * listens on loopback and calls itself localhost (the embedded default): a deployment
 * with a public origin never shows reset links here, even without SMTP.
 */
export function isDevOutboxEnabled(): boolean {
  const env = getEnv();

  return (
    !env.SMTP_URL &&
    LOOPBACK.includes(env.HOST) &&
    LOOPBACK.includes(new URL(env.APP_ORIGIN).hostname)
  );
}

export async function listCapturedMail(limit = 50): Promise<CapturedMail[]> {
  if (!isDevOutboxEnabled()) return [];

  return authQuery<CapturedMail>`SELECT * FROM auth.list_captured_mail(${limit}::integer)`;
}
