// What deleting one private endpoint really does, from what was read: Azure deletes its NIC and every
// A record set its DNS zone group wrote, whatever those hold by then (also a record set another
// endpoint's zone group has written its IP over since: MicrosoftDocs/azure-docs#58044); record sets
// written by hand keep its IPs. And, after the deletion, the clean-up that touches exactly that.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../model/armId';
import type { FixPlan } from '../model/fixPlan';
import type { ARecordSet, ResourceId, Snapshot } from '../model/types';
import { registryContext } from './context';
import type { Finding } from './finding';
import { indexSnapshot } from './snapshotIndex';

export interface DeletedRecordSet {
  zoneId: ResourceId;
  zoneName: string;
  recordSetName: string;
  /** The record set as read now; undefined when it is already gone. */
  recordSet?: ARecordSet;
  /** Other endpoints whose IPs the record set holds now (their zone group wrote over it). */
  nowServing: ResourceId[];
}

export interface EndpointDeletion {
  privateEndpointId: ResourceId;
  virtualNetworkId?: ResourceId;
  /** Its IPs (NIC ip configurations and customDnsConfigs). */
  ips: string[];
  /** Other endpoints of the registry in the same VNet that carry traffic: they remain. */
  othersInVirtualNetwork: ResourceId[];
  /** Undefined when the endpoint's zone groups could not be read. */
  deletedRecordSets?: DeletedRecordSet[];
  zoneGroupReadError?: string;
  /** Record sets its zone group did not write that hold its IPs: Azure leaves them, with the dead IPs. */
  keptRecordSets: { recordSet: ARecordSet; itsIps: string[]; otherIps: string[] }[];
  /** The public names clients in its VNet resolve. */
  fqdns: string[];
}

export function endpointDeletion(snapshot: Snapshot, registryId: ResourceId, privateEndpointId: ResourceId): EndpointDeletion | undefined {
  const ctx = registryContext(snapshot, registryId);
  const target = ctx?.endpoints.find((e) => sameId(e.privateEndpointId, privateEndpointId));
  if (!ctx || !target) return undefined;
  const index = indexSnapshot(snapshot);
  const ips = [
    ...new Set([
      ...target.networkInterfaces.flatMap((n) => n.ipConfigurations.map((c) => c.privateIPAddress)),
      ...(target.endpoint?.customDnsConfigs ?? []).flatMap((c) => c.ipAddresses),
    ]),
  ].filter((ip): ip is string => !!ip);
  const vnetId = target.virtualNetworkId;
  const others = ctx.expected.filter((e) => !sameId(e.privateEndpointId, privateEndpointId) && vnetId !== undefined && sameId(e.virtualNetworkId, vnetId));
  const othersInVirtualNetwork = [...new Map(others.map((e) => [e.privateEndpointId.toLowerCase(), e.privateEndpointId])).values()];
  const ownerOf = (ip: string): ResourceId | undefined => ctx.expected.find((e) => e.privateIPAddress === ip && !sameId(e.privateEndpointId, privateEndpointId))?.privateEndpointId;

  const groupError = snapshot.errors.find((e) => /zone group/i.test(e.what) && (sameId(e.scope, privateEndpointId) || privateEndpointId.toLowerCase().startsWith(e.scope.toLowerCase())));
  const written = new Set<string>();
  let deletedRecordSets: DeletedRecordSet[] | undefined;
  if (!groupError) {
    deletedRecordSets = [];
    for (const group of index.zoneGroupsOf(privateEndpointId)) {
      for (const config of group.privateDnsZoneConfigs) {
        const zone = index.zone(config.privateDnsZoneId);
        for (const r of config.recordSets) {
          const name = r.recordSetName.toLowerCase();
          written.add(`${config.privateDnsZoneId.toLowerCase()}|${name}`);
          const recordSet = index.recordSet(config.privateDnsZoneId, name);
          const nowServing = [...new Set((recordSet?.ipv4Addresses ?? []).map(ownerOf).filter((id): id is ResourceId => id !== undefined))];
          deletedRecordSets.push({
            zoneId: config.privateDnsZoneId,
            zoneName: zone?.name ?? resourceName(config.privateDnsZoneId),
            recordSetName: name,
            ...(recordSet ? { recordSet } : {}),
            nowServing,
          });
        }
      }
    }
  }
  const keptRecordSets = snapshot.aRecordSets
    .filter((r) => !written.has(`${r.privateDnsZoneId.toLowerCase()}|${r.name.toLowerCase()}`) && r.ipv4Addresses.some((ip) => ips.includes(ip)))
    .map((recordSet) => ({
      recordSet,
      itsIps: recordSet.ipv4Addresses.filter((ip) => ips.includes(ip)),
      otherIps: recordSet.ipv4Addresses.filter((ip) => !ips.includes(ip)),
    }));
  const fqdns = [...new Set(ctx.expected.filter((e) => sameId(e.privateEndpointId, privateEndpointId)).map((e) => e.fqdn))];
  return {
    privateEndpointId,
    ...(vnetId !== undefined ? { virtualNetworkId: vnetId } : {}),
    ips,
    othersInVirtualNetwork,
    ...(deletedRecordSets ? { deletedRecordSets } : {}),
    ...(groupError ? { zoneGroupReadError: groupError.message } : {}),
    keptRecordSets,
    fqdns,
  };
}

const names = (ids: readonly string[]): string => ids.map((id) => resourceName(id)).join(', ');

/** The lines of the confirmation before the deletion: what stops working, what Azure deletes, what stays. */
export function describeEndpointDeletion(d: EndpointDeletion, registryName: string): string[] {
  const vnet = d.virtualNetworkId ? resourceName(d.virtualNetworkId) : 'its VNet';
  const lines: string[] = [];
  if (d.othersInVirtualNetwork.length === 0) {
    lines.push(l10n.t('Clients in {0} stop reaching {1} privately{2}.', vnet, registryName, d.fqdns.length ? `: ${d.fqdns.join(', ')}` : ''));
  } else {
    lines.push(
      d.othersInVirtualNetwork.length === 1
        ? l10n.t('{0} remains in {1}: clients there can still reach {2} privately through it, wherever the A records point at it.', names(d.othersInVirtualNetwork), vnet, registryName)
        : l10n.t('{0} remain in {1}: clients there can still reach {2} privately through them, wherever the A records point at them.', names(d.othersInVirtualNetwork), vnet, registryName),
    );
  }
  lines.push(l10n.t("Its network interface is deleted with it."));
  if (d.deletedRecordSets === undefined) {
    lines.push(l10n.t('Azure also deletes the A records its DNS zone group wrote; which ones could not be checked (its zone group could not be read: {0}).', d.zoneGroupReadError ?? l10n.t('unknown error')));
  } else if (d.deletedRecordSets.length === 0) {
    lines.push(l10n.t('It has no DNS zone group that wrote A records: Azure deletes no A record with it.'));
  } else {
    const byZone = new Map<string, DeletedRecordSet[]>();
    for (const r of d.deletedRecordSets) byZone.set(r.zoneName, [...(byZone.get(r.zoneName) ?? []), r]);
    for (const [zone, sets] of byZone) lines.push(l10n.t('Azure deletes the A records its DNS zone group wrote in {0}, whatever they hold by then: {1}.', zone, sets.map((s) => s.recordSetName).join(', ')));
    const taken = d.deletedRecordSets.filter((r) => r.nowServing.length > 0);
    if (taken.length > 0) {
      const serving = [...new Set(taken.flatMap((r) => r.nowServing))];
      lines.push(
        taken.length === 1
          ? l10n.t('{0} now holds the IPs of {1} (its zone group wrote over them), so clients that resolve through it get NXDOMAIN until they are written again; after the deletion the extension offers to write them again.', taken.map((r) => r.recordSetName).join(', '), names(serving))
          : l10n.t('{0} now hold the IPs of {1} (its zone group wrote over them), so clients that resolve through them get NXDOMAIN until they are written again; after the deletion the extension offers to write them again.', taken.map((r) => r.recordSetName).join(', '), names(serving)),
      );
    }
  }
  for (const k of d.keptRecordSets) {
    lines.push(
      l10n.t('{0} was not written by its zone group and keeps {1}, which no endpoint will serve{2}; after the deletion the extension offers to remove {3}.', k.recordSet.name, k.itsIps.join(', '), k.otherIps.length ? l10n.t(' (next to {0})', k.otherIps.join(', ')) : '', k.itsIps.length === 1 ? l10n.t('that IP') : l10n.t('those IPs')),
    );
  }
  if (d.othersInVirtualNetwork.length === 0) lines.push(l10n.t('If public network access is disabled, docker pull from that network fails.'));
  return lines;
}

/**
 * After the deletion, from a fresh check: the plans that remove exactly the deleted endpoint's IPs
 * where nothing else serves them (a removal the policy allows, or a record set holding only its IPs),
 * and that write again the record sets Azure deleted with its zone group for the endpoints that need
 * them. Every write is conditional (If-Match / If-None-Match).
 */
export function cleanUpAfterDeletion(findings: readonly Finding[], deleted: EndpointDeletion): FixPlan[] {
  const deletedIps = new Set(deleted.ips);
  const rewritten = new Set((deleted.deletedRecordSets ?? []).map((r) => `${r.zoneId.toLowerCase()}|${r.recordSetName}`));
  const plans: FixPlan[] = [];
  for (const f of findings) {
    const plan = f.fix;
    if (!plan) continue;
    const fits = plan.writes.every((w) => {
      switch (w.kind) {
        case 'deleteARecordSet':
          return f.id === 'dns.record.orphaned' && w.ipv4Addresses.length > 0 && w.ipv4Addresses.every((ip) => deletedIps.has(ip));
        case 'replaceInARecordSet':
          return plan.safe && w.removedIpv4Addresses.every((ip) => deletedIps.has(ip));
        case 'createARecordSet':
          return f.id === 'dns.record.missing' && rewritten.has(`${w.privateDnsZoneId.toLowerCase()}|${w.recordSetName.toLowerCase()}`);
        default:
          return false;
      }
    });
    if (fits && plan.writes.length > 0) plans.push(plan);
  }
  return plans;
}
