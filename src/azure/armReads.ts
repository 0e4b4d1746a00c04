// Every ARM read the loader makes, one SDK call each (lists follow nextLink), returned as model types.
// The loader works against this interface, so its fan-out, de-duplication and caching are tested with
// a fake; the SDK implementation is tested against recorded payloads and the sandbox.
import * as l10n from '@vscode/l10n';
import { parseResourceId } from '../model/armId';
import type {
  AcrTask,
  AgentPool,
  ARecordSet,
  DnsForwardingRuleset,
  DnsResolverInboundEndpoint,
  NetworkInterface,
  NetworkSecurityGroup,
  RouteTable,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  Registry,
  RegistryNetworkRuleSet,
  RegistryUsage,
  Replication,
  ResourceId,
  Subscription,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../model/types';
import { getContinuationToken } from '@azure/arm-resources-subscriptions';
import type * as privatedns from '@azure/arm-privatedns';
import type { ArmClients } from './clients';
import { readGraphInventory, type GraphInventory, type Schedule } from './graphInventory';
import {
  toAcrTask,
  toAgentPool,
  toARecordSet,
  toForwardingRuleset,
  toInboundEndpoint,
  toNetworkInterface,
  toNetworkSecurityGroup,
  toRouteTable,
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
  type RawForwardingRule,
  type RawInboundEndpoint,
  type RawRuleset,
  type RawRulesetLink,
} from './mappers';
import type { FullOperationResponse } from '@azure/core-client';
import { invalidListAnswer } from './errors';
import { flattenArmProperties } from './resourceGraph';
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
  /** Every DNS Private Resolver inbound endpoint of a subscription (the resolvers, then each one's endpoints). */
  listDnsResolverInboundEndpoints?(subscriptionId: string, signal: Signal): Promise<DnsResolverInboundEndpoint[]>;
  /** The DNS forwarding rulesets of a subscription, without their rules and links. */
  listDnsForwardingRulesets?(subscriptionId: string, signal: Signal): Promise<{ id: ResourceId; name: string }[]>;
  /** One ruleset with its rules and VNet links (two lists: neither is in Resource Graph). */
  readDnsForwardingRuleset?(ruleset: { id: ResourceId; name: string }, signal: Signal): Promise<DnsForwardingRuleset>;
  /** `Registered`, `NotRegistered`, … for a resource provider namespace in a subscription. */
  getProviderRegistrationState(subscriptionId: string, namespace: string, signal: Signal): Promise<string>;
  /** A registry's tasks and agent pools (no SDK covers them: raw ARM reads through the same pipeline). */
  listTasks?(registryId: ResourceId, signal: Signal): Promise<AcrTask[]>;
  listAgentPools?(registryId: ResourceId, signal: Signal): Promise<AgentPool[]>;
  getNetworkSecurityGroup?(networkSecurityGroupId: ResourceId, signal: Signal): Promise<NetworkSecurityGroup>;
  getRouteTable?(routeTableId: ResourceId, signal: Signal): Promise<RouteTable>;
  /** The registry's network rule set with its virtual network rules (undefined: the registry has none). */
  getNetworkRuleSet?(registryId: ResourceId, signal: Signal): Promise<RegistryNetworkRuleSet | undefined>;
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

/**
 * For the classic SDKs' lists, whose pages take an answer without `value` for an empty page: each
 * page's answer must hold a `value` array, or the read fails (see invalidListAnswer).
 */
const listOptions = (signal: Signal): { abortSignal?: AbortSignal; onResponse: (raw: FullOperationResponse) => void } => ({
  ...options(signal),
  onResponse: (raw) => {
    if (raw.status >= 200 && raw.status < 300 && !Array.isArray((raw.parsedBody as { value?: unknown } | undefined)?.value)) throw invalidListAnswer(raw.status, raw.request.url);
  },
});

/** The provider API version the Azure CLI uses for provider reads and registration. */
const RESOURCES_API_VERSION = '2021-04-01';
/** DNS Private Resolver's first stable version: inbound endpoints, rulesets, rules, links. */
export const DNS_RESOLVER_API_VERSION = '2022-07-01';
/** Private DNS 2024-06-01: the first version whose links carry `resolutionPolicy` (the SDK here pins 2020-06-01). */
export const PRIVATE_DNS_LINKS_API_VERSION = '2024-06-01';

/** Tasks and agent pools: the api-version the Azure CLI's `az acr task` and `az acr agentpool` use. */
export const TASKS_API_VERSION = '2019-06-01-preview';

/** The last api-version whose registry answers show the virtual network (service endpoint) rules, as `az acr network-rule` uses. */
export const NETWORK_RULES_API_VERSION = '2021-08-01-preview';

/** A registry's network rule set with its virtual network rules; undefined when the registry has none (not Premium). */
export async function readNetworkRuleSet(clients: ArmClients, registryId: ResourceId, signal: Signal): Promise<RegistryNetworkRuleSet | undefined> {
  const body = (await clients.send('GET', registryId, NETWORK_RULES_API_VERSION, signal)) as
    | { properties?: { networkRuleSet?: { defaultAction?: string; ipRules?: { action?: string; value?: string }[]; virtualNetworkRules?: { action?: string; id?: string }[] } } }
    | undefined;
  const set = body?.properties?.networkRuleSet;
  if (!set) return undefined;
  return {
    defaultAction: set.defaultAction ?? 'Allow',
    ipRules: (set.ipRules ?? []).flatMap((r) => (r.value ? [{ action: r.action ?? 'Allow', value: r.value }] : [])),
    virtualNetworkRules: (set.virtualNetworkRules ?? []).flatMap((r) => (r.id ? [{ action: r.action ?? 'Allow', id: r.id }] : [])),
  };
}

/** Every item of a raw ARM list, following `nextLink`, each with `properties` flattened for the mappers. */
async function listRaw<T>(clients: ArmClients, path: string, apiVersion: string, signal: Signal): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const page = (await clients.send('GET', next, apiVersion, signal)) as { value?: unknown[]; nextLink?: string } | undefined;
    if (!Array.isArray(page?.value)) throw invalidListAnswer(200, next);
    for (const item of page.value) items.push(flattenArmProperties(item) as T);
    next = page?.nextLink ? pathOfNextLink(page.nextLink) : undefined;
  }
  return items;
}

/** A nextLink is a whole URL with its own api-version; `send` adds the api-version again. */
function pathOfNextLink(link: string): string {
  const url = new URL(link, 'https://management.invalid');
  url.searchParams.delete('api-version');
  const query = url.searchParams.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

export function sdkArmReads(clients: ArmClients): ArmReads {
  return {
    listSubscriptions: (request) => readPages(clients.subscriptions().subscriptions.list(listOptions(request.signal)), toSubscription, request, getContinuationToken),

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
      if (!Array.isArray(result.value)) throw invalidListAnswer(200, `${registryId}/listUsages`);
      return result.value.map(toRegistryUsage);
    },

    async getPrivateEndpoint(privateEndpointId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateEndpointId);
      return toPrivateEndpoint(await clients.network(subscriptionId).privateEndpoints.get(resourceGroup, name, options(signal)));
    },

    async listPrivateDnsZoneGroups(privateEndpointId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateEndpointId);
      const items = await readAll(clients.network(subscriptionId).privateDnsZoneGroups.list(name, resourceGroup, listOptions(signal)));
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
      const items = await readAll(clients.privateDns(subscriptionId).privateZones.list(listOptions(signal)));
      return items.map(toPrivateDnsZone);
    },

    async listVirtualNetworkLinks(privateDnsZoneId, signal) {
      // Raw, at 2024-06-01: the SDK's 2020-06-01 models drop `resolutionPolicy`.
      const items = await listRaw<privatedns.VirtualNetworkLink>(clients, `${privateDnsZoneId}/virtualNetworkLinks`, PRIVATE_DNS_LINKS_API_VERSION, signal);
      return items.map(toVirtualNetworkLink);
    },

    async listDnsResolverInboundEndpoints(subscriptionId, signal) {
      const resolvers = await listRaw<{ id?: string }>(clients, `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Network/dnsResolvers`, DNS_RESOLVER_API_VERSION, signal);
      const lists = await Promise.all(
        resolvers.flatMap((r) => (r.id ? [listRaw<RawInboundEndpoint>(clients, `${r.id}/inboundEndpoints`, DNS_RESOLVER_API_VERSION, signal)] : [])),
      );
      return lists.flat().map(toInboundEndpoint);
    },

    async listDnsForwardingRulesets(subscriptionId, signal) {
      const rulesets = await listRaw<RawRuleset>(clients, `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Network/dnsForwardingRulesets`, DNS_RESOLVER_API_VERSION, signal);
      return rulesets.flatMap((r) => (r.id ? [{ id: r.id, name: r.name ?? r.id.split('/').pop()! }] : []));
    },

    async readDnsForwardingRuleset(ruleset, signal) {
      const [links, rules] = await Promise.all([
        listRaw<RawRulesetLink>(clients, `${ruleset.id}/virtualNetworkLinks`, DNS_RESOLVER_API_VERSION, signal),
        listRaw<RawForwardingRule>(clients, `${ruleset.id}/forwardingRules`, DNS_RESOLVER_API_VERSION, signal),
      ]);
      return toForwardingRuleset(ruleset, links, rules);
    },

    async listARecordSets(privateDnsZoneId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(privateDnsZoneId);
      const items = await readAll(clients.privateDns(subscriptionId).recordSets.listByType(resourceGroup, name, 'A', listOptions(signal)));
      return items.map(toARecordSet);
    },

    async getProviderRegistrationState(subscriptionId, namespace, signal) {
      const body = (await clients.send('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${encodeURIComponent(namespace)}`, RESOURCES_API_VERSION, signal)) as
        | { registrationState?: string }
        | undefined;
      return body?.registrationState ?? 'Unknown';
    },

    async listTasks(registryId, signal) {
      const items = await listRaw<Parameters<typeof toAcrTask>[0]>(clients, `${registryId}/tasks`, TASKS_API_VERSION, signal);
      return items.map(toAcrTask);
    },

    async listAgentPools(registryId, signal) {
      const items = await listRaw<Parameters<typeof toAgentPool>[0]>(clients, `${registryId}/agentPools`, TASKS_API_VERSION, signal);
      return items.map(toAgentPool);
    },

    getNetworkRuleSet: (registryId, signal) => readNetworkRuleSet(clients, registryId, signal),

    async getNetworkSecurityGroup(networkSecurityGroupId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(networkSecurityGroupId);
      return toNetworkSecurityGroup(await clients.network(subscriptionId).networkSecurityGroups.get(resourceGroup, name, options(signal)));
    },

    async getRouteTable(routeTableId, signal) {
      const { subscriptionId, resourceGroup, name } = groupAndName(routeTableId);
      return toRouteTable(await clients.network(subscriptionId).routeTables.get(resourceGroup, name, options(signal)));
    },

    readGraphInventory: (subscriptionIds, signal, schedule) => readGraphInventory(clients, subscriptionIds, signal, schedule),
  };
}
