import { BlockList, isIP } from 'node:net';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** A bare address becomes a single-host range (/32 or /128). */
export function parseCidr(value: string): Cidr | null {
  const [rawAddress, rawPrefix, ...rest] = value.trim().split('/');
  if (rest.length > 0 || !rawAddress) return null;
  const address = unmapIpv4(rawAddress);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return null;
  const prefix = rawPrefix === undefined ? max : Number(rawPrefix);
  if (prefix > max) return null;

  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export function formatCidr(cidr: Cidr): string {
  return `${cidr.address}/${cidr.prefix}`;
}

/**
 * Whether an address may sign in under an allow-list. An empty list allows everyone (the
 * feature is off); an unknown address is refused when a list is set, never waved through.
 */
export function isIpAllowed(ip: string | null, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  if (!ip) return false;
  const address = unmapIpv4(ip.replace(/%.*$/, ''));
  const version = isIP(address);
  if (version === 0) return false;
  const list = new BlockList();
  for (const entry of allowList) {
    const cidr = parseCidr(entry);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }

  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** ::ffff:192.0.2.1 is how a dual-stack socket reports an IPv4 client. */
function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);

  return match ? match[1]! : address;
}
