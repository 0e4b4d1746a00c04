// What a client inside the selected VNet resolves for registry names, computed from the sandbox state:
// `<reg>.azurecr.io` → CNAME `<reg>.privatelink.azurecr.io` → the linked zone's A record (NXDOMAIN if the
// record is missing), or the public chain when no privatelink.azurecr.io zone is linked to the VNet.

import { registryConnections, registryRegions } from '../providers/containerRegistry';
import { sameId } from '../ids';
import type { RegistryRecord, SandboxState } from '../state';

export interface DnsRecord {
  name: string;
  type: 'A' | 'CNAME';
  ttl: number;
  data: string;
}

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  answers: DnsRecord[];
}

const PRIVATE_ZONE = 'privatelink.azurecr.io';

/** A stable TEST-NET-3 (documentation) address per public front end, so public answers are recognisable. */
export function publicAddress(host: string): string {
  let h = 0;
  for (const ch of host) h = (h * 31 + ch.charCodeAt(0)) % 65521;
  return `203.0.113.${(h % 250) + 1}`;
}

function findRegistry(state: SandboxState, name: string): RegistryRecord | undefined {
  for (const r of Object.values(state.registries)) if (r.name.toLowerCase() === name) return r;
  return undefined;
}

/** The privatelink.azurecr.io zone linked to the VNet (Azure allows only one zone of a name per VNet). */
function linkedZone(state: SandboxState): { zoneId: string } | undefined {
  const vnetId = state.dnsVirtualNetworkId;
  if (!vnetId) return undefined;
  for (const link of Object.values(state.virtualNetworkLinks)) {
    if (!sameId(link.virtualNetworkId, vnetId)) continue;
    const zoneId = link.id.slice(0, link.id.toLowerCase().lastIndexOf('/virtualnetworklinks/'));
    const zone = state.privateDnsZones[zoneId.toLowerCase()];
    if (zone?.name.toLowerCase() === PRIVATE_ZONE) return { zoneId: zone.id };
  }
  return undefined;
}

/** Parses `<reg>.azurecr.io`, `<reg>.<region>.data.azurecr.io` and their privatelink forms. */
function parseName(qname: string): { registry: string; region?: string; privatelink: boolean } | undefined {
  const m = /^([a-z0-9]+)(?:\.([a-z0-9]+)\.data)?\.(privatelink\.)?azurecr\.io$/.exec(qname);
  if (!m || m[1] === undefined) return undefined;
  return { registry: m[1], ...(m[2] !== undefined ? { region: m[2] } : {}), privatelink: m[3] !== undefined };
}

export function answer(state: SandboxState, rawName: string, type: string): DnsAnswer {
  const qname = rawName.toLowerCase().replace(/\.$/, '');
  if (qname !== 'azurecr.io' && !qname.endsWith('.azurecr.io')) return { rcode: 'REFUSED', answers: [] };
  const parsed = parseName(qname);
  const registry = parsed && findRegistry(state, parsed.registry);
  if (!parsed || !registry) return { rcode: 'NXDOMAIN', answers: [] };
  const regions = registryRegions({ state }, registry).map((r) => r.toLowerCase());
  if (parsed.region !== undefined && !regions.includes(parsed.region)) return { rcode: 'NXDOMAIN', answers: [] };

  const relative = parsed.region !== undefined ? `${parsed.registry}.${parsed.region}.data` : parsed.registry;
  const publicName = `${relative}.azurecr.io`;
  const privateName = `${relative}.${PRIVATE_ZONE}`;
  const frontEnd = parsed.region !== undefined ? `${parsed.region}.data.azcr.io` : `${registry.location.toLowerCase()}.fe.azcr.io`;
  const chain: DnsRecord[] = [];
  const hasPrivateLink = registryConnections({ state }, registry).length > 0;

  if (!parsed.privatelink) {
    chain.push({ name: publicName, type: 'CNAME', ttl: 300, data: hasPrivateLink ? privateName : frontEnd });
  } else if (!hasPrivateLink) {
    return { rcode: 'NXDOMAIN', answers: [] };
  }
  if (hasPrivateLink) {
    const zone = linkedZone(state);
    if (zone) {
      const record = state.aRecordSets[zone.zoneId.toLowerCase()]?.[relative];
      if (!record) return { rcode: 'NXDOMAIN', answers: type === 'CNAME' || type === 'A' ? chain : [] };
      for (const a of record.aRecords) chain.push({ name: privateName, type: 'A', ttl: record.ttl, data: a.ipv4Address });
      return finish(chain, type);
    }
    chain.push({ name: privateName, type: 'CNAME', ttl: 300, data: frontEnd });
  }
  chain.push({ name: frontEnd, type: 'A', ttl: 10, data: publicAddress(frontEnd) });
  return finish(chain, type);
}

/** Keeps the CNAME chain for every query type; A records only for A (or ANY) queries. */
function finish(chain: DnsRecord[], type: string): DnsAnswer {
  if (type === 'CNAME') return { rcode: 'NOERROR', answers: chain.slice(0, 1).filter((r) => r.type === 'CNAME') };
  if (type === 'A' || type === 'ANY') return { rcode: 'NOERROR', answers: chain };
  return { rcode: 'NOERROR', answers: chain.filter((r) => r.type === 'CNAME') };
}
