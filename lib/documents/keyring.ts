import 'server-only';

import { createHash } from 'node:crypto';

import { getEnv } from '@/lib/env';

export interface MasterKey {
  kid: string;
  key: Buffer;
}

/** The newest master key wraps; every listed key can still unwrap until re-wrapped. */
export interface Keyring {
  current: MasterKey;
  byKid: Map<string, MasterKey>;
}

/** A key's id is a fingerprint, so operators never have to name keys consistently. */
export function masterKeyId(key: Buffer): string {
  return `mk_${createHash('sha256').update('vetloop/master-key-id').update(key).digest('hex').slice(0, 16)}`;
}

function toMasterKey(base64: string): MasterKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error('document master keys must be 32 bytes');

  return { kid: masterKeyId(key), key };
}

export function buildKeyring(current: string, previous?: string): Keyring {
  const head = toMasterKey(current);
  const older = (previous ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map(toMasterKey);

  return { current: head, byKid: new Map([head, ...older].map((k) => [k.kid, k])) };
}

let cached: { source: string; keyring: Keyring } | undefined;

export function getDocumentKeyring(): Keyring {
  const env = getEnv();
  const source = `${env.DOCUMENT_MASTER_KEY}|${env.DOCUMENT_PREVIOUS_MASTER_KEYS ?? ''}`;
  if (cached?.source !== source) {
    cached = {
      source,
      keyring: buildKeyring(env.DOCUMENT_MASTER_KEY, env.DOCUMENT_PREVIOUS_MASTER_KEYS),
    };
  }

  return cached.keyring;
}
