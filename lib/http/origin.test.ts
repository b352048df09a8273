import { describe, expect, it } from 'vitest';

import { corsHeaders, isOriginAllowed } from './origin';

const APP = 'https://localhost:3443';
const h = (init: Record<string, string>) => new Headers(init);

describe('the same-origin rule for state changes', () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ['a read from anywhere', 'GET', { origin: 'https://evil.example', cookie: 's=1' }, true],
    ['a post from our origin', 'POST', { origin: APP, cookie: 's=1' }, true],
    [
      'a post from another origin with cookies',
      'POST',
      { origin: 'https://evil.example', cookie: 's=1' },
      false,
    ],
    [
      'a delete from another origin with cookies',
      'DELETE',
      { origin: 'https://evil.example', cookie: 's=1' },
      false,
    ],
    [
      'a post from our host on another port',
      'POST',
      { origin: 'https://localhost:4443', cookie: 's=1' },
      false,
    ],
    ['a post from an opaque origin with cookies', 'POST', { origin: 'null', cookie: 's=1' }, false],
    ['a post with cookies and no Origin', 'POST', { cookie: 's=1' }, false],
    [
      'a post with cookies marked cross-site',
      'POST',
      { cookie: 's=1', 'sec-fetch-site': 'cross-site' },
      false,
    ],
    [
      'a post with cookies marked same-origin',
      'POST',
      { cookie: 's=1', 'sec-fetch-site': 'same-origin' },
      true,
    ],
    ['a program posting with no cookie and no Origin', 'POST', {}, true],
    [
      'a cross-origin post carrying a Bearer token',
      'POST',
      { origin: 'https://partner.example', authorization: 'Bearer x.y.z' },
      true,
    ],
  ];

  it.each(cases)('%s → allowed: %s', (_name, method, headers, allowed) => {
    expect(isOriginAllowed(method, h(headers), APP)).toBe(allowed);
  });

  it('answers CORS for one named origin, never a wildcard, never with credentials', () => {
    const headers = corsHeaders('https://partner.example');

    expect(headers['access-control-allow-origin']).toBe('https://partner.example');
    expect(headers).not.toHaveProperty('access-control-allow-credentials');
    expect(Object.values(headers)).not.toContain('*');
  });
});
