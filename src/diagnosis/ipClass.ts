// Whether an answer is private: a client inside a VNet should get an address from the private
// ranges (RFC 1918, shared address space 100.64/10 that VNets may use, loopback and link-local for
// local test resolvers); anything else is ACR's public frontend.
import { isIPv4, isIPv6 } from 'node:net';

export type AddressClass = 'private' | 'public';

const privateV4: [number, number][] = [
  cidr(10, 0, 0, 0, 8),
  cidr(172, 16, 0, 0, 12),
  cidr(192, 168, 0, 0, 16),
  cidr(100, 64, 0, 0, 10),
  cidr(127, 0, 0, 0, 8),
  cidr(169, 254, 0, 0, 16),
];

function cidr(a: number, b: number, c: number, d: number, bits: number): [number, number] {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [(((a << 24) | (b << 16) | (c << 8) | d) & mask) >>> 0, mask];
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

export function classifyAddress(ip: string): AddressClass {
  if (isIPv4(ip)) {
    const n = v4ToInt(ip);
    return privateV4.some(([net, mask]) => (n & mask) >>> 0 === net) ? 'private' : 'public';
  }
  if (isIPv6(ip)) {
    const lower = ip.toLowerCase();
    // fc00::/7 unique local, fe80::/10 link-local, ::1 loopback
    return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower === '::1' ? 'private' : 'public';
  }
  return 'public';
}

/** `none` for an empty answer, `mixed` when some addresses are private and some are not. */
export function classifyAddresses(ips: readonly string[]): AddressClass | 'mixed' | 'none' {
  if (ips.length === 0) return 'none';
  const classes = new Set(ips.map(classifyAddress));
  return classes.size > 1 ? 'mixed' : [...classes][0]!;
}
