// IPv4 address management for subnets, the way Azure does it: the first four addresses of a subnet
// (network, gateway, two for Azure DNS) and the last one (broadcast) are reserved.

import { cidrSize, formatIpv4, parseCidr } from '../common/ipv4';

export { cidrContains, cidrOverlaps, cidrSize, formatIpv4, parseCidr, parseIpv4, type Cidr } from '../common/ipv4';

/** Picks `count` free addresses, lowest first, or undefined when the subnet cannot hold them. */
export function allocate(prefix: string, used: ReadonlySet<string>, count: number): string[] | undefined {
  const cidr = parseCidr(prefix);
  if (!cidr) return undefined;
  const first = cidr.base + 4;
  const last = cidr.base + cidrSize(cidr) - 2;
  const out: string[] = [];
  for (let a = first; a <= last && out.length < count; a++) {
    const ip = formatIpv4(a);
    if (!used.has(ip)) out.push(ip);
  }
  return out.length === count ? out : undefined;
}
