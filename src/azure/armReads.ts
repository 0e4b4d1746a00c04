// Every ARM read the loader makes, one SDK call each (lists follow nextLink), returned as model types.
// The loader works against this interface, so its fan-out, de-duplication and caching are tested with
// a fake; the SDK implementation is tested against recorded payloads and the sandbox.
import * as l10n from '@vscode/l10n';
import { parseResourceId } from '../model/armId';
import type {
  ARecordSet,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  Registry,
  RegistryUsage,
  Replication,
  ResourceId,
  Subscription,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../model/types';
import { getContinuationToken } from '@azure/arm-resources-subscriptions';
import type { ArmClients } from './clients';
import { readGraphInventory, type GraphInventory, type Schedule } from './graphInventory';
import {
  toARecordSet,
  toNetworkInterface,
  toPrivateDnsZone,
  toPrivateDnsZoneGroup,
  toPrivateEndpoint,
  toPrivateEndpointConnection,
  toRegistry,
  toRegistryUsage,
  toReplication,
  toSubscription,
  toVirtualNetwork,
  toVirtualNetworkLink,
} from './mappers';
import { readAll, readPages, type Page, type PageRequest } from './paging';

type Signal = AbortSignal | undefined;

export interface ArmReads {
  listSubscriptions(request: PageRequest): Promise<Page<Subscription>>;
  listRegistries(subscriptionId: string, request: PageRequest): Promise<Page<Registry>>;
  getRegistry(registryId: ResourceId, signal: Signal): Promise<Registry>;
  listReplications(registryId: ResourceId, signal: Signal): Promise<Replication[]>;
  listPrivateEndpointConnections(registryId: ResourceId, signal: Signal): Promise<PrivateEndpointConnection[]>;
  listRegistryUsages(registryId: ResourceId, signal: Signal): Promise<RegistryUsage[]>;
  getPrivateEndpoint(privateEndpointId: ResourceId, signal: Signal): Promise<PrivateEndpoint>;
  listPrivateDnsZoneGroups(privateEndpointId: ResourceId, signal: Signal): Promise<PrivateDnsZoneGroup[]>;
  getNetworkInterface(networkInterfaceId: ResourceId, signal: Signal): Promise<NetworkInterface>;
  getVirtualNetwork(virtualNetworkId: ResourceId, signal: Signal): Promise<VirtualNetwork>;
  listPrivateDnsZones(subscriptionId: string, signal: Signal): Promise<PrivateDnsZone[]>;
  listVirtualNetworkLinks(privateDnsZoneId: ResourceId, signal: Signal): Promise<VirtualNetworkLink[]>;
  listARecordSets(privateDnsZoneId: ResourceId, signal: Signal): Promise<ARecordSet[]>;
  /** `Registered`, `NotRegistered`, … for a resource provider namespace in a subscription. */
  getProviderRegistrationState(subscriptionId: string, namespace: string, signal: Signal): Promise<string>;
  /** The breadth of the inventory of these subscriptions from Azure Resource Graph (see graphInventory.ts). */
  readGraphInventory?(subscriptionIds: string[], signal: Signal, schedule?: Schedule): Promise<GraphInventory>;
}

/** The resource group and name of a top-level resource id, for the SDK calls that take them apart. */
function groupAndName(id: ResourceId): { subscriptionId: string; resourceGroup: string; name: string } {
  const parsed = parseResourceId(id);
  const top = parsed.types[0];
  if (parsed.resourceGroup === undefined || top === undefined) throw new Error(l10n.t('Not a resource id in a resource group: {0}', id));
  return { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, name: top[1] };
}

const options = (signal: Signal): { abortSignal?: AbortSignal } => (signal ? { abortSignal: signal } : {});

/** The provider API version the Azure CLI uses for provider reads and registration. */
const RESOURCES_API_VERSION = '2021-04-01';

export function sdkArmReads(clients: ArmClients): ArmReads {
  return {
    listSubscriptions: (request) => readPages(clients.subscriptions().subscriptions.list(options(request.signal)), toSubscription, request, getContinuationToken),

    listRegistries: (subscriptionId, request) =>
      readPages(clients.containerRegistry(subscriptionId).registries.list(options(request.signal)), toRegistry, request),

    async getRegistry(registryId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(registryId);
      return toRegistry(await clients.containerRegistry(subscriptionId).registries.get(resourceGroup, name, options(signal)));
    },

    async listReplications(registryId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(registryId);
      const items = await readAll(clients.containerRegistry(subscriptionId).replications.list(resourceGroup, name, options(signal)));
      return items.map((r) => toReplication(registryId, r));
    },

    async listPrivateEndpointConnections(registryId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(registryId);
      const items = await readAll(clients.containerRegistry(subscriptionId).privateEndpointConnections.list(resourceGroup, name, options(signal)));
      return items.map((c) => toPrivateEndpointConnection(registryId, c));
    },

    async listRegistryUsages(registryId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(registryId);
      const result = await clients.containerRegistry(subscriptionId).registries.listUsages(resourceGroup, name, options(signal));
      return (result.value ?? []).map(toRegistryUsage);
    },

    async getPrivateEndpoint(privateEndpointId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateEndpointId);
      return toPrivateEndpoint(await clients.network(subscriptionId).privateEndpoints.get(resourceGroup, name, options(signal)));
    },

    async listPrivateDnsZoneGroups(privateEndpointId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateEndpointId);
      const items = await readAll(clients.network(subscriptionId).privateDnsZoneGroups.list(name, resourceGroup, options(signal)));
      return items.map((g) => toPrivateDnsZoneGroup(privateEndpointId, g));
    },

    async getNetworkInterface(networkInterfaceId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(networkInterfaceId);
      return toNetworkInterface(await clients.network(subscriptionId).networkInterfaces.get(resourceGroup, name, options(signal)));
    },

    async getVirtualNetwork(virtualNetworkId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(virtualNetworkId);
      return toVirtualNetwork(await clients.network(subscriptionId).virtualNetworks.get(resourceGroup, name, options(signal)));
    },

    async listPrivateDnsZones(subscriptionId, signal) {
      const items = await readAll(clients.privateDns(subscriptionId).privateZones.list(options(signal)));
      return items.map(toPrivateDnsZone);
    },

    async listVirtualNetworkLinks(privateDnsZoneId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateDnsZoneId);
      const items = await readAll(clients.privateDns(subscriptionId).virtualNetworkLinks.list(resourceGroup, name, options(signal)));
      return items.map(toVirtualNetworkLink);
    },

    async listARecordSets(privateDnsZoneId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateDnsZoneId);
      const items = await readAll(clients.privateDns(subscriptionId).recordSets.listByType(resourceGroup, name, 'A', options(signal)));
      return items.map(toARecordSet);
    },

    async getProviderRegistrationState(subscriptionId, namespace, signal) {
      const body = (await clients.send('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${encodeURIComponent(namespace)}`, RESOURCES_API_VERSION, signal)) as
        | { registrationState?: string }
        | undefined;
      return body?.registrationState ?? 'Unknown';
    },

    readGraphInventory: (subscriptionIds, signal, schedule) => readGraphInventory(clients, subscriptionIds, signal, schedule),
  };
}
