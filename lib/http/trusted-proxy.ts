import { BlockList, isIP } from 'node:net';

/**
 * Which peers may tell the gateway a client's address. Behind a load balancer every
 * socket comes from the balancer, so without this every client would share one address
 * (one per-IP rate-limit bucket, one IP in the audit trail, one answer for allow-lists).
 * Only peers listed in TRUSTED_PROXIES are believed, and only for one hop: the address
 * the balancer itself saw, which it puts last in X-Forwarded-For.
 */
export type TrustedProxies = BlockList;

/** Parses "10.0.0.0/8, 127.0.0.2, ::1" into a list; throws on a malformed entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`not an IP address or CIDR: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`not an IP address or CIDR: ${entry}`);
    }
    list.addSubnet(address, prefix, type);
  }

  return list;
}

function bare(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.)/, '');
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const family = isIP(address);

  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy, in which case
 * the last X-Forwarded-For entry (the one the proxy appended). A malformed entry from a
 * trusted proxy falls back to the proxy's own address rather than to anything a client wrote.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies | undefined,
): string | undefined {
  if (!socketAddress) return undefined;
  const peer = bare(socketAddress);
  if (!trusted || !isTrusted(peer, trusted) || forwardedFor === undefined) return peer;
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = bare(joined.split(',').pop()?.trim() ?? '');

  return isIP(last) === 0 ? peer : last;
}
