// IPv4 addresses and prefixes, as Azure counts them: the first four addresses of a subnet (network,
// gateway, two for Azure DNS) and the last (broadcast) are Azure's, so a /29 holds three.

export interface Cidr {
  base: number;
  prefixLength: number;
}

/** Azure keeps five addresses of every subnet (network, gateway, two DNS, broadcast). */
export const AZURE_RESERVED_ADDRESSES = 5;

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

/** A network prefix (`10.0.0.0/24`); undefined when it is not one (host bits set, bad length). */
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

/** Addresses a subnet can still give out: its size minus Azure's five and those in use; undefined for a prefix that is not one. */
export function freeAddressCount(addressPrefix: string, used: number): number | undefined {
  const bits = Number(addressPrefix.split('/')[1]);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return Math.max(0, 2 ** (32 - bits) - AZURE_RESERVED_ADDRESSES - used);
}
