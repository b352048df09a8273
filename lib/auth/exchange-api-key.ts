import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import type { RequestMeta } from './actor';
import { authQuery } from './auth-db';
import { mintAccessToken } from './jwt';
import { isRole, PERMISSIONS, type Permission } from './permissions';
import { ACCESS_TOKEN_SECONDS } from './session-policy';
import { sha256 } from './tokens';

const KEY_FORMAT = /^vlk_([a-f0-9]{8})_[A-Za-z0-9_-]{43}$/;

/** Trades a live API key for a short-lived Bearer JWT; unknown, expired or revoked → 401. */
export async function exchangeApiKey(secret: string, request: RequestMeta) {
  await requireWithinLimit('token_exchange', request.ip ?? 'unknown');
  const match = KEY_FORMAT.exec(secret);
  if (!match) throw new AppError('unauthenticated');
  await requireWithinLimit('token_exchange', match[1]!);

  const [key] = await authQuery<{
    practice_id: string;
    api_key_id: string;
    name: string;
    role: string;
    scopes: string[];
  }>`SELECT * FROM auth.find_api_key(${sha256(secret)})`;
  if (!key || !isRole(key.role)) throw new AppError('unauthenticated');
  const scopes = key.scopes.filter((s): s is Permission => s in PERMISSIONS);

  const accessToken = await mintAccessToken({
    kind: 'api_key',
    subject: key.api_key_id,
    sessionId: key.api_key_id,
    practiceId: key.practice_id,
    role: key.role,
    scopes,
  });
  await withPractice(key.practice_id, (db) =>
    recordAuditEvent(
      db,
      {
        practiceId: key.practice_id,
        actor: {
          type: 'api_key',
          apiKeyId: key.api_key_id,
          label: `API key ${key.name}`.slice(0, 254),
        },
        request,
      },
      { action: 'api_key.token_issued', entityType: 'api_key', entityId: key.api_key_id },
    ),
  );

  return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}
