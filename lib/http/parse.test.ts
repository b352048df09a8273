import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { formDataToObject, parseJson, parseQuery } from './parse';

const schema = z.strictObject({
  name: z.string().min(1),
  count: z.coerce.number().int().optional(),
});
const post = (body: string, type = 'application/json') =>
  new Request('https://localhost/x', { method: 'POST', headers: { 'content-type': type }, body });

describe('parsing at the boundary', () => {
  it('returns a valid JSON body', async () => {
    await expect(parseJson(post('{"name":"Biscuit"}'), schema)).resolves.toEqual({
      name: 'Biscuit',
    });
  });

  it('refuses unknown keys with validation_failed and the field list', async () => {
    await expect(parseJson(post('{"name":"B","practiceId":"x"}'), schema)).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [expect.objectContaining({ path: '(root)' })] },
    });
  });

  it('names the failing field', async () => {
    await expect(parseJson(post('{"name":""}'), schema)).rejects.toMatchObject({
      details: { fields: [expect.objectContaining({ path: 'name' })] },
    });
  });

  it('refuses a body that is not JSON, or not declared as JSON', async () => {
    await expect(parseJson(post('{'), schema)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(parseJson(post('name=x', 'text/plain'), schema)).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
  });

  it('reads query parameters, a repeated key as an array', () => {
    const q = z.strictObject({ status: z.array(z.string()), count: z.coerce.number() });

    expect(parseQuery('https://localhost/x?status=a&status=b&count=3', q)).toEqual({
      status: ['a', 'b'],
      count: 3,
    });
  });

  it('drops Next’s own action fields and files from forms', () => {
    const form = new FormData();
    form.set('$ACTION_ID_abc', '');
    form.set('name', 'Biscuit');
    form.set('file', new Blob(['x']));

    expect(formDataToObject(form)).toEqual({ name: 'Biscuit' });
  });
});
