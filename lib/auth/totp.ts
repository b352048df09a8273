import { randomBytes } from 'node:crypto';

import { generateSecret, generateURI, verify } from 'otplib';

import { sha256 } from './tokens';

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'VetLoop', label: account, secret });
}

/**
 * The RFC 6238 time step a code matches (one step of clock drift either way), or null.
 * Steps at or before `afterStep` are refused, so a code is good once.
 */
export async function matchTotp(
  secret: string,
  code: string,
  afterStep?: number | null,
): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: 30,
    ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
  });

  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Ten single-use codes, shown once: 10 lowercase base32 characters, grouped 5-5. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % 32]).join('');

    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): Buffer {
  return sha256(`recovery:${normalizeRecoveryCode(code)}`);
}
