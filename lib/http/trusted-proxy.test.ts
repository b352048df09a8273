import { describe, expect, it } from 'vitest';

import { clientAddress, parseTrustedProxies } from './trusted-proxy';

const front = parseTrustedProxies('127.0.0.2, 10.0.0.0/8, fd00::/8');

describe('the client address behind a trusted proxy', () => {
  it.each([
    ['a trusted proxy names the client', '127.0.0.2', '198.51.100.7', '198.51.100.7'],
    ['only the hop the proxy appended counts', '10.1.2.3', '6.6.6.6, 198.51.100.7', '198.51.100.7'],
    ['an untrusted peer cannot name anyone', '127.0.0.1', '198.51.100.7', '127.0.0.1'],
    ['a mapped IPv4 peer is matched bare', '::ffff:127.0.0.2', '198.51.100.7', '198.51.100.7'],
    ['an IPv6 subnet is trusted', 'fd00::5', '2001:db8::1', '2001:db8::1'],
    ['garbage from a trusted proxy falls back to it', '127.0.0.2', 'not-an-ip', '127.0.0.2'],
    ['a trusted proxy without the header is the client', '127.0.0.2', undefined, '127.0.0.2'],
  ])('%s', (_, peer, forwarded, expected) => {
    expect(clientAddress(peer, forwarded, front)).toBe(expected);
  });

  it('believes nobody when no proxies are configured', () => {
    expect(clientAddress('127.0.0.2', '198.51.100.7', undefined)).toBe('127.0.0.2');
    expect(parseTrustedProxies('')).toBeUndefined();
  });

  it.each(['localhost', '10.0.0.0/33', '10.0.0.0/x', '::1/129'])('refuses "%s"', (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(/not an IP address or CIDR/);
  });
});
