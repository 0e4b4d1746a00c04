// The create-endpoint form's pickers for one subscription. Everything independent is read at once:
// subscriptions, resource groups, registries, VNets (with subnets), zones, endpoints and the provider
// state; a second round reads what depends on the first (each zone's links, each Premium registry's
// replicas), also in parallel.
import { parseResourceId, sameId } from '../../model/armId';
import type { Registry } from '../../model/types';
import type { CreateEndpointInventory, RegistryChoice, SubnetChoice, VirtualNetworkChoice, ZoneChoice } from '../../provisioning/createEndpointForm';
import type { ArmClients } from '../clients';
import { toPrivateDnsZone, toRegistry, toSubscription } from '../mappers';
import { readAll } from '../paging';
import { armRequest } from './armRequest';
import type * as network from '@azure/arm-network';

/** Azure keeps five addresses of every subnet (network, gateway, two DNS, broadcast). */
const AZURE_RESERVED_ADDRESSES = 5;

export function freeAddressCount(addressPrefix: string, used: number): number | undefined {
  const bits = Number(addressPrefix.split('/')[1]);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return Math.max(0, 2 ** (32 - bits) - AZURE_RESERVED_ADDRESSES - used);
}

function toSubnetChoice(s: network.Subnet): SubnetChoice {
  const addressPrefix = s.addressPrefix ?? s.addressPrefixes?.[0] ?? '';
  const free = s.ipConfigurations !== undefined || s.addressPrefix !== undefined ? freeAddressCount(addressPrefix, s.ipConfigurations?.length ?? 0) : undefined;
  return {
    id: s.id ?? '',
    name: s.name ?? '',
    addressPrefix,
    // Older subnets omit the property and mean Enabled.
    privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? 'Enabled',
    ...(free !== undefined ? { freeIpCount: free } : {}),
    delegated: (s.delegations?.length ?? 0) > 0,
  };
}

function toVirtualNetworkChoice(v: network.VirtualNetwork): VirtualNetworkChoice {
  const id = v.id ?? '';
  return {
    id,
    name: v.name ?? '',
    resourceGroup: parseResourceId(id).resourceGroup ?? '',
    location: v.location ?? '',
    subnets: (v.subnets ?? []).map(toSubnetChoice),
  };
}

async function listResourceGroups(clients: ArmClients, subscriptionId: string, signal?: AbortSignal): Promise<{ name: string; location: string }[]> {
  const groups: { name: string; location: string }[] = [];
  let path: string | undefined = `/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups`;
  const endpoint = clients.target.endpoint.replace(/\/+$/, '');
  while (path) {
    const { body } = await armRequest(clients, 'GET', path, undefined, signal);
    const page = body as { value?: { name?: string; location?: string }[]; nextLink?: string };
    for (const g of page.value ?? []) if (g.name) groups.push({ name: g.name, location: g.location ?? '' });
    // Follow a nextLink only on the endpoint we trust with the token.
    path = page.nextLink?.startsWith(`${endpoint}/`) ? page.nextLink : undefined;
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name));
}

async function providerState(clients: ArmClients, subscriptionId: string, signal?: AbortSignal): Promise<string> {
  const { body } = await armRequest(clients, 'GET', `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.ContainerRegistry`, undefined, signal);
  return (body as { registrationState?: string } | undefined)?.registrationState ?? 'Unknown';
}

async function registryRegions(clients: ArmClients, registry: Registry, signal?: AbortSignal): Promise<string[]> {
  const regions = [registry.location];
  if (registry.sku !== 'Premium') return regions;
  const replicas = await readAll(clients.containerRegistry(registry.subscriptionId).replications.list(registry.resourceGroup, registry.name, signal ? { abortSignal: signal } : {}));
  for (const r of replicas) {
    const region = (r.location ?? '').replace(/\s+/g, '').toLowerCase();
    if (region && !regions.includes(region)) regions.push(region);
  }
  return regions;
}

export async function loadCreateEndpointInventory(clients: ArmClients, subscriptionId: string, registryIds: string[], signal?: AbortSignal): Promise<CreateEndpointInventory> {
  const abort = signal ? { abortSignal: signal } : {};
  const network = clients.network(subscriptionId);
  const outside = registryIds.filter((id) => !sameId(parseResourceId(id).subscriptionId, subscriptionId));
  const [subscriptions, resourceGroups, listed, foreign, vnets, zones, endpoints, provider] = await Promise.all([
    readAll(clients.subscriptions().subscriptions.list(abort)),
    listResourceGroups(clients, subscriptionId, signal),
    readAll(clients.containerRegistry(subscriptionId).registries.list(abort)),
    // A registry of another subscription (the node the form was opened on) is read by id.
    Promise.all(
      outside.map(async (id) => {
        const p = parseResourceId(id);
        return clients.containerRegistry(p.subscriptionId).registries.get(p.resourceGroup ?? '', p.types[0]?.[1] ?? '', abort);
      }),
    ),
    readAll(network.virtualNetworks.listAll(abort)),
    readAll(clients.privateDns(subscriptionId).privateZones.list(abort)),
    readAll(network.privateEndpoints.listBySubscription(abort)),
    providerState(clients, subscriptionId, signal),
  ]);
  const registries = [...listed, ...foreign].map(toRegistry);
  const [regions, links] = await Promise.all([
    Promise.all(registries.map((r) => registryRegions(clients, r, signal))),
    Promise.all(
      zones.map(toPrivateDnsZone).map(async (z) => ({
        zone: z,
        links: await readAll(clients.privateDns(subscriptionId).virtualNetworkLinks.list(z.resourceGroup, z.name, abort)),
      })),
    ),
  ]);
  const registryChoices: RegistryChoice[] = registries.map((r, i) => ({ id: r.id, name: r.name, sku: r.sku, location: r.location, loginServer: r.loginServer, regions: regions[i] ?? [r.location] }));
  const zoneChoices: ZoneChoice[] = links.map(({ zone, links: l }) => ({
    id: zone.id,
    name: zone.name,
    resourceGroup: zone.resourceGroup,
    linkedVirtualNetworkIds: l.flatMap((x) => (x.virtualNetwork?.id ? [x.virtualNetwork.id] : [])),
  }));
  const virtualNetworks = vnets.map(toVirtualNetworkChoice).sort((a, b) => a.name.localeCompare(b.name));
  const locations = [...new Set([...virtualNetworks.map((v) => v.location), ...registryChoices.map((r) => r.location), ...resourceGroups.map((g) => g.location)].filter(Boolean))].sort();
  return {
    subscriptions: subscriptions.map(toSubscription).map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName })),
    subscriptionId,
    resourceGroups,
    registries: registryChoices.sort((a, b) => a.name.localeCompare(b.name)),
    virtualNetworks,
    zones: zoneChoices,
    privateEndpointIds: endpoints.flatMap((e) => (e.id ? [e.id] : [])),
    providerRegistrationState: provider,
    locations,
  };
}
