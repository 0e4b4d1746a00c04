// Findings about the zone itself: every VNet with an endpoint needs a zone named exactly
// `privatelink.azurecr.io` linked to it. A zone we could not read is reported as such, never as missing.
import { resourceName, sameId } from '../model/armId';
import type { PrivateDnsZone, ResourceId } from '../model/types';
import { dnsReadErrors, isZoneNamed, linkedZoneNamed, subscriptionOfZone, type ConfiguredZone } from './configured';
import type { RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import { createZonePlan, linkZonePlan } from './fixPlans';
import { writesToServe } from './recordFindings';
import { readErrors } from './unread';

export function zoneFindings(ctx: RegistryContext): Finding[] {
  const findings: Finding[] = [];
  for (const vnetId of ctx.configured.endpointVirtualNetworkIds) {
    if (linkedZoneNamed(ctx.snapshot, vnetId, ctx.names.zoneName)) continue;
    findings.push(unlinkedVnetFinding(ctx, vnetId));
  }
  findings.push(...ctx.configured.wronglyNamed.map((view) => wrongNameFinding(ctx, view)));
  return findings;
}

/** The zone this VNet most likely should be linked to: its endpoints' zone group target first, then one holding the registry's records, then one in the same subscription. */
function candidateZone(ctx: RegistryContext, vnetId: ResourceId): PrivateDnsZone | undefined {
  const endpointIds = ctx.endpoints.filter((e) => sameId(e.virtualNetworkId, vnetId)).map((e) => e.privateEndpointId);
  const targets = ctx.configured.zoneGroups
    .filter((g) => endpointIds.some((id) => sameId(id, g.privateEndpointId)))
    .flatMap((g) => g.privateDnsZoneConfigs.map((c) => c.privateDnsZoneId));
  const named = ctx.snapshot.privateDnsZones.filter((z) => isZoneNamed(z, ctx.names.zoneName));
  const vnetSubscription = subscriptionOfZone(vnetId)?.toLowerCase();
  return (
    named.find((z) => targets.some((t) => sameId(t, z.id))) ??
    ctx.configured.unlinked.find((v) => v.recordSets.length > 0)?.zone ??
    named.find((z) => z.subscriptionId.toLowerCase() === vnetSubscription) ??
    named[0]
  );
}

function unlinkedVnetFinding(ctx: RegistryContext, vnetId: ResourceId): Finding {
  const vnetName = resourceName(vnetId);
  const zoneName = ctx.names.zoneName;
  const base = { registryId: ctx.registry.id, expected: `${zoneName} linked to ${vnetName}` };
  const zone = candidateZone(ctx, vnetId);
  // The zone may live in any subscription and its links be unread, so any read failure that could hide
  // a zone or a link (or which zone the VNet's endpoints write to) means neither "not linked" nor
  // "missing" can be claimed.
  const endpointIds = ctx.endpoints.filter((e) => sameId(e.virtualNetworkId, vnetId)).map((e) => e.privateEndpointId);
  const hidden = [...dnsReadErrors(ctx.snapshot), ...readErrors(ctx.snapshot, 'privateDnsZoneGroups').filter((e) => endpointIds.some((id) => sameId(id, e.scope)))];
  const unreadableZone = ctx.configured.unreadableZoneIds[0];

  if (zone && hidden.length === 0) {
    const key = findingKey('dns.zone.notLinked', zone.id, vnetId);
    return {
      ...base,
      id: 'dns.zone.notLinked',
      key,
      severity: 'error',
      subject: zone.id,
      actual: `${zone.name} (${zone.resourceGroup}) is not linked to ${vnetName}`,
      message: `${vnetName} has an endpoint of ${ctx.registry.name} but is not linked to ${zone.name} in ${zone.resourceGroup}, so it resolves the public IP; link the zone to ${vnetName}.`,
      fix: linkZonePlan(key, zone, vnetId, writesToServe(ctx, zone, zone.id, [vnetId])),
    };
  }

  if (hidden.length > 0 || unreadableZone !== undefined) {
    const subject = unreadableZone ?? vnetId;
    const why = hidden[0]?.message ?? 'its subscription is not visible to you';
    return {
      ...base,
      id: 'dns.zone.unreadable',
      key: findingKey('dns.zone.unreadable', subject, vnetId),
      severity: 'warning',
      subject,
      actual: `could not be read: ${why}`,
      message: `No ${zoneName} zone linked to ${vnetName} is visible, but DNS resources ${unreadableZone ? `(${resourceName(unreadableZone)} in subscription ${subscriptionOfZone(unreadableZone) ?? '?'}) ` : ''}could not be read (${why}); check with someone who can read that subscription before creating a zone.`,
    };
  }

  const endpoint = ctx.endpoints.find((e) => sameId(e.virtualNetworkId, vnetId))?.endpoint;
  const key = findingKey('dns.zone.missing', vnetId);
  const finding: Finding = {
    ...base,
    id: 'dns.zone.missing',
    key,
    severity: 'error',
    subject: vnetId,
    actual: `no zone named ${zoneName}`,
    message: `There is no ${zoneName} zone for ${vnetName}, so it resolves ${ctx.names.loginServer} to the public IP; create the zone, link it to ${vnetName} and add the registry's records.`,
  };
  if (endpoint) {
    const zoneId = `/subscriptions/${endpoint.subscriptionId}/resourceGroups/${endpoint.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${zoneName}`;
    const records = writesToServe(ctx, undefined, zoneId, [vnetId]).flatMap((w) =>
      w.kind === 'createARecordSet' ? [{ recordSetName: w.recordSetName, ips: w.ipv4Addresses }] : [],
    );
    finding.fix = createZonePlan(key, endpoint.subscriptionId, endpoint.resourceGroup, zoneName, vnetId, records);
  }
  return finding;
}

function wrongNameFinding(ctx: RegistryContext, view: ConfiguredZone): Finding {
  const linkedToEndpoint = view.endpointVirtualNetworkIds.length > 0;
  const records = view.recordSets.map((r) => r.name).join(', ');
  return {
    id: 'dns.zone.wrongName',
    key: findingKey('dns.zone.wrongName', view.zone.id),
    severity: linkedToEndpoint || view.zoneGroups.length > 0 ? 'error' : 'warning',
    subject: view.zone.id,
    registryId: ctx.registry.id,
    expected: ctx.names.zoneName,
    actual: view.zone.name + (records ? ` (records: ${records})` : ''),
    message: `Zone ${view.zone.name} cannot serve ${ctx.registry.name}: ${view.wrongNameReason ?? 'wrong name'}; put the records in a zone named ${ctx.names.zoneName} instead.`,
  };
}
