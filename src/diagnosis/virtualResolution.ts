// What a VM in a VNet would resolve, according to Azure's configuration alone. The VNet's clients ask
// its DNS servers (`dhcpOptions.dnsServers`), Azure-provided DNS when it has none. Azure DNS first
// applies a DNS forwarding ruleset linked to the VNet (a rule covering the name sends it to the rule's
// servers); then it answers a name from a private zone linked to the VNet whenever the name falls
// inside that zone (NXDOMAIN if the record is missing, unless the link's resolutionPolicy is
// NxDomainRedirect: then the name is resolved publicly); otherwise public DNS answers, and for a
// registry with private endpoints it CNAMEs `<x>.azurecr.io` to `<x>.privatelink.azurecr.io`, which a
// linked zone can then answer. Other DNS servers are proven only when they are a DNS Private
// Resolver's inbound endpoint, which answers as Azure DNS does in the resolver's VNet; any other
// server's answer depends on its own configuration (`dependsOnDnsServers`), which Azure does not show.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../model/armId';
import type { PrivateDnsZone, ResourceId, Snapshot, VirtualNetworkLink } from '../model/types';
import { dnsReadErrors, linkedZones } from './configured';
import { isInZone, normalizeFqdn, relativeName } from './names';
import { snapshotCache } from './snapshotCache';
import { indexSnapshot } from './snapshotIndex';
import { recordsUnread, unreadAt, unreadNote } from './unread';
import { azureDnsAddress, dnsServersOf, forwardingRuleFor, inboundEndpointAt, inboundEndpointsUnread, rulesetsUnread, usesAzureDns } from './vnetDns';

export type VirtualStatus = 'private' | 'public' | 'nxdomain' | 'nodata' | 'unknown' | 'dependsOnDnsServers';

export interface VirtualAnswer {
  virtualNetworkId: ResourceId;
  fqdn: string;
  /**
   * `private`: answered from a linked private zone; `public`: no linked zone covers the name (or a
   * link redirects its NXDOMAIN); `dependsOnDnsServers`: the VNet's DNS servers, or the servers a
   * forwarding rule sends the name to, are not ones whose answer Azure's configuration shows.
   */
  status: VirtualStatus;
  /** The names queried in order, the original first: `myregistry.azurecr.io`, `myregistry.privatelink.azurecr.io`. */
  chain: string[];
  addresses: string[];
  /** The linked zone that answered (or said NXDOMAIN). */
  zoneId?: ResourceId;
  zoneName?: string;
  recordSetId?: ResourceId;
  /** The VNet whose Azure DNS answered, when it is not this one (a resolver's VNet the query was sent to). */
  answeredFromVirtualNetworkId?: ResourceId;
  /** How the query got there, in words: "the DNS servers of myVNet: 10.0.2.4 (inbound endpoint of …)", "the target of forwarding ruleset rs (rule acr: …)". */
  via?: string;
  /** The DNS forwarding ruleset whose rule sent the query on, when one did. */
  forwardingRuleset?: string;
  /** With `dependsOnDnsServers`: the servers whose configuration decides the answer. */
  dnsServers?: string[];
  /** The link whose resolutionPolicy NxDomainRedirect made a missing record resolve publicly. */
  nxDomainRedirectLinkId?: ResourceId;
  /** Why the answer is `unknown` or `dependsOnDnsServers`, or how a redirect happened. */
  note?: string;
}

type Partial = Omit<VirtualAnswer, 'virtualNetworkId' | 'fqdn'>;

/** Forwarding that goes round (a rule sending a name to a resolver whose VNet forwards it on) ends here. */
const maxHops = 4;

/** `privatelink.` + the public suffix: the zone ACR's public CNAME points into. */
function privatelinkNameFor(name: string, publicSuffix: string): string | undefined {
  if (!name.endsWith(`.${publicSuffix}`) || name.includes('.privatelink.')) return undefined;
  return `${name.slice(0, name.length - publicSuffix.length - 1)}.privatelink.${publicSuffix}`;
}

// The table and the VNet findings of one check ask the same VNets about the same names: each answer is
// worked out once per snapshot (snapshots are not changed once read) and shared, never changed.
const answers = snapshotCache<Map<ResourceId, Map<string, VirtualAnswer>>>();

export function virtualResolution(
  snapshot: Snapshot,
  virtualNetworkId: ResourceId,
  fqdn: string,
  publicSuffix = 'azurecr.io',
): VirtualAnswer {
  let byVnet = answers.get(snapshot);
  if (!byVnet) answers.set(snapshot, (byVnet = new Map()));
  let known = byVnet.get(virtualNetworkId);
  if (!known) byVnet.set(virtualNetworkId, (known = new Map()));
  const key = `${fqdn}|${publicSuffix}`;
  let answer = known.get(key);
  if (!answer) known.set(key, (answer = resolveInVirtualNetwork(snapshot, virtualNetworkId, fqdn, publicSuffix)));
  return answer;
}

function resolveInVirtualNetwork(snapshot: Snapshot, virtualNetworkId: ResourceId, fqdn: string, publicSuffix: string): VirtualAnswer {
  const name = normalizeFqdn(fqdn);
  const suffix = normalizeFqdn(publicSuffix);
  const settings = dnsServersOf(snapshot, virtualNetworkId);
  if ('unread' in settings) {
    return { virtualNetworkId, fqdn: name, status: 'unknown', chain: [name], addresses: [], note: l10n.t('which DNS servers {0} uses: {1}', resourceName(virtualNetworkId), unreadNote(settings.unread)) };
  }
  // Object.assign rather than `{ ...base, ...answer }` here and below: Node's V8 builds a copy made by
  // a leading spread and then given keys of its own on a slow path (microseconds each, and a new
  // hidden class each time), and one load of the tree resolves thousands of names.
  const base = { virtualNetworkId, fqdn: name };
  if (usesAzureDns(settings.servers)) return Object.assign(base, azureDns(snapshot, virtualNetworkId, name, suffix, 0));
  return Object.assign(base, throughServers(snapshot, virtualNetworkId, settings.servers, name, suffix, 0, l10n.t('the DNS servers of {0}', resourceName(virtualNetworkId))));
}

/**
 * Asked of servers (a VNet's own, or a forwarding rule's targets): each must be proven, and all must
 * agree, for the answer to be known. 168.63.129.16 is Azure DNS of `askingVnetId`.
 */
function throughServers(snapshot: Snapshot, askingVnetId: ResourceId, servers: string[], name: string, suffix: string, hops: number, what: string): Partial {
  if (hops >= maxHops) return { status: 'unknown', chain: [name], addresses: [], note: l10n.t('{0} is forwarded round in a loop ({1})', name, what) };
  const unproven: string[] = [];
  const answers: Partial[] = [];
  const vias: string[] = [];
  for (const ip of servers) {
    if (ip === azureDnsAddress) {
      answers.push(azureDns(snapshot, askingVnetId, name, suffix, hops + 1));
      continue;
    }
    const endpoint = inboundEndpointAt(snapshot, ip);
    if (endpoint) {
      const answer = azureDns(snapshot, endpoint.virtualNetworkId, name, suffix, hops + 1);
      answers.push(Object.assign({}, answer, { answeredFromVirtualNetworkId: answer.answeredFromVirtualNetworkId ?? endpoint.virtualNetworkId }));
      vias.push(l10n.t('{0} (inbound endpoint of DNS private resolver {1} in {2})', ip, resourceName(endpoint.dnsResolverId), resourceName(endpoint.virtualNetworkId)));
      continue;
    }
    const unread = inboundEndpointsUnread(snapshot);
    if (unread) {
      return { status: 'unknown', chain: [name], addresses: [], note: unread === 'notRead' ? l10n.t("whether {0} is a DNS private resolver's inbound endpoint: the DNS private resolvers were not read", ip) : l10n.t("whether {0} is a DNS private resolver's inbound endpoint: {1}", ip, unreadNote(unread)) };
    }
    unproven.push(ip);
  }
  const via = vias.length > 0 ? l10n.t('{0}: {1}', what, vias.join(', ')) : what;
  if (unproven.length > 0) {
    return {
      status: 'dependsOnDnsServers',
      chain: [name],
      addresses: [],
      dnsServers: unproven,
      via,
      note:
        unproven.length === 1
          ? l10n.t("depends on {0}, {1}: Azure's configuration does not show it forwarding {2} to Azure DNS from a VNet linked to the zone", unproven.join(', '), what, suffix)
          : l10n.t("depends on {0}, {1}: Azure's configuration does not show them forwarding {2} to Azure DNS from a VNet linked to the zone", unproven.join(', '), what, suffix),
    };
  }
  const first = answers[0]!;
  const unknown = answers.find((a) => a.status === 'unknown');
  if (unknown) return Object.assign({}, unknown, { via });
  const same = answers.every((a) => a.status === first.status && a.addresses.join(',') === first.addresses.join(','));
  if (!same) {
    return { status: 'unknown', chain: [name], addresses: [], via, note: l10n.t("{0}, {1}, answer differently ({2}), so a client's answer depends on which it asks", servers.join(', '), what, answers.map((a) => (a.addresses.length > 0 ? a.addresses.join(', ') : a.status)).join(' / ')) };
  }
  return Object.assign({}, first, { via: first.via ? `${via}; ${first.via}` : via });
}

/** Azure DNS as a client in `vnetId` gets it: forwarding rules first, then linked zones, then public DNS with ACR's CNAME. */
function azureDns(snapshot: Snapshot, vnetId: ResourceId, name: string, suffix: string, hops: number): Partial {
  const rulesetError = rulesetsUnread(snapshot);
  if (rulesetError) return { status: 'unknown', chain: [name], addresses: [], note: l10n.t('whether a forwarding ruleset sends {0} elsewhere: {1}', name, unreadNote(rulesetError)) };
  const matched = forwardingRuleFor(snapshot, vnetId, name);
  if (matched) {
    const targets = [...new Set(matched.rule.targetDnsServers.map((t) => t.ipAddress))];
    const what = l10n.t('the target of forwarding ruleset {0} (rule {1}: {2} → {3})', matched.ruleset.name, matched.rule.name, normalizeFqdn(matched.rule.domainName), targets.join(', '));
    return Object.assign(throughServers(snapshot, vnetId, targets, name, suffix, hops, what), { forwardingRuleset: matched.ruleset.name });
  }

  const zones = linkedZones(snapshot, vnetId);
  const here = answerFromZones(snapshot, vnetId, zones, name);
  if (here && !here.redirected) return here.answer;
  const redirect = here?.redirected ? here.answer : undefined;

  const target = privatelinkNameFor(name, suffix);
  if (target !== undefined) {
    const next = azureDns(snapshot, vnetId, target, suffix, hops);
    return { ...next, chain: [name, ...next.chain] };
  }
  // A link that redirects NXDOMAIN sends the name to public DNS: for a privatelink name, the public
  // privatelink zone's answer, the registry's public IP.
  if (redirect) return redirect;

  // No visible linked zone covers the name; if DNS resources could not be read we cannot tell
  // whether one exists.
  const hidden = dnsReadErrors(snapshot);
  if (hidden.length > 0) {
    return { status: 'unknown', chain: [name], addresses: [], note: l10n.t('part of the DNS configuration could not be read: {0}, {1}', unreadNote(hidden[0]!), hidden[0]!.message) };
  }
  return { status: 'public', chain: [name], addresses: [] };
}

/**
 * A link Azure has not finished (`virtualNetworkLinkState: InProgress`) or could not provision
 * (`provisioningState: Failed` or `Canceled`): whether the VNet's Azure DNS answers from the zone is
 * not shown. Its state in Azure's words, or undefined for a link in effect (or one that says nothing).
 */
function linkNotInEffect(link: VirtualNetworkLink): string | undefined {
  if (link.virtualNetworkLinkState !== undefined && link.virtualNetworkLinkState.toLowerCase() !== 'completed') return `virtualNetworkLinkState: ${link.virtualNetworkLinkState}`;
  const provisioning = link.provisioningState?.toLowerCase();
  if (provisioning === 'failed' || provisioning === 'canceled') return `provisioningState: ${link.provisioningState!}`;
  return undefined;
}

function answerFromZones(snapshot: Snapshot, vnetId: ResourceId, zones: readonly PrivateDnsZone[], name: string): { answer: Partial; redirected?: boolean } | undefined {
  // The most specific linked zone wins, as in any DNS delegation (the first of the longest names).
  let covering: PrivateDnsZone | undefined;
  for (const z of zones) if (isInZone(name, z.name) && (!covering || z.name.length > covering.name.length)) covering = z;
  // A zone whose links could not be read may be linked to this VNet; if it covers the name more
  // closely than the zone found, it would answer instead.
  const hidden =
    snapshot.errors.length === 0
      ? undefined
      : snapshot.privateDnsZones.find((z) => isInZone(name, z.name) && (!covering || z.name.length > covering.name.length) && unreadAt(snapshot, 'virtualNetworkLinks', z.id));
  const chain = [name];
  if (hidden) {
    return { answer: { status: 'unknown', chain, addresses: [], note: l10n.t('whether {0} answers: {1}', hidden.name, unreadNote(unreadAt(snapshot, 'virtualNetworkLinks', hidden.id)!)) } };
  }
  if (!covering) return undefined;
  const zone = { zoneId: covering.id, zoneName: normalizeFqdn(covering.name) };
  const index = indexSnapshot(snapshot);
  const link = index.linksOfVirtualNetwork(vnetId).find((l) => sameId(l.privateDnsZoneId, covering.id));
  const unsettled = link && linkNotInEffect(link);
  if (unsettled) {
    return { answer: { status: 'unknown', chain, addresses: [], ...zone, note: l10n.t('link {0} of {1} to {2} is {3}, so whether Azure DNS answers from the zone there is not known; wait for it to complete, or update or recreate it if it failed', link.name, covering.name, resourceName(vnetId), unsettled) } };
  }
  const record = index.recordSet(covering.id, relativeName(name, covering.name));
  const unread = record ? undefined : recordsUnread(snapshot, covering.id);
  if (unread) return { answer: { status: 'unknown', chain, addresses: [], ...zone, note: unreadNote(unread) } };
  if (!record) {
    if (link?.resolutionPolicy?.toLowerCase() === 'nxdomainredirect') {
      return {
        redirected: true,
        answer: {
          status: 'public',
          chain,
          addresses: [],
          ...zone,
          nxDomainRedirectLinkId: link.id,
          note: l10n.t('{0} is not in {1}, and link {2} has resolutionPolicy NxDomainRedirect, so it is resolved publicly instead of NXDOMAIN', name, covering.name, link.name),
        },
      };
    }
    return { answer: { status: 'nxdomain', chain, addresses: [], ...zone } };
  }
  if (record.ipv4Addresses.length === 0) return { answer: { status: 'nodata', chain, addresses: [], ...zone, recordSetId: record.id } };
  return { answer: { status: 'private', chain, addresses: [...record.ipv4Addresses], ...zone, recordSetId: record.id } };
}
