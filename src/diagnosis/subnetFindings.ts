// Findings about the subnets of a registry's private endpoints: room for the address a new geo-replica
// adds to every endpoint, and a network security group that keeps clients in the VNet off port 443.
import * as l10n from '@vscode/l10n';
import { sameId } from '../model/armId';
import { securityGroupApplies } from '../model/networkPolicies';
import type { NetworkSecurityGroup, SecurityRule, Subnet, VirtualNetwork } from '../model/types';
import { cidrContains, cidrOverlaps, freeAddressCount, parseCidr, parseIpv4, type Cidr } from '../common/ipv4';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import { indexSnapshot } from './snapshotIndex';

/** `myVNet/mySubnet`. */
const subnetText = (vnet: VirtualNetwork, subnet: Subnet): string => `${vnet.name}/${subnet.name}`;

function subnetOf(ctx: RegistryContext, subnetId: string): { vnet: VirtualNetwork; subnet: Subnet } | undefined {
  const found = indexSnapshot(ctx.snapshot).subnet(subnetId);
  return found && { vnet: found.virtualNetwork, subnet: found.subnet };
}

/**
 * A new geo-replica adds one IP configuration, with an address of its subnet, to every private endpoint
 * of the registry; when a subnet has fewer free addresses than the registry has endpoints in it, Azure
 * fails the replica and rolls it back. Only from subnets whose used addresses were read.
 */
export function replicaCapacityFindings(ctx: RegistryContext): Finding[] {
  const { registry } = ctx;
  if (registry.sku.toLowerCase() !== 'premium') return [];
  const perSubnet = new Map<string, number>();
  for (const e of ctx.endpoints) {
    const subnetId = e.endpoint?.subnetId;
    if (subnetId) perSubnet.set(subnetId.toLowerCase(), (perSubnet.get(subnetId.toLowerCase()) ?? 0) + 1);
  }
  const findings: Finding[] = [];
  for (const [subnetId, endpoints] of perSubnet) {
    const found = subnetOf(ctx, subnetId);
    if (!found || found.subnet.usedIpCount === undefined) continue;
    const free = freeAddressCount(found.subnet.addressPrefix, found.subnet.usedIpCount);
    if (free === undefined || free >= endpoints) continue;
    const { vnet, subnet } = found;
    findings.push({
      id: 'subnet.noRoomForReplica',
      key: findingKey('subnet.noRoomForReplica', subnet.id, registry.id),
      severity: 'warning',
      subject: subnet.id,
      registryId: registry.id,
      expected: l10n.t('a free address per private endpoint of {0} in the subnet ({1})', registry.name, String(endpoints)),
      actual: l10n.t('{0} free of {1}', String(free), subnet.addressPrefix),
      message: l10n.t(
        'Subnet {0} ({1}) has {2} free address(es), and a new geo-replica of {3} needs one more for each of its {4} private endpoint(s) there: adding a replica would fail (SubnetIsFull) and be rolled back. Free addresses in the subnet, or move the endpoint to a larger subnet, before adding a replica.',
        subnetText(vnet, subnet),
        subnet.addressPrefix,
        String(free),
        registry.name,
        String(endpoints),
      ),
    });
  }
  return findings;
}

/** Whether a rule's address prefixes take in part of these ranges (`*`, `Any`, the VirtualNetwork tag, or an overlapping prefix). */
function addressesMatch(prefixes: readonly string[], ranges: readonly Cidr[], vnetTag: boolean): boolean {
  return prefixes.some((p) => {
    if (p === '*' || p.toLowerCase() === 'any') return true;
    if (p.toLowerCase() === 'virtualnetwork') return vnetTag;
    const cidr = parseCidr(p.includes('/') ? p : `${p}/32`);
    return cidr !== undefined && ranges.some((r) => cidrOverlaps(cidr, r));
  });
}

/** Whether a rule's address prefixes take in all of these ranges. */
function addressesCover(prefixes: readonly string[], ranges: readonly Cidr[]): boolean {
  if (prefixes.some((p) => p === '*' || ['any', 'virtualnetwork'].includes(p.toLowerCase()))) return true;
  return ranges.every((r) => prefixes.some((p) => {
    const cidr = parseCidr(p.includes('/') ? p : `${p}/32`);
    return cidr !== undefined && cidrContains(cidr, r);
  }));
}

function portMatches(ranges: readonly string[], port: number): boolean {
  return ranges.some((r) => {
    if (r === '*') return true;
    const [from, to] = r.split('-').map(Number);
    return from !== undefined && Number.isInteger(from) && (to === undefined ? from === port : from <= port && port <= to!);
  });
}

/** The endpoint's addresses as /32 ranges (those that are IPv4 addresses). */
function addressRanges(addresses: readonly string[]): Cidr[] {
  return addresses.flatMap((a) => (parseIpv4(a) !== undefined ? [parseCidr(`${a}/32`)!] : []));
}

/**
 * The inbound rules, by priority, that take TCP 443 to any of these addresses, from any source: all
 * that can decide whether a client reaches a private endpoint at them (the default rules included).
 * With no address known, every inbound rule for TCP 443. A rule with no destination prefix names
 * application security groups instead, which are not read: it may take in the endpoint, so it is kept.
 */
export function inboundHttpsRules(nsg: NetworkSecurityGroup, addresses: readonly string[]): SecurityRule[] {
  return httpsRulesTo(nsg, addressRanges(addresses), true);
}

function httpsRulesTo(nsg: NetworkSecurityGroup, destinations: readonly Cidr[], keepUnknownDestinations = false): SecurityRule[] {
  return nsg.securityRules
    .filter(
      (r) =>
        r.direction.toLowerCase() === 'inbound' &&
        ['tcp', '*', 'any'].includes(r.protocol.toLowerCase()) &&
        portMatches(r.destinationPortRanges, 443) &&
        (destinations.length === 0 || addressesMatch(r.destinationAddressPrefixes, destinations, true) || (keepUnknownDestinations && r.destinationAddressPrefixes.length === 0)),
    )
    .sort((a, b) => a.priority - b.priority);
}

/** The first inbound rule, by priority, that decides TCP 443 from the VNet to the endpoint's addresses, when it denies. */
function denyingRule(nsg: NetworkSecurityGroup, sources: readonly Cidr[], destinations: readonly Cidr[]): SecurityRule | undefined {
  for (const rule of httpsRulesTo(nsg, destinations)) {
    if (!addressesMatch(rule.sourceAddressPrefixes, sources, true)) continue;
    if (rule.access.toLowerCase() === 'deny') return rule;
    // An allow for all of the VNet settles it; one for part of it leaves the rest to later rules.
    if (addressesCover(rule.sourceAddressPrefixes, sources)) return undefined;
  }
  return undefined;
}

/**
 * With network policies enabled on an endpoint's subnet, its network security group applies to the
 * endpoint: a rule that denies TCP 443 from the VNet (before any rule that allows it) keeps clients
 * from the registry. Only from groups that were read.
 */
export function networkSecurityGroupFindings(ctx: RegistryContext): Finding[] {
  const { registry, snapshot } = ctx;
  const findings: Finding[] = [];
  for (const e of ctx.endpoints) {
    const endpoint = e.endpoint;
    const found = endpoint && subnetOf(ctx, endpoint.subnetId);
    if (!endpoint || !found) continue;
    const { vnet, subnet } = found;
    if (!securityGroupApplies(subnet)) continue;
    const nsg = subnet.networkSecurityGroupId ? snapshot.networkSecurityGroups?.find((g) => sameId(g.id, subnet.networkSecurityGroupId)) : undefined;
    if (!nsg) continue;
    const sources = vnet.addressPrefixes.flatMap((p) => parseCidr(p) ?? []);
    const destinations = addressRanges(e.networkInterfaces.flatMap((n) => n.ipConfigurations.map((c) => c.privateIPAddress)));
    if (sources.length === 0 || destinations.length === 0) continue;
    const rule = denyingRule(nsg, sources, destinations);
    if (!rule) continue;
    findings.push({
      id: 'endpoint.nsgBlocksHttps',
      key: findingKey('endpoint.nsgBlocksHttps', endpoint.id),
      severity: 'error',
      subject: endpoint.id,
      registryId: registry.id,
      expected: l10n.t('TCP 443 from the virtual network allowed to the private endpoint'),
      actual: l10n.t('{0}: {1} (priority {2}) denies it', nsg.name, rule.name, String(rule.priority)),
      message: l10n.t(
        'Network policies are enabled on subnet {0} ({1}), so its network security group {2} applies to private endpoint {3}, and its rule {4} (priority {5}) denies TCP 443 from {6}: clients in the virtual network cannot reach {7}. Allow TCP 443 from VirtualNetwork to the endpoint\'s addresses with a rule of a lower priority number than {5}, or change that rule.',
        subnetText(vnet, subnet),
        subnet.privateEndpointNetworkPolicies,
        nsg.name,
        endpoint.name,
        rule.name,
        String(rule.priority),
        rule.sourceAddressPrefixes.join(', '),
        registry.name,
      ),
    });
  }
  return findings;
}
