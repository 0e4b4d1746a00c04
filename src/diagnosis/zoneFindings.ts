// Findings about the zone itself: every VNet with an endpoint needs a zone named exactly
// `privatelink.azurecr.io` linked to it. A zone we could not read is reported as such, never as missing.
import * as l10n from '@vscode/l10n';
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
  const base = { registryId: ctx.registry.id, expected: l10n.t('{0} linked to {1}', zoneName, vnetName) };
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
      actual: l10n.t('{0} ({1}) is not linked to {2}', zone.name, zone.resourceGroup, vnetName),
      message: l10n.t('{0} has an endpoint of {1} but is not linked to {2} in {3}, so it resolves the public IP; link the zone to {0}.', vnetName, ctx.registry.name, zone.name, zone.resourceGroup),
      fix: linkZonePlan(key, zone, vnetId, writesToServe(ctx, zone, zone.id, [vnetId])),
    };
  }

  if (hidden.length > 0 || unreadableZone !== undefined) {
    const subject = unreadableZone ?? vnetId;
    const why = hidden[0]?.message ?? l10n.t('its subscription is not visible to you');
    return {
      ...base,
      id: 'dns.zone.unreadable',
      key: findingKey('dns.zone.unreadable', subject, vnetId),
      severity: 'warning',
      subject,
      actual: l10n.t('could not be read: {0}', why),
      message: l10n.t('No {0} zone linked to {1} is visible, but DNS resources {2}could not be read ({3}); check with someone who can read that subscription before creating a zone.', zoneName, vnetName, unreadableZone ? l10n.t('({0} in subscription {1}) ', resourceName(unreadableZone), subscriptionOfZone(unreadableZone) ?? '?') : '', why),
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
    actual: l10n.t('no zone named {0}', zoneName),
    message: l10n.t('There is no {0} zone for {1}, so it resolves {2} to the public IP; create the zone, link it to {1} and add the registry\'s records.', zoneName, vnetName, ctx.names.loginServer),
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
    message: l10n.t('Zone {0} cannot serve {1}: {2}; put the records in a zone named {3} instead.', view.zone.name, ctx.registry.name, view.wrongNameReason ?? l10n.t('wrong name'), ctx.names.zoneName),
  };
}
