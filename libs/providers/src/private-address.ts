import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Loopback, RFC 1918 private, carrier-grade NAT, link-local (cloud metadata lives at
// 169.254.169.254), "this network", and their IPv6 counterparts (ULA, link-local).
const PRIVATE = new BlockList();
PRIVATE.addSubnet('0.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** True for loopback, private, CGNAT, link-local and unspecified addresses (v4, v6, v4-mapped v6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped?.[1] !== undefined) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return false;
}

/** Resolves a host name to all its addresses (`dns.lookup` semantics: hosts file, then DNS). */
export type HostLookup = (hostname: string) => Promise<readonly string[]>;

export const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true })).map((entry) => entry.address);

export type BaseUrlCheck =
  | { readonly outcome: 'public' }
  | { readonly outcome: 'private'; readonly addresses: readonly string[] }
  | { readonly outcome: 'unresolved'; readonly reason: string };

/**
 * Where a base URL points. A literal IP is judged as is; a name is resolved and is private when
 * any of its addresses is (a name that resolves to both could land on either).
 */
export async function checkBaseUrlHost(
  baseUrl: string,
  lookup: HostLookup = systemLookup,
): Promise<BaseUrlCheck> {
  const hostname = new URL(baseUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(hostname) !== 0) {
    return isPrivateAddress(hostname) ? { outcome: 'private', addresses: [hostname] } : { outcome: 'public' };
  }
  let addresses: readonly string[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { outcome: 'unresolved', reason: typeof code === 'string' ? code : String(error) };
  }
  const privateOnes = addresses.filter(isPrivateAddress);
  return privateOnes.length > 0 ? { outcome: 'private', addresses: privateOnes } : { outcome: 'public' };
}
