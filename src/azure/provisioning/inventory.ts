// The create-endpoint form's pickers for one subscription, in one round of parallel reads: the
// subscriptions and the provider state from ARM, and from Azure Resource Graph the resource groups and,
// in one query, the registries with their replicas, the VNets (with subnets), the zones with their
// links and the endpoints. Without Resource Graph (turned off, failing, or lagging behind a change
// made here a moment ago) ARM is read instead, which takes a second round (each zone's links, each
// Premium registry's replicas).
import { parseResourceId, sameId } from '../../model/armId';
import type { Registry } from '../../model/types';
import type { CreateEndpointInventory, RegistryChoice, SubnetChoice, VirtualNetworkChoice, ZoneChoice } from '../../provisioning/createEndpointForm';
import type { ArmClients } from '../clients';
import { GRAPH_TYPES } from '../graphInventory';
import { toPrivateDnsZone, toRegistry, toSubscription, toVirtualNetworkLink } from '../mappers';
import { readAll } from '../paging';
import { flattenArmProperties, queryResourceGraph, resourcesOfTypes, type GraphRow } from '../resourceGraph';
import { armRequest } from './armRequest';
import type * as network from '@azure/arm-network';
import type * as acr from '@azure/arm-containerregistry';
import type * as privatedns from '@azure/arm-privatedns';
import { isAbortError } from '../errors';

import { freeAddressCount } from '../../common/ipv4';

export { freeAddressCount };

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

/** What the pickers need besides the subscriptions and the provider state. */
interface PickerResources {
  resourceGroups: { name: string; location: string }[];
  registries: Registry[];
  /** Registry id (lower-case) → its regions, the home region first. */
  regions: Map<string, string[]>;
  vnets: network.VirtualNetwork[];
  zones: ZoneChoice[];
  privateEndpointIds: string[];
  registryEndpoints: { id: string; virtualNetworkId: string; registryIds: string[] }[];
}

/** An endpoint's VNet and the registries its connections reach (ARM or a flattened Resource Graph row). */
function registryEndpointOf(pe: network.PrivateEndpoint): { id: string; virtualNetworkId: string; registryIds: string[] } | undefined {
  const subnetId = pe.subnet?.id;
  if (!pe.id || !subnetId) return undefined;
  const registryIds = [...(pe.privateLinkServiceConnections ?? []), ...(pe.manualPrivateLinkServiceConnections ?? [])]
    .map((c) => c.privateLinkServiceId ?? '')
    .filter((id) => /\/providers\/microsoft\.containerregistry\/registries\//i.test(id));
  if (registryIds.length === 0) return undefined;
  return { id: pe.id, virtualNetworkId: subnetId.slice(0, subnetId.toLowerCase().lastIndexOf('/subnets/')), registryIds };
}

function regionName(location: string | undefined): string {
  return (location ?? '').replace(/\s+/g, '').toLowerCase();
}

function regionsOf(registry: Registry, replicaLocations: (string | undefined)[]): string[] {
  const regions = [registry.location];
  if (registry.sku !== 'Premium') return regions;
  for (const location of replicaLocations) {
    const region = regionName(location);
    if (region && !regions.includes(region)) regions.push(region);
  }
  return regions;
}

async function armPickerResources(clients: ArmClients, subscriptionId: string, registryIds: string[], signal?: AbortSignal): Promise<PickerResources> {
  const abort = signal ? { abortSignal: signal } : {};
  const network = clients.network(subscriptionId);
  const outside = registryIds.filter((id) => !sameId(parseResourceId(id).subscriptionId, subscriptionId));
  const [resourceGroups, listed, foreign, vnets, zones, endpoints] = await Promise.all([
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
  ]);
  const registries = [...listed, ...foreign].map(toRegistry);
  const [replicas, links] = await Promise.all([
    Promise.all(
      registries.map(async (r) =>
        r.sku === 'Premium' ? readAll(clients.containerRegistry(r.subscriptionId).replications.list(r.resourceGroup, r.name, abort)) : [],
      ),
    ),
    Promise.all(
      zones.map(toPrivateDnsZone).map(async (z) => ({
        zone: z,
        links: await readAll(clients.privateDns(subscriptionId).virtualNetworkLinks.list(z.resourceGroup, z.name, abort)),
      })),
    ),
  ]);
  return {
    resourceGroups,
    registries,
    regions: new Map(registries.map((r, i) => [r.id.toLowerCase(), regionsOf(r, (replicas[i] ?? []).map((x) => x.location))])),
    vnets,
    zones: links.map(({ zone, links: l }) => ({
      id: zone.id,
      name: zone.name,
      resourceGroup: zone.resourceGroup,
      linkedVirtualNetworkIds: l.flatMap((x) => (x.virtualNetwork?.id ? [x.virtualNetwork.id] : [])),
    })),
    privateEndpointIds: endpoints.flatMap((e) => (e.id ? [e.id] : [])),
    registryEndpoints: endpoints.flatMap((e) => registryEndpointOf(e) ?? []),
  };
}

const RESOURCE_GROUPS_QUERY = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, location, subscriptionId | order by id asc";

async function graphPickerResources(clients: ArmClients, subscriptionId: string, registryIds: string[], signal?: AbortSignal): Promise<PickerResources> {
  const abort = signal ? { signal } : {};
  const foreignSubscriptions = [...new Set(registryIds.map((id) => parseResourceId(id).subscriptionId.toLowerCase()))].filter((s) => s !== subscriptionId.toLowerCase());
  const wantedRegistries = new Set(registryIds.map((id) => id.toLowerCase()));
  const [groupRows, rows] = await Promise.all([
    queryResourceGraph(clients, { query: RESOURCE_GROUPS_QUERY, subscriptionIds: [subscriptionId], ...abort }),
    queryResourceGraph(clients, {
      query: resourcesOfTypes([GRAPH_TYPES.registries, GRAPH_TYPES.replications, GRAPH_TYPES.virtualNetworks, GRAPH_TYPES.privateDnsZones, GRAPH_TYPES.virtualNetworkLinks, GRAPH_TYPES.privateEndpoints]),
      subscriptionIds: [subscriptionId, ...foreignSubscriptions],
      ...abort,
    }),
  ]);
  const inSubscription = (row: GraphRow): boolean => typeof row.subscriptionId === 'string' && sameId(row.subscriptionId, subscriptionId);
  const of = (type: string): GraphRow[] => rows.filter((r) => typeof r.type === 'string' && r.type.toLowerCase() === type);
  const flat = <T>(row: GraphRow): T => flattenArmProperties(row) as T;
  const registries = of(GRAPH_TYPES.registries)
    .filter((r) => inSubscription(r) || (typeof r.id === 'string' && wantedRegistries.has(r.id.toLowerCase())))
    .map((r) => toRegistry(flat<acr.Registry>(r)));
  const replicaLocations = new Map<string, string[]>();
  for (const row of of(GRAPH_TYPES.replications)) {
    const id = typeof row.id === 'string' ? row.id : '';
    const registryId = id.split('/').slice(0, -2).join('/').toLowerCase();
    replicaLocations.set(registryId, [...(replicaLocations.get(registryId) ?? []), typeof row.location === 'string' ? row.location : '']);
  }
  const links = of(GRAPH_TYPES.virtualNetworkLinks).map((r) => toVirtualNetworkLink(flat<privatedns.VirtualNetworkLink>(r)));
  return {
    resourceGroups: groupRows
      .flatMap((g) => (typeof g.name === 'string' ? [{ name: g.name, location: typeof g.location === 'string' ? g.location : '' }] : []))
      .sort((a, b) => a.name.localeCompare(b.name)),
    registries,
    regions: new Map(registries.map((r) => [r.id.toLowerCase(), regionsOf(r, replicaLocations.get(r.id.toLowerCase()) ?? [])])),
    vnets: of(GRAPH_TYPES.virtualNetworks).filter(inSubscription).map((r) => flat<network.VirtualNetwork>(r)),
    zones: of(GRAPH_TYPES.privateDnsZones)
      .filter(inSubscription)
      .map((r) => toPrivateDnsZone(flat<privatedns.PrivateZone>(r)))
      .map((zone) => ({
        id: zone.id,
        name: zone.name,
        resourceGroup: zone.resourceGroup,
        linkedVirtualNetworkIds: links.filter((l) => sameId(l.privateDnsZoneId, zone.id) && l.virtualNetworkId).map((l) => l.virtualNetworkId),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.resourceGroup.localeCompare(b.resourceGroup)),
    privateEndpointIds: of(GRAPH_TYPES.privateEndpoints).filter(inSubscription).flatMap((r) => (typeof r.id === 'string' ? [r.id] : [])),
    registryEndpoints: of(GRAPH_TYPES.privateEndpoints)
      .filter(inSubscription)
      .flatMap((r) => registryEndpointOf(flat<network.PrivateEndpoint>(r)) ?? []),
  };
}

export interface PickerOptions {
  signal?: AbortSignal;
  /** Whether Resource Graph can answer for this subscription now; without it, ARM is read. */
  useResourceGraph?: (subscriptionId: string) => boolean;
}

export async function loadCreateEndpointInventory(clients: ArmClients, subscriptionId: string, registryIds: string[], options: PickerOptions = {}): Promise<CreateEndpointInventory> {
  const { signal } = options;
  const abort = signal ? { abortSignal: signal } : {};
  const subscriptionsOfRegistries = registryIds.map((id) => parseResourceId(id).subscriptionId);
  const graph = options.useResourceGraph !== undefined && [subscriptionId, ...subscriptionsOfRegistries].every((s) => options.useResourceGraph?.(s) === true);
  const resources = async (): Promise<PickerResources> => {
    if (!graph) return armPickerResources(clients, subscriptionId, registryIds, signal);
    try {
      return await graphPickerResources(clients, subscriptionId, registryIds, signal);
    } catch (e) {
      if (isAbortError(e)) throw e;
      return armPickerResources(clients, subscriptionId, registryIds, signal);
    }
  };
  const [subscriptions, provider, found] = await Promise.all([readAll(clients.subscriptions().subscriptions.list(abort)), providerState(clients, subscriptionId, signal), resources()]);
  const registryChoices: RegistryChoice[] = found.registries.map((r) => ({
    id: r.id,
    name: r.name,
    sku: r.sku,
    location: r.location,
    loginServer: r.loginServer,
    regions: found.regions.get(r.id.toLowerCase()) ?? [r.location],
  }));
  const virtualNetworks = found.vnets.map(toVirtualNetworkChoice).sort((a, b) => a.name.localeCompare(b.name));
  const locations = [...new Set([...virtualNetworks.map((v) => v.location), ...registryChoices.map((r) => r.location), ...found.resourceGroups.map((g) => g.location)].filter(Boolean))].sort();
  return {
    subscriptions: subscriptions.map(toSubscription).map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName })),
    subscriptionId,
    resourceGroups: found.resourceGroups,
    registries: registryChoices.sort((a, b) => a.name.localeCompare(b.name)),
    virtualNetworks,
    zones: found.zones,
    privateEndpointIds: found.privateEndpointIds,
    registryEndpoints: found.registryEndpoints,
    providerRegistrationState: provider,
    locations,
  };
}
