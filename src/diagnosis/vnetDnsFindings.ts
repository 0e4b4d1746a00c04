// Findings about what the registry's client VNets really resolve: the VNets with an endpoint, and the
// VNets peered to them (hub and spoke: peering shares addresses, never private DNS zones). A VNet whose
// DNS servers (or a forwarding rule's) Azure's configuration cannot prove gets "depends on your DNS
// servers" with the exact forwarder to configure; a peered VNet that resolves the public IP gets the
// link to the zone as its fix.
import { resourceName, sameId } from '../model/armId';
import type { ResourceId } from '../model/types';
import { linkedZoneNamed } from './configured';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import { linkZonePlan } from './fixPlans';
import { indexSnapshot } from './snapshotIndex';
import { virtualResolution, type VirtualAnswer } from './virtualResolution';
import { forwarderAdvice } from './vnetDns';

export interface PeeredVnet {
  /** The VNet peered to an endpoint's VNet, without an endpoint of its own. */
  virtualNetworkId: ResourceId;
  /** The endpoint's VNet it is peered to. */
  hubVirtualNetworkId: ResourceId;
}

/** VNets peered (not Disconnected) to a VNet with an endpoint of the registry, that have none themselves. */
export function peeredVirtualNetworks(ctx: RegistryContext): PeeredVnet[] {
  const index = indexSnapshot(ctx.snapshot);
  const hubs = ctx.configured.endpointVirtualNetworkIds;
  const out: PeeredVnet[] = [];
  for (const hubId of hubs) {
    for (const p of index.virtualNetwork(hubId)?.virtualNetworkPeerings ?? []) {
      if (p.peeringState?.toLowerCase() === 'disconnected') continue;
      const spoke = p.remoteVirtualNetworkId;
      if (!spoke || hubs.some((h) => sameId(h, spoke)) || out.some((o) => sameId(o.virtualNetworkId, spoke))) continue;
      out.push({ virtualNetworkId: spoke, hubVirtualNetworkId: hubId });
    }
  }
  return out;
}

/** The `privatelink.` zone the registry's records are in, as seen from its endpoints' VNets. */
function registryZoneId(ctx: RegistryContext): ResourceId | undefined {
  for (const vnetId of ctx.configured.endpointVirtualNetworkIds) {
    const zone = linkedZoneNamed(ctx.snapshot, vnetId, ctx.names.zoneName);
    if (zone) return zone.id;
  }
  return ctx.configured.linked[0]?.zone.id;
}

export function vnetDnsFindings(ctx: RegistryContext): Finding[] {
  const findings: Finding[] = [];
  const fqdn = ctx.names.loginServer;
  for (const vnetId of ctx.configured.endpointVirtualNetworkIds) {
    const answer = virtualResolution(ctx.snapshot, vnetId, fqdn, ctx.names.suffix);
    if (answer.status === 'dependsOnDnsServers') findings.push(unprovenFinding(ctx, vnetId, answer));
  }
  for (const peered of peeredVirtualNetworks(ctx)) {
    const answer = virtualResolution(ctx.snapshot, peered.virtualNetworkId, fqdn, ctx.names.suffix);
    if (answer.status === 'dependsOnDnsServers') findings.push(unprovenFinding(ctx, peered.virtualNetworkId, answer));
    else if (answer.status === 'public' && answer.nxDomainRedirectLinkId === undefined && answer.via === undefined) {
      const finding = peeredFinding(ctx, peered, answer);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function unprovenFinding(ctx: RegistryContext, vnetId: ResourceId, answer: VirtualAnswer): Finding {
  const vnet = resourceName(vnetId);
  const servers = answer.dnsServers ?? [];
  const forwarder = forwarderAdvice(ctx.snapshot, registryZoneId(ctx), ctx.names.suffix);
  // A forwarding rule says where the name goes; a VNet's own servers need no more words.
  const how = answer.via?.includes('forwarding ruleset') ? answer.via : `DNS servers of ${vnet}`;
  return {
    id: 'dns.vnet.dnsServersUnproven',
    key: findingKey('dns.vnet.dnsServersUnproven', vnetId),
    severity: 'warning',
    subject: vnetId,
    registryId: ctx.registry.id,
    expected: `${ctx.names.loginServer} resolved through ${ctx.names.zoneName} (${forwarder})`,
    actual: `depends on ${servers.join(', ')} (${how})`,
    message: `What ${vnet} resolves for ${ctx.names.loginServer} depends on your DNS servers ${servers.join(', ')}${how.includes('forwarding ruleset') ? ` (${how})` : ''}: Azure's configuration does not show them forwarding ${ctx.names.suffix} to Azure DNS from a VNet linked to ${ctx.names.zoneName}. Configure ${forwarder}, then check live against ${servers.length === 1 ? 'that server' : 'those servers'} from a VM in ${vnet}.`,
  };
}

function peeredFinding(ctx: RegistryContext, peered: PeeredVnet, answer: VirtualAnswer): Finding | undefined {
  const zone = linkedZoneNamed(ctx.snapshot, peered.hubVirtualNetworkId, ctx.names.zoneName);
  // Without the zone linked to the hub, the hub's own finding (dns.zone.notLinked / missing) comes first.
  if (!zone) return undefined;
  const spoke = resourceName(peered.virtualNetworkId);
  const hub = resourceName(peered.hubVirtualNetworkId);
  const key = findingKey('dns.vnet.peeredNotLinked', zone.id, peered.virtualNetworkId);
  const publicBlocked = ctx.registry.publicNetworkAccess?.toLowerCase() === 'disabled';
  const forwarder = forwarderAdvice(ctx.snapshot, zone.id, ctx.names.suffix);
  return {
    id: 'dns.vnet.peeredNotLinked',
    key,
    // With public access disabled a spoke that resolves the public IP cannot pull at all.
    severity: publicBlocked ? 'error' : 'warning',
    subject: zone.id,
    registryId: ctx.registry.id,
    expected: `${zone.name} linked to ${spoke}`,
    actual: `${ctx.names.loginServer} → ${answer.chain.join(' → ')} → public IP in ${spoke}`,
    message: `${spoke} is peered to ${hub}, where ${ctx.registry.name}'s endpoint is, but peering does not share private DNS zones: ${zone.name} is not linked to ${spoke}, which uses Azure DNS, so clients there resolve ${ctx.names.loginServer} to the public IP${publicBlocked ? ' and, with public network access disabled, cannot pull' : ''}; link ${zone.name} to ${spoke} (or give ${spoke} DNS servers with ${forwarder}).`,
    fix: linkZonePlan(key, zone, peered.virtualNetworkId, []),
  };
}
