import { describe, expect, it } from 'vitest';

import { diffFields, isSecretField } from './diff-fields';

describe('diffFields', () => {
  it('lists only the fields whose values differ, with before and after', () => {
    expect(
      diffFields(
        { status: 'submitted', urgency: 'routine', service: 'Cardiology' },
        { status: 'received', urgency: 'urgent', service: 'Cardiology' },
      ),
    ).toEqual({
      status: { from: 'submitted', to: 'received' },
      urgency: { from: 'routine', to: 'urgent' },
    });
  });

  it('treats a key missing on one side as null, so creates and deletes read naturally', () => {
    expect(diffFields({}, { name: 'Biscuit', breed: null })).toEqual({
      name: { from: null, to: 'Biscuit' },
    });
    expect(diffFields({ name: 'Biscuit' }, {})).toEqual({ name: { from: 'Biscuit', to: null } });
  });

  it('drops password hashes, tokens, secrets and keys entirely', () => {
    const changes = diffFields(
      {
        password_hash: 'a',
        passwordHash: 'a',
        resetToken: 'a',
        totpSecret: 'a',
        apiKey: 'a',
        storageKey: 'a',
        tokenHash: 'a',
      },
      {
        password_hash: 'b',
        passwordHash: 'b',
        resetToken: 'b',
        totpSecret: 'b',
        apiKey: 'b',
        storageKey: 'b',
        tokenHash: 'b',
      },
    );
    expect(changes).toEqual({});
  });

  it('keeps ids and timestamps about secrets, which are not secrets', () => {
    expect(isSecretField('apiKeyId')).toBe(false);
    expect(isSecretField('passwordChangedAt')).toBe(false);
    expect(isSecretField('tokenExpiresAt')).toBe(false);
  });

  it('drops fields the caller names as secret', () => {
    expect(diffFields({ pin: '1' }, { pin: '2' }, { secret: ['pin'] })).toEqual({});
  });

  it('records a sensitive field as changed without its values', () => {
    expect(
      diffFields({ ownerPhone: '1' }, { ownerPhone: '2' }, { sensitive: ['ownerPhone'] }),
    ).toEqual({ ownerPhone: { from: '[redacted]', to: '[redacted]' } });
  });

  it('compares dates, big integers and nested objects by value and stores them as JSON', () => {
    const at = '2026-01-02T03:04:05.000Z';
    expect(
      diffFields(
        { at: new Date(at), size: 10n, meta: { a: 1, b: 2 } },
        { at: new Date(at), size: 11n, meta: { b: 2, a: 1 } },
      ),
    ).toEqual({ size: { from: '10', to: '11' } });
  });
});
