// What a client inside the selected VNet resolves for registry names, computed from the sandbox state:
// `<reg>.azurecr.io` → CNAME `<reg>.privatelink.azurecr.io` → the linked zone's A record (NXDOMAIN if the
// record is missing, the public chain if the link's resolutionPolicy is NxDomainRedirect), or the public
// chain when no privatelink.azurecr.io zone answers. Which zone answers follows the VNet's DNS: its own
// DNS servers (a resolver's inbound endpoint answers as Azure DNS in the resolver's VNet; a server
// listed in `dnsServerForwarders` as Azure DNS in its VNet; any other server has no forwarder and
// answers publicly), else Azure DNS, where a forwarding ruleset linked to the VNet comes first.
// `<reg>` is the first label of the registry's login server: `myregistry`, or `myregistry-<hash>` for a
// registry with a domain-name-label scope, whose bare `myregistry.azurecr.io` does not exist.

import { registryConnections, registryRegions } from '../providers/containerRegistry';
import { registryHostLabel } from '../providers/registryMembers';
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

function findRegistry(state: SandboxState, label: string): RegistryRecord | undefined {
  for (const r of Object.values(state.registries)) if (registryHostLabel(r) === label) return r;
  return undefined;
}

const AZURE_DNS = '168.63.129.16';

/** The privatelink.azurecr.io zone linked to the VNet (Azure allows only one zone of a name per VNet), with its link's resolution policy. */
function linkedZone(state: SandboxState, vnetId: string): { zoneId: string; nxDomainRedirect: boolean } | undefined {
  for (const link of Object.values(state.virtualNetworkLinks)) {
    if (!sameId(link.virtualNetworkId, vnetId)) continue;
    const zoneId = link.id.slice(0, link.id.toLowerCase().lastIndexOf('/virtualnetworklinks/'));
    const zone = state.privateDnsZones[zoneId.toLowerCase()];
    if (zone?.name.toLowerCase() === PRIVATE_ZONE) return { zoneId: zone.id, nxDomainRedirect: link.resolutionPolicy === 'NxDomainRedirect' };
  }
  return undefined;
}

/** Where a query for a privatelink name ends up: the zone some VNet's Azure DNS answers it from, or public DNS. */
type View = { zoneId: string; nxDomainRedirect: boolean } | 'public';

/** What a DNS server at `ip` does with the name: a resolver's inbound endpoint answers as Azure DNS in its VNet; a server with the forwarder, as Azure DNS in its VNet; any other, publicly. */
function serverView(state: SandboxState, ip: string, name: string, askingVnetId: string | undefined, depth: number): View {
  if (depth > 4) return 'public';
  if (ip === AZURE_DNS && askingVnetId) return azureView(state, askingVnetId, name, depth + 1);
  const inbound = Object.values(state.inboundEndpoints ?? {}).find((e) => e.ipConfigurations.some((c) => c.privateIpAddress === ip));
  if (inbound) {
    const resolver = state.dnsResolvers?.[inbound.id.slice(0, inbound.id.toLowerCase().lastIndexOf('/inboundendpoints/')).toLowerCase()];
    if (resolver) return azureView(state, resolver.virtualNetworkId, name, depth + 1);
  }
  const forwardingFrom = state.dnsServerForwarders?.[ip];
  if (forwardingFrom) return azureView(state, forwardingFrom, name, depth + 1);
  return 'public';
}

/** Azure DNS as a client in the VNet gets it: a forwarding rule of a ruleset linked to the VNet first, then the linked zone. */
function azureView(state: SandboxState, vnetId: string, name: string, depth: number): View {
  const links = Object.values(state.rulesetLinks ?? {}).filter((l) => sameId(l.virtualNetworkId, vnetId));
  let best: { domain: string; target: string } | undefined;
  for (const link of links) {
    const rulesetId = link.id.slice(0, link.id.toLowerCase().lastIndexOf('/virtualnetworklinks/')).toLowerCase();
    for (const rule of Object.values(state.forwardingRules ?? {})) {
      if (!rule.id.toLowerCase().startsWith(`${rulesetId}/forwardingrules/`) || rule.forwardingRuleState === 'Disabled') continue;
      const domain = rule.domainName.toLowerCase().replace(/\.$/, '');
      const target = rule.targetDnsServers[0]?.ipAddress;
      if (target === undefined || !(name === domain || name.endsWith(`.${domain}`))) continue;
      if (!best || domain.length > best.domain.length) best = { domain, target };
    }
  }
  if (best) return serverView(state, best.target, name, vnetId, depth);
  return linkedZone(state, vnetId) ?? 'public';
}

/** The view of the client the DNS server answers for: the selected VNet through its own DNS servers, or one DNS server's. */
function clientView(state: SandboxState, name: string, asServer: string | undefined): View {
  if (asServer !== undefined) return serverView(state, asServer, name, undefined, 0);
  const vnetId = state.dnsVirtualNetworkId;
  if (!vnetId) return 'public';
  const vnet = state.virtualNetworks[vnetId.toLowerCase()];
  const servers = (vnet?.dnsServers ?? []).filter((s) => s !== AZURE_DNS);
  // A client asks its first DNS server; the others only when that one does not answer.
  if (servers[0] !== undefined) return serverView(state, servers[0], name, vnetId, 0);
  return azureView(state, vnetId, name, 0);
}

/** Parses `<reg>.azurecr.io`, `<reg>.<region>.data.azurecr.io` and their privatelink forms (`<reg>` may be `<name>-<hash>`). */
function parseName(qname: string): { registry: string; region?: string; privatelink: boolean } | undefined {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)?)(?:\.([a-z0-9]+)\.data)?\.(privatelink\.)?azurecr\.io$/.exec(qname);
  if (!m || m[1] === undefined) return undefined;
  return { registry: m[1], ...(m[2] !== undefined ? { region: m[2] } : {}), privatelink: m[3] !== undefined };
}

/**
 * The answer a client gets: the client in the selected VNet (through that VNet's DNS servers, its
 * forwarding ruleset, its linked zone), or, with `asServer`, what the DNS server at that private IP
 * answers (the loopback listener published for it).
 */
export function answer(state: SandboxState, rawName: string, type: string, asServer?: string): DnsAnswer {
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
    const zone = clientView(state, privateName, asServer);
    const record = zone === 'public' ? undefined : state.aRecordSets[zone.zoneId.toLowerCase()]?.[relative];
    // A link with resolutionPolicy NxDomainRedirect sends a name missing from the zone to public DNS.
    if (zone !== 'public' && !record && !zone.nxDomainRedirect) return { rcode: 'NXDOMAIN', answers: type === 'CNAME' || type === 'A' ? chain : [] };
    if (record) {
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
