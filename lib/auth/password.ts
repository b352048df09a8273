import 'server-only';

import { hash, verify } from '@node-rs/argon2';

// argon2id (Algorithm.Argon2id = 2; a const enum, unusable under isolatedModules) with
// OWASP's minimum memory-hard parameters.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email, SSO-only user)
 * it still verifies against a dummy hash, so both answers take the same time.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword('dummy password never matches anything');
  const target = stored ?? (await dummy);
  let ok = false;
  try {
    ok = await verify(target, password);
  } catch {
    ok = false;
  }

  return ok && stored !== null;
}
