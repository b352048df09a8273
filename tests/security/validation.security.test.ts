import { describe, expect, inject, it } from 'vitest';

import {
  expectErrorBody,
  isApi,
  send,
  targets,
  urlFor,
  validBody,
  type Credential,
} from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a } = fixtures;

const caller: Credential = { kind: 'session', token: a.spareSessions[3]! };
const jsonWrites = targets(
  (e) => isApi(e) && !e.methods.includes('GET') && !e.methods.includes('DELETE'),
).filter((t) => validBody(t, a).type === 'application/json');

function post(target: (typeof jsonWrites)[number], body: string, type = 'application/json') {
  return send(baseUrl, target, urlFor(target.entry, a), caller, { body, type });
}

describe('validation at the boundary', () => {
  for (const target of jsonWrites) {
    const valid = JSON.parse(validBody(target, a).body) as Record<string, unknown>;

    it(`${target.label} – an unknown field answers 400 validation_failed naming it`, async () => {
      const res = await post(
        target,
        JSON.stringify({ ...valid, practiceId: fixtures.b.practiceId }),
      );

      expectErrorBody(res, 'validation_failed');
      const { fields } = res.json<{ error: { fields: { path: string; message: string }[] } }>()
        .error;
      expect(fields.length).toBeGreaterThan(0);
      for (const f of fields) expect(Object.keys(f).sort()).toEqual(['message', 'path']);
    });

    const [first] = Object.keys(valid);
    if (first) {
      it(`${target.label} – a wrong type in ${first} answers 400 validation_failed`, async () => {
        const res = await post(target, JSON.stringify({ ...valid, [first]: { $gt: '' } }));

        expectErrorBody(res, 'validation_failed');
      });
    }

    it(`${target.label} – a body that is not JSON answers 400`, async () => {
      expectErrorBody(await post(target, '{"unterminated": '), 'bad_request');
    });

    it(`${target.label} – a body of another media type answers 415`, async () => {
      expectErrorBody(
        await post(target, 'a=1', 'application/x-www-form-urlencoded'),
        'unsupported_media_type',
      );
    });

    it(`${target.label} – a JSON body over 1 MB answers 413`, async () => {
      const res = await post(target, JSON.stringify({ ...valid, padding: 'x'.repeat(1_100_000) }));

      expectErrorBody(res, 'payload_too_large');
    });
  }
});
