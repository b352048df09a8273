import { describe, expect, it } from 'vitest';

import { forwardHeaders } from './front';

describe('what the front forwards', () => {
  it('names the client it saw and drops whatever forwarding headers the client wrote', () => {
    const out = forwardHeaders(
      {
        host: 'vetloop.example',
        cookie: 'a=b',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'http',
        'x-real-ip': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
      },
      '198.51.100.7',
    );

    expect(out).toEqual({
      host: 'vetloop.example',
      cookie: 'a=b',
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
    });
  });

  it('keeps hop-by-hop headers to its own connection', () => {
    const out = forwardHeaders(
      {
        connection: 'keep-alive, x-secret',
        'keep-alive': 'timeout=5',
        upgrade: 'h2c',
        te: 'trailers',
        'x-secret': 'only for the next hop',
      },
      '127.0.0.1',
    );

    expect(Object.keys(out).sort()).toEqual(['x-forwarded-for', 'x-forwarded-proto']);
  });
});
