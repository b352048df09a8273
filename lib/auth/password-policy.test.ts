import { describe, expect, it } from 'vitest';

import { checkPasswordPolicy } from './password-policy';

describe('the password policy', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(checkPasswordPolicy('plover-tundra-cobalt-47')).toEqual([]);
  });

  it.each(['short1!', 'elevenchars'])('refuses %s as shorter than 12 characters', (pw) => {
    expect(checkPasswordPolicy(pw)[0]?.message).toMatch(/at least 12/);
  });

  it.each([
    'password1234',
    'Password1234',
    'qwerty123456',
    '1q2w3e4r5t6y',
    'iloveyou2024!',
    'aaaaaaaaaaaaaaaa',
    'veterinary2025',
  ])('refuses the common password %s', (pw) => {
    expect(checkPasswordPolicy(pw).map((i) => i.message)).toContain(
      'This password is too common; choose another.',
    );
  });

  it('refuses a password built on the email address', () => {
    expect(checkPasswordPolicy('dr.jones-2026-x', { email: 'dr.jones@example.test' })).toHaveLength(
      1,
    );
  });

  it('refuses more than 256 characters', () => {
    expect(checkPasswordPolicy('x1-'.repeat(100))[0]?.message).toMatch(/at most 256/);
  });

  it('ships a list of a few thousand common passwords', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync('lib/auth/data/common-passwords.txt', 'utf8')
      .split('\n')
      .filter(Boolean);

    expect(lines.length).toBeGreaterThan(3000);
  });
});
