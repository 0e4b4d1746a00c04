// What the private DNS zone should contain for a registry: one A record per required member
// (`registry` and `registry_data_<region>` for the home region and every replica) per VNet that has
// an endpoint, pointing at the endpoint NIC's private IP for that member. Each record is named after
// the FQDN the NIC gives that member, or after the login server when the NIC has none: never after
// the registry's resource name, which a hashed login server (`<name>-<hash>`) does not match.
import { parseIpv4 } from '../common/ipv4';
import type { Registry, ResourceId, Snapshot } from '../model/types';
import { carriesTraffic, registryEndpoints } from './endpoints';
import {
  dataMemberName,
  normalizeFqdn,
  normalizeRegion,
  privatelinkFqdnForRecordSet,
  memberRecordSetName,
  publicFqdnForRecordSet,
  registryHostNames,
  registryMemberName,
} from './names';
import { indexSnapshot } from './snapshotIndex';

export interface ExpectedRecord {
  registryId: ResourceId;
  /** What clients resolve: `myregistry.eastus.data.azurecr.io`. */
  fqdn: string;
  /** `myregistry.eastus.data.privatelink.azurecr.io`. */
  privatelinkFqdn: string;
  /** `privatelink.azurecr.io`. */
  zoneName: string;
  /** Relative to the zone: `myregistry.eastus.data`. */
  recordSetName: string;
  requiredMemberName: string;
  /** The region of a data member; undefined for `registry`. */
  region?: string;
  virtualNetworkId: ResourceId;
  privateEndpointId: ResourceId;
  networkInterfaceId?: ResourceId;
  /** Undefined when the endpoint has no IP for this member (a replica the NIC does not serve yet). */
  privateIPAddress?: string;
}

/** Every region the registry serves data from: its home region and each replication's. */
export function registryRegions(snapshot: Snapshot, registry: Registry): string[] {
  const regions = [normalizeRegion(registry.location)];
  for (const r of indexSnapshot(snapshot).replications(registry.id)) {
    const region = normalizeRegion(r.location);
    if (!regions.includes(region)) regions.push(region);
  }
  return regions;
}

export function expectedRecords(snapshot: Snapshot, registryId: ResourceId): ExpectedRecord[] {
  const registry = indexSnapshot(snapshot).registry(registryId);
  if (!registry) return [];
  const names = registryHostNames(registry);
  const wantedMembers = [registryMemberName, ...registryRegions(snapshot, registry).map(dataMemberName)];
  const records: ExpectedRecord[] = [];

  for (const pe of registryEndpoints(snapshot, registry)) {
    if (!pe.virtualNetworkId || !carriesTraffic(pe.status)) continue;
    const vnetId = pe.virtualNetworkId;

    // Members come from the replicas and from the NIC: a NIC may already serve a region whose
    // replication we could not read, and a new replica may not be on the NIC yet.
    const members = new Map<string, { ip?: string; nicId?: string; fqdns?: string[] }>();
    for (const m of wantedMembers) members.set(m, {});
    for (const nic of pe.networkInterfaces) {
      for (const ipc of nic.ipConfigurations) {
        const member = ipc.requiredMemberName?.toLowerCase();
        if (!member || (ipc.groupId !== undefined && ipc.groupId.toLowerCase() !== 'registry')) continue;
        if (member !== registryMemberName && !member.startsWith('registry_data_')) continue;
        // An A record holds IPv4 only: a dual-stack endpoint's IPv6 configuration (same member, same
        // FQDNs) answers AAAA queries, and never replaces the member's IPv4 address.
        if (parseIpv4(ipc.privateIPAddress) !== undefined) members.set(member, { ip: ipc.privateIPAddress, nicId: nic.id, fqdns: ipc.fqdns });
        else if (members.get(member)?.ip === undefined) members.set(member, { nicId: nic.id, fqdns: ipc.fqdns });
      }
    }
    // When the NIC itself is unreadable, the endpoint's customDnsConfigs still carry the IPs (its IPv4 one for an A record).
    let customDns: Map<string, string | undefined> | undefined;
    const customDnsIp = (fqdn: string): string | undefined =>
      (customDns ??= new Map((pe.endpoint?.customDnsConfigs ?? []).map((c) => [normalizeFqdn(c.fqdn), c.ipAddresses.find((ip) => parseIpv4(ip) !== undefined)]))).get(fqdn);

    for (const [member, found] of members) {
      const recordSetName = memberRecordSetName(names, member, found.fqdns);
      const fqdn = publicFqdnForRecordSet(names, recordSetName);
      const region = member === registryMemberName ? undefined : member.slice('registry_data_'.length);
      // Optional keys are set only when present (no `...(x ? { x } : {})`: a check builds these for every registry of a load).
      const record: ExpectedRecord = {
        registryId: registry.id,
        fqdn,
        privatelinkFqdn: privatelinkFqdnForRecordSet(names, recordSetName),
        zoneName: names.zoneName,
        recordSetName,
        requiredMemberName: member,
        virtualNetworkId: vnetId,
        privateEndpointId: pe.privateEndpointId,
      };
      if (region !== undefined) record.region = region;
      if (found.nicId !== undefined) record.networkInterfaceId = found.nicId;
      const ip = found.ip ?? customDnsIp(fqdn);
      if (ip) record.privateIPAddress = ip;
      records.push(record);
    }
  }
  return records;
}
