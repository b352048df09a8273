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

/**
 * The dev outbox exists only when mail is captured rather than sent AND the app listens
 * on loopback (the embedded default), so a deployment can never expose reset links here.
 */
export function isDevOutboxEnabled(): boolean {
  const env = getEnv();

  return !env.SMTP_URL && ['127.0.0.1', '::1', 'localhost'].includes(env.HOST);
}

export async function listCapturedMail(limit = 50): Promise<CapturedMail[]> {
  if (!isDevOutboxEnabled()) return [];

  return authQuery<CapturedMail>`SELECT * FROM auth.list_captured_mail(${limit}::integer)`;
}
