import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { FieldIssue } from '@/lib/http/errors';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  // Read from the source tree at runtime: bundlers would otherwise inline 40 kB per route.
  common ??= new Set(
    readFileSync(path.join(process.cwd(), 'lib/auth/data/common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );

  return common;
}

/** Why a new password is refused, or [] when it is acceptable. */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string; name?: string } = {},
): FieldIssue[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if (password.length < PASSWORD_MIN) problems.push(`Use at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) problems.push(`Use at most ${PASSWORD_MAX} characters.`);
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password)) {
    problems.push('This password is too common; choose another.');
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if ((local && local.length >= 4 && lower.includes(local)) || lower === context.email) {
    problems.push('Do not use your email address in your password.');
  }

  return problems.map((message) => ({ path: 'password', message }));
}
