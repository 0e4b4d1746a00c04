// Which registry endpoint answers at an address of the sandbox's world: a private endpoint's NIC IP
// serves its registry once the connection is approved; an ACR front-end IP (the public addresses the
// sandbox's DNS answers) serves every registry's public endpoint; an address in a zone record that no
// NIC holds serves nothing. Computed from the state at the time of each connection.
import { publicAddress } from '../dns/answer';
import { registryRegions } from '../providers/containerRegistry';
import { registryHostLabel } from '../providers/registryMembers';
import type { RegistryRecord, SandboxState } from '../state';

export type AddressRole = 'privateEndpoint' | 'publicEndpoint' | 'unassigned';

export interface SandboxAddress {
  address: string;
  role: AddressRole;
}

/** The front-end names the sandbox's DNS answers publicly for a registry (see dns/answer.ts). */
function frontEnds(state: SandboxState, registry: RegistryRecord): string[] {
  return [`${registry.location.toLowerCase()}.fe.azcr.io`, ...registryRegions({ state }, registry).map((r) => `${r.toLowerCase()}.data.azcr.io`)];
}

/** Every address a client of the sandbox can be told by its DNS, with what answers there. */
export function sandboxAddresses(state: SandboxState): SandboxAddress[] {
  const found = new Map<string, AddressRole>();
  for (const nic of Object.values(state.networkInterfaces)) {
    if (!nic.privateEndpointId) continue;
    for (const ipc of nic.ipConfigurations) if (ipc.privateLinkConnectionProperties) found.set(ipc.privateIPAddress, 'privateEndpoint');
  }
  for (const records of Object.values(state.aRecordSets)) {
    for (const set of Object.values(records)) for (const a of set.aRecords) if (!found.has(a.ipv4Address)) found.set(a.ipv4Address, 'unassigned');
  }
  for (const registry of Object.values(state.registries)) for (const fe of frontEnds(state, registry)) found.set(publicAddress(fe), 'publicEndpoint');
  return [...found].map(([address, role]) => ({ address, role }));
}

export interface RegistryHost {
  registry: RegistryRecord;
  /** `undefined` for the login server, the region of a data endpoint. */
  region?: string;
}

/**
 * `myregistry.azurecr.io` or `myregistry.eastus.data.azurecr.io` (`myregistry-<hash>…` for a registry
 * with a domain-name-label scope, whose bare name answers nothing); never a privatelink name (clients
 * use the public one).
 */
export function registryForHost(state: SandboxState, host: string): RegistryHost | undefined {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)?)(?:\.([a-z0-9]+)\.data)?\.azurecr\.io$/.exec(host.toLowerCase().replace(/\.$/, ''));
  if (!m?.[1]) return undefined;
  const registry = Object.values(state.registries).find((r) => registryHostLabel(r) === m[1]);
  if (!registry) return undefined;
  if (m[2] === undefined) return { registry };
  return registryRegions({ state }, registry).some((r) => r.toLowerCase() === m[2]) ? { registry, region: m[2] } : undefined;
}

/**
 * What a private endpoint address carries: the registry its endpoint connects to and whether that
 * connection is approved (only an approved connection passes traffic).
 */
export function privateEndpointAt(state: SandboxState, address: string): { registry: RegistryRecord; approved: boolean } | undefined {
  for (const nic of Object.values(state.networkInterfaces)) {
    if (!nic.privateEndpointId || !nic.ipConfigurations.some((c) => c.privateIPAddress === address && c.privateLinkConnectionProperties)) continue;
    const endpoint = state.privateEndpoints[nic.privateEndpointId.toLowerCase()];
    if (!endpoint) continue;
    for (const c of [...endpoint.privateLinkServiceConnections, ...endpoint.manualPrivateLinkServiceConnections]) {
      const registry = state.registries[c.privateLinkServiceId.toLowerCase()];
      if (!registry) continue;
      const registrySide = endpoint.registryConnectionId ? state.registryConnections[endpoint.registryConnectionId.toLowerCase()] : undefined;
      const status = registrySide?.privateLinkServiceConnectionState.status ?? c.privateLinkServiceConnectionState.status;
      return { registry, approved: status.toLowerCase() === 'approved' };
    }
  }
  return undefined;
}

export function isPublicEndpointAddress(state: SandboxState, address: string): boolean {
  return Object.values(state.registries).some((r) => frontEnds(state, r).some((fe) => publicAddress(fe) === address));
}
