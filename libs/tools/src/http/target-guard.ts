import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { raceAbort } from '../abort.js';
import { ToolError } from '../tool-definition.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const addresses = await dnsLookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** The address a hop was checked against; the connection is made to exactly this address. */
export interface PinnedTarget {
  /** As the connector sees it: no brackets around IPv6 literals. */
  readonly hostname: string;
  readonly address: string;
  readonly family: 4 | 6;
}

export interface TargetPolicy {
  readonly allowPrivateTargets: boolean;
  readonly allowedPrivateCidrs: readonly string[];
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const RANGE_TEXT: Readonly<Record<string, string>> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  reserved: 'a reserved address',
  ipv4Compatible: 'an IPv4-compatible IPv6 address',
};

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const [high = 0, low = 0] = address.parts.slice(6);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The non-public range `address` is in, or undefined for public unicast. Only `unicast` passes:
 * an allowlist of one, so a range ipaddr.js learns later is blocked rather than let through.
 * Forms that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`,
 * SIIT `::ffff:0:a.b.c.d`) are judged by the IPv4 address they reach.
 */
export function nonPublicRange(address: Address): string | undefined {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? undefined : range;
  }
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return nonPublicRange(v6.toIPv4Address());
  const range = v6.range();
  if (range === 'rfc6052' || range === 'rfc6145') return nonPublicRange(embeddedIpv4(v6));
  // ::a.b.c.d (deprecated IPv4-compatible) is plain "unicast" to ipaddr.js but public nowhere.
  if (range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0)) return 'ipv4Compatible';
  return range === 'unicast' ? undefined : range;
}

function rangeText(range: string): string {
  return RANGE_TEXT[range] ?? `a ${range} address`;
}

function canonical(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

export interface TargetGuard {
  /** Checks a URL before each hop and returns the address to connect to; throws ToolError otherwise. */
  check(url: URL, signal: AbortSignal): Promise<PinnedTarget>;
}

export function createTargetGuard(policy: TargetPolicy, lookup: HostLookup = systemLookup): TargetGuard {
  const exceptions = policy.allowedPrivateCidrs.map((cidr) => ipaddr.parseCIDR(cidr));

  const blockReason = (raw: string): string | undefined => {
    if (policy.allowPrivateTargets) return undefined;
    const address = canonical(ipaddr.parse(raw));
    const range = nonPublicRange(address);
    if (range === undefined) return undefined;
    const excepted = exceptions.some(
      ([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix),
    );
    return excepted ? undefined : rangeText(range);
  };

  const refuse = (what: string, reason: string): ToolError =>
    new ToolError(
      'blocked_target',
      `refused to fetch ${what}, ${reason}: private and loopback targets are blocked ` +
        '(PALYRA_HTTP_FETCH_ALLOW_PRIVATE_TARGETS, PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS)',
    );

  return {
    async check(url, signal) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ToolError('blocked_target', `only http and https URLs are fetched, not ${url.protocol}`);
      }
      if (url.username !== '' || url.password !== '') {
        throw new ToolError('invalid_input', 'URLs with credentials (user:password@host) are not fetched');
      }
      // WHATWG URL parsing already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
      const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      const literalFamily = isIP(hostname);
      if (literalFamily !== 0) {
        const reason = blockReason(hostname);
        if (reason !== undefined) throw refuse(hostname, `it is ${reason}`);
        return { hostname, address: hostname, family: literalFamily === 6 ? 6 : 4 };
      }
      let addresses: readonly ResolvedAddress[];
      try {
        addresses = await raceAbort(lookup(hostname), signal);
      } catch (error) {
        if (signal.aborted) throw error;
        const code = (error as { code?: unknown }).code;
        const detail = typeof code === 'string' ? ` (${code})` : '';
        throw new ToolError('network_error', `could not resolve ${hostname}${detail}`, { cause: error });
      }
      const first = addresses[0];
      if (first === undefined) throw new ToolError('network_error', `${hostname} has no addresses`);
      // Every address must pass, not only the one used: a name that points into private space
      // at all is not a public target, whichever record a later resolution would pick.
      for (const { address } of addresses) {
        if (!ipaddr.isValid(address)) {
          throw new ToolError('network_error', `${hostname} resolved to something that is not an IP address`);
        }
        const reason = blockReason(address);
        if (reason !== undefined) throw refuse(hostname, `it resolves to ${address}, ${reason}`);
      }
      return { hostname, address: first.address, family: first.family };
    },
  };
}
