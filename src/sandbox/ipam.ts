// IPv4 address management for subnets, the way Azure does it: the first four addresses of a subnet
// (network, gateway, two for Azure DNS) and the last one (broadcast) are reserved.

export interface Cidr {
  base: number;
  prefixLength: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, length] = text.split('/');
  if (address === undefined || length === undefined || !/^\d{1,2}$/.test(length)) return undefined;
  const base = parseIpv4(address);
  const prefixLength = Number(length);
  if (base === undefined || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) return undefined;
  return { base, prefixLength };
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

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
