// Which DNS a VNet's clients ask, read from Azure's configuration: Azure-provided DNS (168.63.129.16),
// or the VNet's own DNS servers (`dhcpOptions.dnsServers`); and what Azure DNS does with a name before
// it looks at private zones: a DNS forwarding ruleset linked to the VNet sends names its rules cover
// to the rule's target servers. Those servers, and a VNet's own, are proven only when they are the
// inbound endpoint of an Azure DNS Private Resolver: it answers as Azure DNS does in its own VNet.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../model/armId';
import type { DnsForwardingRule, DnsForwardingRuleset, DnsResolverInboundEndpoint, LoadError, ResourceId, Snapshot } from '../model/types';
import { normalizeFqdn } from './names';
import { indexSnapshot } from './snapshotIndex';
import { readErrors, unreadAt } from './unread';

/** Azure-provided DNS: the address every VNet reaches, answering from the zones linked to the asking VNet. */
export const azureDnsAddress = '168.63.129.16';

export type DnsServersOf = { servers: string[] } | { unread: LoadError };

/** The servers the VNet's clients ask; empty for Azure-provided DNS. */
export function dnsServersOf(snapshot: Snapshot, virtualNetworkId: ResourceId): DnsServersOf {
  const vnet = indexSnapshot(snapshot).virtualNetwork(virtualNetworkId);
  if (!vnet) {
    const unread = unreadAt(snapshot, 'virtualNetwork', virtualNetworkId);
    // A VNet nobody read (none of its endpoints or peerings needed it) has Azure's default.
    return unread ? { unread } : { servers: [] };
  }
  return { servers: [...new Set((vnet.dnsServers ?? []).map((s) => s.trim()).filter((s) => s !== ''))] };
}

/** No custom servers, or only Azure's own address: Azure DNS answers from this VNet. */
export function usesAzureDns(servers: readonly string[]): boolean {
  return servers.every((s) => s === azureDnsAddress);
}

/** The inbound endpoint with this IP; `undefined` when none was read. */
export function inboundEndpointAt(snapshot: Snapshot, ip: string): DnsResolverInboundEndpoint | undefined {
  return indexSnapshot(snapshot).inboundEndpointAt(ip);
}

/** Why inbound endpoints are unknown: their read failed, or they were not read at all. */
export function inboundEndpointsUnread(snapshot: Snapshot): LoadError | 'notRead' | undefined {
  const failed = readErrors(snapshot, 'dnsResolvers')[0];
  if (failed) return failed;
  return snapshot.dnsResolverInboundEndpoints === undefined ? 'notRead' : undefined;
}

/** Why the rulesets linked to VNets are unknown: a read failed. */
export function rulesetsUnread(snapshot: Snapshot): LoadError | undefined {
  return readErrors(snapshot, 'dnsForwardingRulesets')[0];
}

/** Whether a rule's domain (`azurecr.io.`) covers the name. */
function covers(domainName: string, name: string): boolean {
  const domain = normalizeFqdn(domainName);
  return name === domain || name.endsWith(`.${domain}`);
}

export interface MatchedRule {
  ruleset: DnsForwardingRuleset;
  rule: DnsForwardingRule;
}

/** The most specific enabled rule of a ruleset linked to the VNet that covers the name. */
export function forwardingRuleFor(snapshot: Snapshot, virtualNetworkId: ResourceId, name: string): MatchedRule | undefined {
  let best: MatchedRule | undefined;
  for (const ruleset of indexSnapshot(snapshot).rulesetsOfVirtualNetwork(virtualNetworkId)) {
    for (const rule of ruleset.rules) {
      if (!rule.enabled || !covers(rule.domainName, name)) continue;
      if (!best || normalizeFqdn(rule.domainName).length > normalizeFqdn(best.rule.domainName).length) best = { ruleset, rule };
    }
  }
  return best;
}

/** `10.0.2.4 (inbound endpoint of hubResolver in hubVNet)` or just the IP. */
export function serverText(snapshot: Snapshot, ip: string): string {
  const endpoint = inboundEndpointAt(snapshot, ip);
  return endpoint ? l10n.t('{0} (inbound endpoint of {1} in {2})', ip, resourceName(endpoint.dnsResolverId), resourceName(endpoint.virtualNetworkId)) : ip;
}

/** The inbound endpoints in VNets linked to the zone: the servers a DNS server outside the VNet can forward the zone to. */
export function inboundEndpointsServingZone(snapshot: Snapshot, zoneId: ResourceId): DnsResolverInboundEndpoint[] {
  const linked = indexSnapshot(snapshot).linksOfZone(zoneId).map((l) => l.virtualNetworkId.toLowerCase());
  return (snapshot.dnsResolverInboundEndpoints ?? []).filter((e) => linked.includes(e.virtualNetworkId.toLowerCase()));
}

/**
 * The conditional forwarder a DNS server must have for the registry's names to resolve privately:
 * `azurecr.io` to a Private Resolver inbound endpoint in a VNet linked to the zone when there is one,
 * else to Azure DNS (168.63.129.16), which answers from the zone only for a server inside a VNet linked
 * to it.
 */
export function forwarderAdvice(snapshot: Snapshot, zoneId: ResourceId | undefined, publicSuffix: string): string {
  const endpoints = zoneId ? inboundEndpointsServingZone(snapshot, zoneId) : [];
  const zoneName = zoneId ? resourceName(zoneId) : `privatelink.${publicSuffix}`;
  const linkedVnets = zoneId ? indexSnapshot(snapshot).linksOfZone(zoneId).map((l) => resourceName(l.virtualNetworkId)) : [];
  if (endpoints.length > 0) {
    const targets = endpoints.flatMap((e) => e.ipAddresses.map((ip) => serverText(snapshot, ip)));
    return l10n.t('a conditional forwarder for {0} to {1}', publicSuffix, targets.join(', '));
  }
  const where = linkedVnets.length > 0 ? l10n.t('a VNet linked to {0} ({1})', zoneName, linkedVnets.join(', ')) : l10n.t('a VNet linked to {0}', zoneName);
  return l10n.t('a conditional forwarder for {0} to {1} on a DNS server in {2}, or to the inbound endpoint of a DNS Private Resolver in such a VNet', publicSuffix, azureDnsAddress, where);
}
