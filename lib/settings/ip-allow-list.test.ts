import { describe, expect, it } from 'vitest';

import { isIpAllowed, parseCidr } from './ip-allow-list';

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/24', { address: '203.0.113.0', prefix: 24, family: 'ipv4' }],
    ['198.51.100.7', { address: '198.51.100.7', prefix: 32, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
    ['::ffff:192.0.2.1', { address: '192.0.2.1', prefix: 32, family: 'ipv4' }],
  ])('reads %s', (input, expected) => {
    expect(parseCidr(input)).toEqual(expected);
  });

  it.each(['', '10.0.0.0/33', '10.0.0/8', 'example.com', '10.0.0.0/8/1', '10.0.0.0/-1', '::/129'])(
    'refuses %j',
    (input) => {
      expect(parseCidr(input)).toBeNull();
    },
  );
});

describe('isIpAllowed', () => {
  const list = ['203.0.113.0/24', '2001:db8::/32'];

  it('allows everyone while the list is empty', () => {
    expect(isIpAllowed('198.51.100.1', [])).toBe(true);
    expect(isIpAllowed(null, [])).toBe(true);
  });

  it('allows addresses inside a listed range, including IPv4 seen through IPv6', () => {
    expect(isIpAllowed('203.0.113.77', list)).toBe(true);
    expect(isIpAllowed('::ffff:203.0.113.77', list)).toBe(true);
    expect(isIpAllowed('2001:db8:1::5', list)).toBe(true);
  });

  it('refuses addresses outside every range, and an unknown address', () => {
    expect(isIpAllowed('203.0.114.1', list)).toBe(false);
    expect(isIpAllowed('2001:db9::1', list)).toBe(false);
    expect(isIpAllowed(null, list)).toBe(false);
    expect(isIpAllowed('not an ip', list)).toBe(false);
  });
});
