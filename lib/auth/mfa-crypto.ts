import 'server-only';

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

import { getEnv } from '@/lib/env';

/**
 * TOTP secrets are sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
 * DOCUMENT_MASTER_KEY, the long-lived data key, not SESSION_SECRET: rotating session
 * secrets must never lock everyone out of their authenticator. The user id is the
 * associated data, so a sealed secret copied to another user's row does not open.
 */
function key(): Buffer {
  const master = Buffer.from(getEnv().DOCUMENT_MASTER_KEY, 'base64');

  return Buffer.from(hkdfSync('sha256', master, 'vetloop', 'mfa-totp-secret/v1', 32));
}

export function sealMfaSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);

  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openMfaSecret(sealed: string, userId: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown MFA secret format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(raw.subarray(12, 28));

  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
