// The inventory loader: the tree reads it level by level (subscriptions, a subscription's registries,
// one registry's details) and the CLI, the status panel and the benchmark read a whole snapshot.
// Every read goes through one cache (de-duplicating reads in flight and keeping results briefly) and
// one concurrency cap. Reads that depend on nothing wait for nothing: a registry's zones are listed
// while its endpoints are read, because the endpoints' subscriptions are in the connection ids.
// A read that fails becomes a LoadError next to what did load.
import * as l10n from '@vscode/l10n';
import { sameId, subscriptionOf } from '../model/armId';
import { routeTableApplies, securityGroupApplies } from '../model/networkPolicies';
import { all, allOf, isPromise, then, type Maybe } from './maybe';
import {
  emptySnapshot,
  type AcrTask,
  type AgentPool,
  type NetworkSecurityGroup,
  type RouteTable,
  type RegistryNetworkRuleSet,
  readWhat,
  type ARecordSet,
  type DnsForwardingRuleset,
  type DnsResolverInboundEndpoint,
  type LoadError,
  type ReadKind,
  type NetworkInterface,
  type PrivateDnsZone,
  type PrivateDnsZoneGroup,
  type PrivateEndpoint,
  type PrivateEndpointConnection,
  type Registry,
  type RegistryUsage,
  type Replication,
  type ResourceId,
  type Snapshot,
  type Subscription,
  type VirtualNetwork,
  type VirtualNetworkLink,
} from '../model/types';
import type { ArmReads } from './armReads';
import { ArmLoadError, httpStatusOf, isAbortError, toLoadError } from './errors';
import { InventoryIndex } from './graphInventory';
import { isRegistryZone, namesRegistry, registryRecordsIn, zoneGroupsMatter } from './registryScope';
import { ConcurrencyLimiter } from './limiter';
import { runOperation } from './operation';
import type { Page, PageRequest } from './paging';
import { RequestCache, type CacheScope } from './requestCache';

export interface RegistryDetails {
  replications: Replication[];
  privateEndpointConnections: PrivateEndpointConnection[];
  privateEndpoints: PrivateEndpoint[];
  networkInterfaces: NetworkInterface[];
  privateDnsZones: PrivateDnsZone[];
  virtualNetworkLinks: VirtualNetworkLink[];
  aRecordSets: ARecordSet[];
  privateDnsZoneGroups: PrivateDnsZoneGroup[];
  usages: RegistryUsage[];
  virtualNetworks: VirtualNetwork[];
  /** Inbound endpoints of DNS private resolvers; absent when no VNet needed them (none uses DNS servers of its own, none is linked to a ruleset). */
  dnsResolverInboundEndpoints?: DnsResolverInboundEndpoint[];
  /** DNS forwarding rulesets (with rules and links) of the subscriptions the registry's VNets are in. */
  dnsForwardingRulesets?: DnsForwardingRuleset[];
  /** Read only for a registry with public network access disabled (see `readsTasks`); undefined: not read, or the read failed. */
  tasks?: AcrTask[];
  agentPools?: AgentPool[];
  /** Read only where the rules can matter (see `readsNetworkRules`); undefined: not read, or the read failed. */
  networkRuleSet?: RegistryNetworkRuleSet;
  /** The groups of endpoint subnets with network policies on (see `endpointSecurityGroupIds`); absent: none read. */
  networkSecurityGroups?: NetworkSecurityGroup[];
  /** The route tables of endpoint subnets whose network policies let user-defined routes apply (see `endpointRouteTableIds`); absent: none read. */
  routeTables?: RouteTable[];
  errors: LoadError[];
  /** What a lean load left unread because it could not change the tree's verdict (see `lean`). */
  skipped?: ('privateDnsZoneGroups' | 'usages')[];
}

export interface RegistryDetailsOptions extends LoadOptions {
  /**
   * For the tree: read the endpoints' zone groups only when they can change a finding (an endpoint's
   * VNet without a link to a `privatelink.` zone, a wrongly named zone, a zone that failed to load),
   * and the usages only when the registry has enough connections to near a limit. The status panel
   * and the CLI complete such details with `completeRegistryDetails`.
   */
  lean?: boolean;
}

/**
 * No registry tier takes fewer than 200 private endpoint connections (Premium's limit; Basic and
 * Standard take none), and the limit finding starts at 80 % of it: below this many connections the
 * usages cannot change the tree's verdict.
 */
export const CONNECTIONS_WORTH_A_USAGE_READ = 100;

export interface InventoryLoaderOptions {
  /** Reads running at once; default 8. */
  concurrency?: number;
  /** How long a read is reused; default 30 s. 0 keeps only the de-duplication of reads in flight. */
  cacheTtlMs?: number;
  now?: () => number;
  /**
   * Read the inventory's breadth (registries, replicas, endpoints, NICs, VNets, zones, links) with
   * Azure Resource Graph when the reads offer it; default false (plain ARM reads).
   */
  resourceGraph?: boolean;
  /**
   * How long a subscription is read from ARM only after something in it was written or refreshed:
   * Resource Graph can lag ARM by that much. Default 5 minutes.
   */
  resourceGraphLagMs?: number;
  /** Told when Resource Graph fails and the loader falls back to ARM reads. */
  onResourceGraphError?: (error: LoadError) => void;
  /**
   * The overall deadline of each operation (a tree level, a registry's details, a snapshot, a search);
   * default none. Requests still in flight at the deadline fail with `OperationTimedOut`.
   */
  operationTimeoutMs?: number;
  /**
   * With `resourceGraph`, also take each subscription's registry list and the zones' A record sets
   * from it (default true); false reads those from ARM, one list per subscription and per zone, as the
   * loader did before (the benchmark compares both).
   */
  resourceGraphRecords?: boolean;
}

/** Where the inventory's breadth came from on the last load. */
export interface InventorySource {
  source: 'resourceGraph' | 'arm';
  /** Why Resource Graph was not used, when it was asked for and failed. */
  resourceGraphError?: LoadError;
}

export interface LoadOptions {
  signal?: AbortSignal;
}

export interface SnapshotOptions extends LoadOptions {
  /** Read `Microsoft.ContainerRegistry` registration per subscription (one request each); default true. */
  providerRegistration?: boolean;
}

const REGISTRY_PROVIDER = 'Microsoft.ContainerRegistry';
/** A cache scope no write matches: the Resource Graph index is dropped only by a refresh of everything. */
const GRAPH_SCOPE = 'resource-graph:';
const REGISTRY_TYPE = 'microsoft.containerregistry/registries';
const ZONE_TYPE = 'microsoft.network/privatednszones';

const lower = (s: string): string => s.toLowerCase();

export { isRegistryRecord, isRegistryZone, zoneGroupsMatter } from './registryScope';

/** Below this many items, ids are compared one by one (`sameId`, which copies nothing) instead of lower-cased into a set. */
const FEW = 16;

/** The first of each id (ids compared as Azure does, ignoring case). */
function uniqueBy<T>(items: Iterable<T>, idOf: (item: T) => string): T[] {
  const out: T[] = [];
  if (Array.isArray(items) && items.length <= FEW) {
    next: for (const item of items as T[]) {
      for (const kept of out) if (sameId(idOf(kept), idOf(item))) continue next;
      out.push(item);
    }
    return out;
  }
  const seen = new Set<string>();
  for (const item of items) {
    const key = lower(idOf(item));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

const uniqueById = <T extends { id: string }>(items: Iterable<T>): T[] => uniqueBy(items, (item) => item.id);
const uniqueIds = (ids: Iterable<string>): string[] => uniqueBy(ids, (id) => id);

/** One endpoint with its NICs and VNet, as `loadEndpoint` reads them. */
interface EndpointParts {
  endpoint?: PrivateEndpoint;
  networkInterfaces: NetworkInterface[];
  virtualNetwork?: VirtualNetwork;
}

/** What of the endpoints' parts names their subnets' security groups and route tables. */
type EndpointSubnetParts = Pick<EndpointParts, 'endpoint' | 'virtualNetwork'>[];

/** A zone with its links and A record sets. */
interface ZoneParts {
  zone: PrivateDnsZone;
  links: VirtualNetworkLink[];
  records: ARecordSet[];
}

/** The DNS side of a registry's VNets (see `loadNetworkDns`). */
interface NetworkDns {
  peeredVirtualNetworks: VirtualNetwork[];
  inboundEndpoints?: DnsResolverInboundEndpoint[];
  rulesets?: DnsForwardingRuleset[];
  zoneSubscriptions: string[];
}

export class InventoryLoader {
  private readonly cache: RequestCache;
  private readonly limiter: ConcurrencyLimiter;
  private reads = 0;
  private readonly now: () => number;
  private readonly useGraph: boolean;
  private readonly graphRecords: boolean;
  private readonly graphLagMs: number;
  /** Subscription (lower-case) → when something in it was last written or refreshed. */
  private readonly touched = new Map<string, number>();
  private graphFailedAt: number | undefined;
  private lastSource: InventorySource = { source: 'arm' };
  private readonly onGraphError: ((error: LoadError) => void) | undefined;
  private readonly operationTimeoutMs: number | undefined;
  private readonly graphKeys = new WeakMap<Subscription[], { ids: string[]; key: string }>();

  constructor(
    private readonly arm: ArmReads,
    options: InventoryLoaderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    // Access denied and not found are answers, kept like any other; throttling and outages are not.
    this.cache = new RequestCache(options.cacheTtlMs ?? 30_000, this.now, (e) => !isAbortError(e) && [403, 404].includes(httpStatusOf(e) ?? 0));
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 8);
    this.useGraph = (options.resourceGraph ?? false) && typeof arm.readGraphInventory === 'function';
    this.graphLagMs = options.resourceGraphLagMs ?? 5 * 60_000;
    this.graphRecords = options.resourceGraphRecords ?? true;
    this.onGraphError = options.onResourceGraphError;
    this.operationTimeoutMs = options.operationTimeoutMs;
  }

  /** Runs one operation within the loader's deadline (see operation.ts). */
  private operation<T>(what: string | (() => string), signal: AbortSignal | undefined, task: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    return runOperation(what, this.operationTimeoutMs, signal, task);
  }

  /**
   * Whether Resource Graph may answer for this subscription now: it is used, has not failed lately, and
   * nothing in the subscription was written or refreshed within its lag.
   */
  resourceGraphCurrent(subscriptionId: string): boolean {
    if (!this.useGraph) return false;
    if (this.graphFailedAt !== undefined && this.now() - this.graphFailedAt < this.graphLagMs) return false;
    const touchedAt = this.touched.get(lower(subscriptionId));
    return touchedAt === undefined || this.now() - touchedAt >= this.graphLagMs;
  }

  /** Where the last load found the inventory's breadth, and why not in Resource Graph if it failed. */
  inventorySource(): InventorySource {
    return this.lastSource;
  }

  /** ARM reads started (cache misses); each may be several HTTP requests when a list has pages. */
  readCount(): number {
    return this.reads;
  }

  /** Forget cached reads that a write to `resourceId` may have made stale; without an id, all of them. */
  invalidate(resourceId?: string): void {
    this.cache.invalidate(resourceId);
    // Resource Graph may not show this change for a while: that subscription is read from ARM meanwhile.
    const subscription = resourceId ? /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1] : undefined;
    if (subscription) this.touched.set(lower(subscription), this.now());
  }

  // ---- level by level, for the tree ----

  async listSubscriptions(options: LoadOptions = {}): Promise<Subscription[]> {
    return (await this.listSubscriptionsPage(options)).items;
  }

  listSubscriptionsPage(request: PageRequest = {}): Promise<Page<Subscription>> {
    return this.guarded('/subscriptions', 'subscriptions', () =>
      this.operation(() => l10n.t('listing subscriptions'), request.signal, (outer) =>
        this.read(`subscriptions|${pageKey(request)}`, { scope: '/subscriptions', resourceType: 'subscriptions' }, (signal) => this.arm.listSubscriptions({ ...request, signal }), outer),
      ),
    );
  }

  async listRegistries(subscriptionId: string, options: LoadOptions = {}): Promise<Registry[]> {
    return (await this.listRegistriesPage(subscriptionId, options)).items;
  }

  listRegistriesPage(subscriptionId: string, request: PageRequest = {}): Promise<Page<Registry>> {
    const scope = `/subscriptions/${subscriptionId}`;
    return this.guarded(scope, 'registries', () =>
      this.operation(() => l10n.t('listing the registries of subscription {0}', subscriptionId), request.signal, (outer) =>
        this.listRegistriesPageNow(subscriptionId, { ...request, ...(outer ? { signal: outer } : {}) }),
      ),
    );
  }

  /** From the Resource Graph index when it may answer for the subscription, else from ARM. */
  private async listRegistriesPageNow(subscriptionId: string, request: PageRequest): Promise<Page<Registry>> {
    // The registries' details will need the index: its queries run while the registries are listed.
    const index = this.graphIndex(request.signal).catch(() => undefined);
    const graphOffset = graphPageOffset(request.continuationToken);
    if (this.graphRecords && this.resourceGraphCurrent(subscriptionId)) {
      const graph = await index;
      if (graph && this.graphCurrent(graph, subscriptionId)) return { ...graphPage(graph.registriesIn(subscriptionId), graphOffset ?? 0, request.maxItems), fromResourceGraph: true };
    }
    if (graphOffset !== undefined) {
      // "Load more…" after a page the graph answered, and the graph cannot answer now: ARM from the start.
      const all = await this.listRegistriesPageNow(subscriptionId, { ...(request.signal ? { signal: request.signal } : {}) });
      return graphPage(all.items, graphOffset, request.maxItems);
    }
    const scope = `/subscriptions/${subscriptionId}`;
    return this.read(`registries|${lower(subscriptionId)}|${pageKey(request)}`, { scope, resourceType: REGISTRY_TYPE }, (signal) => this.arm.listRegistries(subscriptionId, { ...request, signal }), request.signal);
  }

  getRegistry(registryId: ResourceId, options: LoadOptions = {}): Promise<Registry> {
    return this.guarded(registryId, 'registry', () =>
      this.operation(() => l10n.t('reading registry {0}', registryId), options.signal, (outer) => this.read(`registry|${lower(registryId)}`, { scope: registryId }, (s) => this.arm.getRegistry(registryId, s), outer)),
    );
  }

  /** Registries with this name (registry names are unique in a cloud), searched in the given subscriptions or all. */
  async findRegistries(
    name: string,
    options: LoadOptions & { subscriptionIds?: string[]; resourceGroup?: string } = {},
  ): Promise<{ subscriptions: Subscription[]; registries: Registry[]; errors: LoadError[] }> {
    return this.operation(l10n.t('looking for registry {0}', name), options.signal, (signal) => this.findRegistriesNow(name, { ...options, ...(signal ? { signal } : {}) }));
  }

  private async findRegistriesNow(
    name: string,
    options: LoadOptions & { subscriptionIds?: string[]; resourceGroup?: string },
  ): Promise<{ subscriptions: Subscription[]; registries: Registry[]; errors: LoadError[] }> {
    const subscriptions = await this.selectedSubscriptions(options.subscriptionIds, options.signal);
    const errors: LoadError[] = [];
    const lists = await Promise.all(subscriptions.map((s) => this.collect(errors, `/subscriptions/${s.subscriptionId}`, 'registries', [], () => this.listRegistries(s.subscriptionId, options))));
    const registries = lists
      .flat()
      .filter((r) => namesRegistry(r, name) && (options.resourceGroup === undefined || lower(r.resourceGroup) === lower(options.resourceGroup)));
    return { subscriptions, registries, errors };
  }

  /**
   * Everything about one registry that its tree node, its check and its fixes need. Reads that fail
   * (or are cut by the deadline) become errors beside what was read; only a load that cannot end at
   * all within its deadline throws (an ArmLoadError with `OperationTimedOut`).
   */
  loadRegistryDetails(registry: Registry, options: RegistryDetailsOptions = {}): Promise<RegistryDetails> {
    return this.guarded(registry.id, 'registryDetails', () =>
      this.operation(() => l10n.t('loading the details of registry {0}', registry.name), options.signal, (signal) => this.loadRegistryDetailsNow(registry, { ...options, ...(signal ? { signal } : {}) })),
    );
  }

  private async loadRegistryDetailsNow(registry: Registry, options: RegistryDetailsOptions): Promise<RegistryDetails> {
    const signal = options.signal;
    const errors: LoadError[] = [];
    const connections = registry.privateEndpointConnections;
    // The index is waited for only when it may answer: not for a registry refreshed or written a moment ago.
    const subscriptions = [registry.subscriptionId, ...connections.flatMap((c) => (c.privateEndpointId ? [subscriptionOf(c.privateEndpointId)] : []))];
    const graph = subscriptions.some((s) => this.resourceGraphCurrent(s)) ? await this.graphIndex(signal) : undefined;
    const indexFor = (id: string): InventoryIndex | undefined => (graph && this.graphCurrent(graph, subscriptionOf(id)) ? graph : undefined);
    // Only Premium registries have replicas; asking a Basic one is an error in Azure.
    const indexed = indexFor(registry.id);
    const replications: Maybe<Replication[]> =
      lower(registry.sku) !== 'premium'
        ? []
        : indexed
          ? indexed.replicationsOf(registry.id)
          : this.collect(errors, registry.id, 'replications', [], () => this.listReplications(registry.id, signal));
    const readUsages = !options.lean || connections.length >= CONNECTIONS_WORTH_A_USAGE_READ;
    const usages: Maybe<RegistryUsage[]> = readUsages ? this.readUsages(registry, errors, signal) : [];

    const endpointIds = uniqueIds(connections.flatMap((c) => (c.privateEndpointId ? [c.privateEndpointId] : [])));
    const endpoints = all(endpointIds.map((id) => this.loadEndpoint(id, errors, signal, indexFor)));
    const zoneGroups = options.lean ? undefined : Promise.all(endpointIds.map((id) => this.readZoneGroups(id, errors, signal)));

    // Zones live where the endpoints are (and commonly beside the registry); the subscriptions are in the ids.
    const zoneSubscriptions = uniqueIds([registry.subscriptionId, ...endpointIds.map(subscriptionOf)]);
    const zones = all(zoneSubscriptions.map((s) => this.loadZones(s, (z) => isRegistryZone(z.name, registry), errors, signal, indexFor(`/subscriptions/${s}`))));

    // What the endpoints' VNets (and the VNets peered to them) really resolve: their DNS servers,
    // the forwarding rulesets linked to them, the resolvers those point at.
    const networkDns = then(endpoints, (parts) =>
      this.loadNetworkDns(
        registry,
        parts.flatMap((p) => (p.virtualNetwork ? [p.virtualNetwork] : [])),
        [registry.subscriptionId, ...endpointIds.map(subscriptionOf)],
        errors,
        signal,
        indexFor,
        graph,
      ),
    );

    const taskReads = this.readTasks(registry, errors, signal);
    const ruleRead = this.readNetworkRules(registry, errors, signal);

    // The endpoints' subnets are known once their VNets are read: then their security groups, where they apply.
    const securityGroups = then(endpoints, (parts) => this.readSecurityGroups(parts, errors, signal));
    const routeTableReads = then(endpoints, (parts) => this.readRouteTables(parts, errors, signal));
    // What the index answered is at hand; only what ARM is asked for is waited for.
    const parts = allOf([replications, usages, endpoints, zones, networkDns, taskReads, ruleRead, securityGroups, routeTableReads] as const);
    const [replicationList, usageList, endpointParts, zoneParts, dns, taskParts, networkRuleSet, networkSecurityGroups, routeTables] = isPromise(parts) ? await parts : parts;
    // A resolver's or a peered VNet's zone may live in a subscription the registry's zones were not listed in.
    const moreZoneSubscriptions = uniqueIds(dns.zoneSubscriptions).filter((s) => !zoneSubscriptions.some((z) => sameId(z, s)));
    const moreZoneParts = all(moreZoneSubscriptions.map((s) => this.loadZones(s, (z) => isRegistryZone(z.name, registry), errors, signal, indexFor(`/subscriptions/${s}`))));
    const moreZones = (isPromise(moreZoneParts) ? await moreZoneParts : moreZoneParts).flat();
    const zoneList = [...zoneParts.flat(), ...moreZones];
    const privateEndpoints = endpointParts.flatMap((p) => (p.endpoint ? [p.endpoint] : []));
    const privateDnsZones = uniqueById(zoneList.map((z) => z.zone));
    const virtualNetworkLinks = uniqueById(zoneList.flatMap((z) => z.links));
    const groupsMatter = !options.lean || zoneGroupsMatter(registry, privateEndpoints, privateDnsZones, virtualNetworkLinks, errors);
    const groups = zoneGroups ?? (groupsMatter ? await Promise.all(endpointIds.map((id) => this.readZoneGroups(id, errors, signal))) : []);
    const skipped = [...(groupsMatter ? [] : (['privateDnsZoneGroups'] as const)), ...(readUsages ? [] : (['usages'] as const))];
    return {
      replications: replicationList,
      privateEndpointConnections: connections,
      privateEndpoints,
      networkInterfaces: uniqueById(endpointParts.flatMap((p) => p.networkInterfaces)),
      virtualNetworks: uniqueById([...endpointParts.flatMap((p) => (p.virtualNetwork ? [p.virtualNetwork] : [])), ...dns.peeredVirtualNetworks]),
      ...(dns.inboundEndpoints ? { dnsResolverInboundEndpoints: dns.inboundEndpoints } : {}),
      ...(dns.rulesets ? { dnsForwardingRulesets: dns.rulesets } : {}),
      privateDnsZoneGroups: (isPromise(groups) ? await groups : groups).flat(),
      privateDnsZones,
      virtualNetworkLinks,
      aRecordSets: uniqueById(zoneList.flatMap((z) => registryRecordsIn(z.records, registry))),
      usages: usageList,
      ...taskParts,
      ...(networkRuleSet ? { networkRuleSet } : {}),
      ...(networkSecurityGroups.length > 0 ? { networkSecurityGroups } : {}),
      ...(routeTables.length > 0 ? { routeTables } : {}),
      errors,
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  }

  /**
   * The DNS side of the registry's VNets: the VNets peered to the endpoints' VNets (their DNS servers
   * decide what they resolve), the forwarding rulesets (with rules and links) of the subscriptions
   * involved, and, when a VNet has DNS servers of its own or a ruleset is linked to one, the DNS
   * private resolvers' inbound endpoints. From the Resource Graph index where it answers (rules and
   * ruleset links are not in it: one ARM list each per ruleset, and only when rulesets exist).
   */
  private loadNetworkDns(
    registry: Registry,
    endpointVnets: VirtualNetwork[],
    subscriptionIds: string[],
    errors: LoadError[],
    signal: AbortSignal | undefined,
    indexFor: (id: ResourceId) => InventoryIndex | undefined,
    graph: InventoryIndex | undefined,
  ): Maybe<NetworkDns> {
    const endpointVnetIds = new Set(endpointVnets.map((v) => lower(v.id)));
    const peeredIds = uniqueById(
      endpointVnets.flatMap((v) => (v.virtualNetworkPeerings ?? []).filter((p) => lower(p.peeringState ?? '') !== 'disconnected').map((p) => ({ id: p.remoteVirtualNetworkId }))),
    )
      .map((p) => p.id)
      .filter((id) => !endpointVnetIds.has(lower(id)));
    const peeredRead = all(peeredIds.map((id) => indexFor(id)?.virtualNetwork(id) ?? this.collect(errors, id, 'virtualNetwork', undefined, () => this.readVirtualNetwork(id, signal))));
    return then(peeredRead, (found) => {
      const peered = found.flatMap((v) => (v ? [v] : []));
      const vnets = [...endpointVnets, ...peered];
      const subscriptions = uniqueIds([...subscriptionIds, ...vnets.map((v) => v.subscriptionId)].map(lower));
      const fromGraph = graph !== undefined && subscriptions.every((s) => this.graphCurrent(graph, s));
      return then(this.loadRulesets(subscriptions, fromGraph ? graph : undefined, errors, signal), (rulesets) => {
        const vnetIds = new Set(vnets.map((v) => lower(v.id)));
        const linked = (rulesets ?? []).filter((r) => r.virtualNetworkIds.some((v) => vnetIds.has(lower(v))));
        const ownServers = vnets.some((v) => (v.dnsServers ?? []).some((ip) => ip.trim() !== '' && ip.trim() !== '168.63.129.16'));
        const inbound: Maybe<DnsResolverInboundEndpoint[] | undefined> =
          ownServers || linked.length > 0
            ? fromGraph
              ? graph.dnsResolverInboundEndpoints()
              : Promise.all(
                  subscriptions.map((s) =>
                    this.collect(errors, `/subscriptions/${s}`, 'dnsResolvers', [], () =>
                      this.arm.listDnsResolverInboundEndpoints
                        ? this.read(`inboundEndpoints|${s}`, { scope: `/subscriptions/${s}`, resourceType: 'microsoft.network/dnsresolvers' }, (sig) => this.arm.listDnsResolverInboundEndpoints!(s, sig), signal)
                        : Promise.resolve([]),
                    ),
                  ),
                ).then((lists) => lists.flat())
            : undefined;
        return then(inbound, (inboundEndpoints) => ({
          peeredVirtualNetworks: peered,
          ...(inboundEndpoints ? { inboundEndpoints: uniqueById(inboundEndpoints) } : {}),
          ...(rulesets ? { rulesets } : {}),
          // The zones the resolvers' VNets and the peered VNets are linked to may be in their own subscriptions.
          zoneSubscriptions: [...peered.map((v) => v.subscriptionId), ...(inboundEndpoints ?? []).map((e) => subscriptionOf(e.virtualNetworkId))],
        }));
      });
    });
  }

  /** The rulesets of these subscriptions with their rules and links; undefined when the reads do not offer them. */
  private loadRulesets(subscriptions: string[], graph: InventoryIndex | undefined, errors: LoadError[], signal: AbortSignal | undefined): Maybe<DnsForwardingRuleset[] | undefined> {
    const arm = this.arm;
    if (!arm.listDnsForwardingRulesets || !arm.readDnsForwardingRuleset) return undefined;
    const listed: Maybe<{ id: ResourceId; name: string }[]> = graph
      ? graph.dnsForwardingRulesets()
      : Promise.all(
          subscriptions.map((s) =>
            this.collect(errors, `/subscriptions/${s}`, 'dnsForwardingRulesets', [], () =>
              this.read(`rulesets|${s}`, { scope: `/subscriptions/${s}`, resourceType: 'microsoft.network/dnsforwardingrulesets' }, (sig) => arm.listDnsForwardingRulesets!(s, sig), signal),
            ),
          ),
        ).then((lists) => lists.flat());
    return then(listed, (rulesets) =>
      then(
        all(
          uniqueById(rulesets).map((r) =>
            this.collect(errors, r.id, 'dnsForwardingRulesets', undefined, () => this.read(`ruleset|${lower(r.id)}`, { scope: r.id }, (sig) => arm.readDnsForwardingRuleset!(r, sig), signal)),
          ),
        ),
        (read) => read.flatMap((r) => (r ? [r] : [])),
      ),
    );
  }

  /** The security groups of the endpoints' subnets whose network policies let them apply to private endpoints. */
  private readSecurityGroups(parts: EndpointSubnetParts, errors: LoadError[], signal: AbortSignal | undefined): Maybe<NetworkSecurityGroup[]> {
    return this.readSubnetAttachments(parts, endpointSecurityGroupIds, 'networkSecurityGroup', 'nsg', this.arm.getNetworkSecurityGroup?.bind(this.arm), errors, signal);
  }

  /** The route tables of the endpoints' subnets whose network policies let user-defined routes apply to private endpoints. */
  private readRouteTables(parts: EndpointSubnetParts, errors: LoadError[], signal: AbortSignal | undefined): Maybe<RouteTable[]> {
    return this.readSubnetAttachments(parts, endpointRouteTableIds, 'routeTable', 'routeTable', this.arm.getRouteTable?.bind(this.arm), errors, signal);
  }

  /** What the endpoints' subnets name (`idsOf`), each read once from ARM; one that could not be read is an error, not an absence. */
  private readSubnetAttachments<T>(
    parts: EndpointSubnetParts,
    idsOf: (endpoint: PrivateEndpoint | undefined, virtualNetwork: VirtualNetwork | undefined) => string[],
    what: ReadKind,
    keyPrefix: string,
    read: ((id: string, signal: AbortSignal) => Promise<T>) | undefined,
    errors: LoadError[],
    signal: AbortSignal | undefined,
  ): Maybe<T[]> {
    if (!read) return [];
    const ids = uniqueIds(parts.flatMap((p) => idsOf(p.endpoint, p.virtualNetwork)));
    if (ids.length === 0) return [];
    return Promise.all(ids.map((id) => this.collect(errors, id, what, undefined, () => this.read(`${keyPrefix}|${lower(id)}`, { scope: id }, (s) => read(id, s), signal)))).then((found) =>
      found.flatMap((x) => (x ? [x] : [])),
    );
  }

  /** The registry's network rule set with its service-endpoint rules, where they can matter (see `readsNetworkRules`). */
  private readNetworkRules(registry: Registry, errors: LoadError[], signal: AbortSignal | undefined): Maybe<RegistryNetworkRuleSet | undefined> {
    const read = this.arm.getNetworkRuleSet?.bind(this.arm);
    if (!read || !readsNetworkRules(registry)) return undefined;
    return this.collect(errors, registry.id, 'networkRules', undefined, () => this.read(`networkRules|${lower(registry.id)}`, { scope: registry.id }, (s) => read(registry.id, s), signal));
  }

  /**
   * A registry's tasks and agent pools, when they can matter: with public network access disabled, a
   * task runs only on an agent pool in a virtual network. A list that fails is left undefined (unknown,
   * never "no tasks"), its error beside the rest.
   */
  private readTasks(registry: Registry, errors: LoadError[], signal: AbortSignal | undefined): Maybe<{ tasks?: AcrTask[]; agentPools?: AgentPool[] }> {
    const listTasks = this.arm.listTasks?.bind(this.arm);
    const listAgentPools = this.arm.listAgentPools?.bind(this.arm);
    if (!readsTasks(registry) || !listTasks || !listAgentPools) return {};
    return this.readTaskLists(registry, listTasks, listAgentPools, errors, signal);
  }

  private async readTaskLists(
    registry: Registry,
    listTasks: NonNullable<ArmReads['listTasks']>,
    listAgentPools: NonNullable<ArmReads['listAgentPools']>,
    errors: LoadError[],
    signal: AbortSignal | undefined,
  ): Promise<{ tasks?: AcrTask[]; agentPools?: AgentPool[] }> {
    const [tasks, agentPools] = await Promise.all([
      this.collect(errors, registry.id, 'tasks', undefined, () => this.read(`tasks|${lower(registry.id)}`, { scope: `${registry.id}/tasks` }, (s) => listTasks(registry.id, s), signal)),
      this.collect(errors, registry.id, 'agentPools', undefined, () =>
        this.read(`agentPools|${lower(registry.id)}`, { scope: `${registry.id}/agentPools` }, (s) => listAgentPools(registry.id, s), signal),
      ),
    ]);
    return { ...(tasks ? { tasks } : {}), ...(agentPools ? { agentPools } : {}) };
  }

  /** Details of a lean load with what it skipped read now (the same reads a full load makes, cached alike). */
  async completeRegistryDetails(registry: Registry, details: RegistryDetails, options: LoadOptions = {}): Promise<RegistryDetails> {
    if ((details.skipped ?? []).length === 0) return details;
    return this.guarded(registry.id, 'registryDetails', () =>
      this.operation(() => l10n.t('completing the details of registry {0}', registry.name), options.signal, (signal) => this.completeRegistryDetailsNow(registry, details, signal ? { signal } : {})),
    );
  }

  private async completeRegistryDetailsNow(registry: Registry, details: RegistryDetails, options: LoadOptions): Promise<RegistryDetails> {
    const skipped = details.skipped ?? [];
    const errors = [...details.errors];
    // The same endpoints a full load reads zone groups for: those the connections name.
    const endpointIds = uniqueById(details.privateEndpointConnections.flatMap((c) => (c.privateEndpointId ? [{ id: c.privateEndpointId }] : []))).map((e) => e.id);
    const [usages, groups] = await Promise.all([
      skipped.includes('usages') ? this.readUsages(registry, errors, options.signal) : Promise.resolve(details.usages),
      skipped.includes('privateDnsZoneGroups') ? Promise.all(endpointIds.map((id) => this.readZoneGroups(id, errors, options.signal))) : Promise.resolve([details.privateDnsZoneGroups]),
    ]);
    const { skipped: _done, ...rest } = details;
    return { ...rest, usages, privateDnsZoneGroups: groups.flat(), errors };
  }

  /**
   * Starts, without waiting, every ARM read that loading this registry's details read last time
   * (`previous`): reading the registry again and its details then takes one round instead of three
   * (registry → endpoints and zone lists → NICs, VNets, links, records), since each read joins the
   * one already in flight. A read that turns out not to be needed (an endpoint that went away) costs
   * one request; what is new is read when it is found.
   */
  prefetchRegistryDetails(registry: Registry, previous: RegistryDetails, options: { lean?: boolean } = {}): void {
    const ignore = (p: Promise<unknown>): void => void p.catch(() => undefined);
    // What Resource Graph answers for a subscription now is not read from ARM at all.
    const fromArm = (id: string): boolean => !this.resourceGraphCurrent(subscriptionOf(id));
    ignore(this.getRegistry(registry.id));
    if (lower(registry.sku) === 'premium' && fromArm(registry.id)) ignore(this.listReplications(registry.id, undefined));
    // A lean load may skip these again; a full one reads them whatever the last load did.
    const skips = (what: 'usages' | 'privateDnsZoneGroups'): boolean => options.lean === true && (previous.skipped?.includes(what) ?? false);
    if (!skips('usages')) ignore(this.listRegistryUsages(registry.id, undefined));
    if (readsTasks(registry)) ignore(Promise.resolve(this.readTasks(registry, [], undefined)));
    if (readsNetworkRules(registry)) ignore(Promise.resolve(this.readNetworkRules(registry, [], undefined)));
    const readGroup = this.arm.getNetworkSecurityGroup?.bind(this.arm);
    if (readGroup) for (const g of previous.networkSecurityGroups ?? []) ignore(this.read(`nsg|${lower(g.id)}`, { scope: g.id }, (s) => readGroup(g.id, s), undefined));
    const readRouteTable = this.arm.getRouteTable?.bind(this.arm);
    if (readRouteTable) for (const t of previous.routeTables ?? []) ignore(this.read(`routeTable|${lower(t.id)}`, { scope: t.id }, (s) => readRouteTable(t.id, s), undefined));
    for (const e of previous.privateEndpoints) {
      if (!skips('privateDnsZoneGroups')) ignore(this.readZoneGroupsOf(e.id, undefined));
      if (!fromArm(e.id)) continue;
      ignore(this.readEndpoint(e.id, undefined));
      for (const id of e.networkInterfaceIds) if (fromArm(id)) ignore(this.readNetworkInterface(id, undefined));
      if (e.virtualNetworkId && fromArm(e.virtualNetworkId)) ignore(this.readVirtualNetwork(e.virtualNetworkId, undefined));
    }
    const zoneSubscriptions = new Set([registry.subscriptionId, ...previous.privateEndpoints.map((e) => e.subscriptionId)].map(lower));
    for (const subscriptionId of zoneSubscriptions) if (fromArm(`/subscriptions/${subscriptionId}`)) ignore(this.readZones(subscriptionId, undefined));
    for (const zone of previous.privateDnsZones) {
      if (fromArm(zone.id)) ignore(this.readLinks(zone.id, undefined));
      if (fromArm(zone.id) || !this.graphRecords) ignore(this.readRecords(zone.id, undefined));
    }
  }

  private readUsages(registry: Registry, errors: LoadError[], signal: AbortSignal | undefined): Promise<RegistryUsage[]> {
    return this.collect(errors, registry.id, 'usages', [], () => this.listRegistryUsages(registry.id, signal));
  }

  /** Zone groups are not in Resource Graph: always an ARM read per endpoint. */
  private readZoneGroups(privateEndpointId: ResourceId, errors: LoadError[], signal: AbortSignal | undefined): Promise<PrivateDnsZoneGroup[]> {
    return this.collect(errors, privateEndpointId, 'privateDnsZoneGroups', [], () => this.readZoneGroupsOf(privateEndpointId, signal));
  }

  private readZoneGroupsOf(privateEndpointId: ResourceId, signal: AbortSignal | undefined): Promise<PrivateDnsZoneGroup[]> {
    return this.read(`zoneGroups|${lower(privateEndpointId)}`, { scope: `${privateEndpointId}/privateDnsZoneGroups` }, (s) => this.arm.listPrivateDnsZoneGroups(privateEndpointId, s), signal);
  }

  // ---- everything at once, for the CLI, the status panel and the benchmark ----

  loadSnapshot(subscriptionIds?: string[], options: SnapshotOptions = {}): Promise<Snapshot> {
    return this.operation(l10n.t('loading the inventory'), options.signal, (signal) => this.loadSnapshotNow(subscriptionIds, { ...options, ...(signal ? { signal } : {}) }));
  }

  private async loadSnapshotNow(subscriptionIds: string[] | undefined, options: SnapshotOptions): Promise<Snapshot> {
    const signal = options.signal;
    const snapshot = emptySnapshot();
    const subscriptions = await this.selectedSubscriptions(subscriptionIds, signal, snapshot.errors);
    snapshot.subscriptions = subscriptions;
    void this.graphIndex(signal).catch(() => undefined);
    const perSubscription = await Promise.all(
      subscriptions.map(async (s) => {
        const scope = `/subscriptions/${s.subscriptionId}`;
        const [registries, registration] = await Promise.all([
          this.collect(snapshot.errors, scope, 'registries', [], () => this.listRegistries(s.subscriptionId, { ...(signal ? { signal } : {}) })),
          options.providerRegistration === false
            ? Promise.resolve(undefined)
            : this.readRegistryProviderRegistration(s.subscriptionId, snapshot.errors, signal),
        ]);
        if (registration !== undefined) snapshot.providerRegistrationState[s.subscriptionId] = registration;
        const details = await Promise.all(registries.map(async (r) => ({ registry: r, details: await this.loadRegistryDetails(r, { ...(signal ? { signal } : {}) }) })));
        return details;
      }),
    );
    for (const { registry, details } of perSubscription.flat()) {
      snapshot.registries.push(registry);
      snapshot.replications.push(...details.replications);
      snapshot.privateEndpoints.push(...details.privateEndpoints);
      snapshot.networkInterfaces.push(...details.networkInterfaces);
      snapshot.virtualNetworks.push(...details.virtualNetworks);
      snapshot.privateDnsZones.push(...details.privateDnsZones);
      snapshot.virtualNetworkLinks.push(...details.virtualNetworkLinks);
      snapshot.aRecordSets.push(...details.aRecordSets);
      snapshot.privateDnsZoneGroups.push(...details.privateDnsZoneGroups);
      if (details.dnsResolverInboundEndpoints) snapshot.dnsResolverInboundEndpoints = [...(snapshot.dnsResolverInboundEndpoints ?? []), ...details.dnsResolverInboundEndpoints];
      if (details.dnsForwardingRulesets) snapshot.dnsForwardingRulesets = [...(snapshot.dnsForwardingRulesets ?? []), ...details.dnsForwardingRulesets];
      snapshot.usages[registry.id] = details.usages;
      if (details.tasks) (snapshot.tasks ??= {})[registry.id] = details.tasks;
      if (details.agentPools) (snapshot.agentPools ??= {})[registry.id] = details.agentPools;
      if (details.networkRuleSet) (snapshot.networkRuleSets ??= {})[registry.id] = details.networkRuleSet;
      if (details.networkSecurityGroups) (snapshot.networkSecurityGroups ??= []).push(...details.networkSecurityGroups);
      if (details.routeTables) (snapshot.routeTables ??= []).push(...details.routeTables);
      snapshot.errors.push(...details.errors);
    }
    // Two registries share a zone, an endpoint's VNet, …: the snapshot holds each resource once.
    snapshot.privateEndpoints = uniqueById(snapshot.privateEndpoints);
    snapshot.networkInterfaces = uniqueById(snapshot.networkInterfaces);
    snapshot.virtualNetworks = uniqueById(snapshot.virtualNetworks);
    snapshot.privateDnsZones = uniqueById(snapshot.privateDnsZones);
    snapshot.virtualNetworkLinks = uniqueById(snapshot.virtualNetworkLinks);
    snapshot.aRecordSets = uniqueById(snapshot.aRecordSets);
    snapshot.privateDnsZoneGroups = uniqueById(snapshot.privateDnsZoneGroups);
    if (snapshot.dnsResolverInboundEndpoints) snapshot.dnsResolverInboundEndpoints = uniqueById(snapshot.dnsResolverInboundEndpoints);
    if (snapshot.dnsForwardingRulesets) snapshot.dnsForwardingRulesets = uniqueById(snapshot.dnsForwardingRulesets);
    if (snapshot.networkSecurityGroups) snapshot.networkSecurityGroups = uniqueById(snapshot.networkSecurityGroups);
    if (snapshot.routeTables) snapshot.routeTables = uniqueById(snapshot.routeTables);
    snapshot.errors = dedupeErrors(snapshot.errors);
    snapshot.takenAt = new Date().toISOString();
    return snapshot;
  }

  // ---- single reads, each cached and capped ----

  listReplications(registryId: ResourceId, signal?: AbortSignal): Promise<Replication[]> {
    return this.read(`replications|${lower(registryId)}`, { scope: `${registryId}/replications` }, (s) => this.arm.listReplications(registryId, s), signal);
  }

  listRegistryUsages(registryId: ResourceId, signal?: AbortSignal): Promise<RegistryUsage[]> {
    // Usages count connections and replications, which are children of the registry.
    return this.read(`usages|${lower(registryId)}`, { scope: registryId }, (s) => this.arm.listRegistryUsages(registryId, s), signal);
  }

  private readEndpoint(id: ResourceId, signal: AbortSignal | undefined): Promise<PrivateEndpoint> {
    return this.read(`endpoint|${lower(id)}`, { scope: id }, (s) => this.arm.getPrivateEndpoint(id, s), signal);
  }

  private readNetworkInterface(id: ResourceId, signal: AbortSignal | undefined): Promise<NetworkInterface> {
    return this.read(`nic|${lower(id)}`, { scope: id }, (s) => this.arm.getNetworkInterface(id, s), signal);
  }

  private readVirtualNetwork(id: ResourceId, signal: AbortSignal | undefined): Promise<VirtualNetwork> {
    return this.read(`vnet|${lower(id)}`, { scope: id }, (s) => this.arm.getVirtualNetwork(id, s), signal);
  }

  private readZones(subscriptionId: string, signal: AbortSignal | undefined): Promise<PrivateDnsZone[]> {
    return this.read(`zones|${lower(subscriptionId)}`, { scope: `/subscriptions/${subscriptionId}`, resourceType: ZONE_TYPE }, (s) => this.arm.listPrivateDnsZones(subscriptionId, s), signal);
  }

  private readLinks(zoneId: ResourceId, signal: AbortSignal | undefined): Promise<VirtualNetworkLink[]> {
    return this.read(`links|${lower(zoneId)}`, { scope: `${zoneId}/virtualNetworkLinks` }, (s) => this.arm.listVirtualNetworkLinks(zoneId, s), signal);
  }

  private readRecords(zoneId: ResourceId, signal: AbortSignal | undefined): Promise<ARecordSet[]> {
    return this.read(`records|${lower(zoneId)}`, { scope: `${zoneId}/A` }, (s) => this.arm.listARecordSets(zoneId, s), signal);
  }

  getProviderRegistrationState(subscriptionId: string, namespace: string, signal?: AbortSignal): Promise<string> {
    const scope = `/subscriptions/${subscriptionId}/providers/${namespace}`;
    return this.operation(l10n.t('reading the {0} registration of subscription {1}', namespace, subscriptionId), signal, (outer) =>
      this.read(`provider|${lower(scope)}`, { scope }, (s) => this.arm.getProviderRegistrationState(subscriptionId, namespace, s), outer),
    );
  }

  /** `Microsoft.ContainerRegistry` registration in a subscription; undefined, with a LoadError in `errors`, when it could not be read. */
  readRegistryProviderRegistration(subscriptionId: string, errors: LoadError[], signal?: AbortSignal): Promise<string | undefined> {
    const scope = `/subscriptions/${subscriptionId}/providers/${REGISTRY_PROVIDER}`;
    return this.collect(errors, scope, 'providerRegistration', undefined, () => this.getProviderRegistrationState(subscriptionId, REGISTRY_PROVIDER, signal));
  }

  private async selectedSubscriptions(ids: string[] | undefined, signal: AbortSignal | undefined, errors?: LoadError[]): Promise<Subscription[]> {
    const all = await this.listSubscriptions(signal ? { signal } : {});
    if (!ids || ids.length === 0) return all;
    const wanted = new Set(ids.map(lower));
    const found = all.filter((s) => wanted.has(lower(s.subscriptionId)));
    for (const id of ids) {
      if (!found.some((s) => lower(s.subscriptionId) === lower(id))) {
        errors?.push({ scope: `/subscriptions/${id}`, read: 'subscription', what: readWhat.subscription, status: 404, code: 'SubscriptionNotFound', message: l10n.t('Subscription {0} is not among the subscriptions this account can see.', id) });
      }
    }
    return found;
  }

  /**
   * One endpoint with its NICs and VNet. `indexFor` gives the Resource Graph index when it
   * can answer for an id's subscription; what it lacks (an endpoint created a moment ago) is read from ARM.
   */
  private loadEndpoint(
    privateEndpointId: ResourceId,
    errors: LoadError[],
    signal: AbortSignal | undefined,
    indexFor: (id: ResourceId) => InventoryIndex | undefined,
  ): Maybe<EndpointParts> {
    const endpointRead: Maybe<PrivateEndpoint | undefined> =
      indexFor(privateEndpointId)?.privateEndpoint(privateEndpointId) ??
      this.collect(errors, privateEndpointId, 'privateEndpoint', undefined, () => this.readEndpoint(privateEndpointId, signal));
    return then(endpointRead, (endpoint) => {
      if (!endpoint) return { networkInterfaces: [] };
      const vnetId = endpoint.virtualNetworkId;
      const nics = all(
        endpoint.networkInterfaceIds.map((id) => indexFor(id)?.networkInterface(id) ?? this.collect(errors, id, 'networkInterface', undefined, () => this.readNetworkInterface(id, signal))),
      );
      const vnet: Maybe<VirtualNetwork | undefined> = vnetId
        ? (indexFor(vnetId)?.virtualNetwork(vnetId) ?? this.collect(errors, vnetId, 'virtualNetwork', undefined, () => this.readVirtualNetwork(vnetId, signal)))
        : undefined;
      return then(allOf([nics, vnet] as const), ([networkInterfaces, virtualNetwork]) => ({
        endpoint,
        networkInterfaces: networkInterfaces.flatMap((n) => (n ? [n] : [])),
        ...(virtualNetwork ? { virtualNetwork } : {}),
      }));
    });
  }

  private loadZones(
    subscriptionId: string,
    wanted: (zone: PrivateDnsZone) => boolean,
    errors: LoadError[],
    signal: AbortSignal | undefined,
    index: InventoryIndex | undefined,
  ): Maybe<ZoneParts[]> {
    const scope = `/subscriptions/${subscriptionId}`;
    const zones: Maybe<PrivateDnsZone[]> = index ? index.privateDnsZonesIn(subscriptionId) : this.collect(errors, scope, 'privateDnsZones', [], () => this.readZones(subscriptionId, signal));
    // Record sets come from the index (`dnsresources`) when it shows the zone; otherwise (the record
    // query failed, a zone created a moment ago) from ARM, once per zone.
    return then(zones, (list) =>
      all(
        list.filter(wanted).map((zone) => {
          const indexed = this.graphRecords ? index?.aRecordSetsOf(zone.id) : undefined;
          const links: Maybe<VirtualNetworkLink[]> = index ? index.virtualNetworkLinksOf(zone.id) : this.collect(errors, zone.id, 'virtualNetworkLinks', [], () => this.readLinks(zone.id, signal));
          const records: Maybe<ARecordSet[]> = indexed ?? this.collect(errors, zone.id, 'aRecordSets', [], () => this.readRecords(zone.id, signal));
          return then(allOf([links, records] as const), ([l, r]) => ({ zone, links: l, records: r }));
        }),
      ),
    );
  }

  /**
   * The Resource Graph index of every subscription the account lists, read once per cache time and
   * shared; undefined when Resource Graph is not used or failed (then everything is read from ARM, and
   * Resource Graph is not asked again for a while).
   */
  private async graphIndex(signal: AbortSignal | undefined): Promise<InventoryIndex | undefined> {
    const readGraph = this.arm.readGraphInventory?.bind(this.arm);
    if (!this.useGraph || !readGraph) return undefined;
    if (this.graphFailedAt !== undefined && this.now() - this.graphFailedAt < this.graphLagMs) return undefined;
    // Read already, for the subscriptions read already: taken as it is, without an operation or a wait of its own.
    const listed = this.cache.peek<Page<Subscription>>(`subscriptions|${pageKey({})}`);
    const knownKey = listed && this.graphKeys.get(listed.items)?.key;
    const ready = knownKey !== undefined ? this.cache.peek<InventoryIndex>(knownKey) : undefined;
    if (ready) return ready;
    let graph: { ids: string[]; key: string };
    try {
      const subscriptions = await this.listSubscriptions(signal ? { signal } : {});
      // Every registry's details ask for the index: its key is worked out once per subscription list read.
      let known = this.graphKeys.get(subscriptions);
      if (!known) {
        const ids = subscriptions.map((s) => s.subscriptionId).sort();
        known = { ids, key: `graph|${ids.join(',').toLowerCase()}` };
        this.graphKeys.set(subscriptions, known);
      }
      graph = known;
    } catch (e) {
      if (isAbortError(e)) throw e;
      return undefined; // the subscriptions' own error is reported where they are listed
    }
    const { ids, key } = graph;
    try {
      // Each of its queries takes a slot of the cap, like any read.
      const schedule = <T>(task: () => Promise<T>): Promise<T> =>
        this.limiter.run(() => {
          this.reads++;
          return task();
        });
      const index = await this.cache.get(key, { scope: GRAPH_SCOPE }, async (s) => new InventoryIndex(await readGraph(ids, s, schedule)), signal);
      this.lastSource = { source: 'resourceGraph' };
      return index;
    } catch (e) {
      if (isAbortError(e)) throw e;
      // Every caller that waited on the failed query lands here; the failure is told once.
      if (this.graphFailedAt !== undefined && this.now() - this.graphFailedAt < this.graphLagMs) return undefined;
      this.graphFailedAt = this.now();
      const error = e instanceof ArmLoadError ? e.loadError : toLoadError('/providers/Microsoft.ResourceGraph', 'resourceGraph', e);
      this.lastSource = { source: 'arm', resourceGraphError: error };
      this.onGraphError?.(error);
      return undefined;
    }
  }

  /** Whether the index can answer for a subscription: it covers it and nothing there changed lately. */
  private graphCurrent(index: InventoryIndex, subscriptionId: string): boolean {
    return index.covers(subscriptionId) && this.resourceGraphCurrent(subscriptionId);
  }

  private read<T>(key: string, scope: CacheScope, fetch: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    return this.cache.get(
      key,
      scope,
      (shared) =>
        this.limiter.run(() => {
          this.reads++;
          return fetch(shared);
        }, shared),
      signal,
    );
  }

  /** A failed part becomes a LoadError and `fallback`; cancellation is not a failure and goes up. */
  private async collect<T>(errors: LoadError[], scope: string, what: ReadKind, fallback: T, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (isAbortError(e)) throw e;
      errors.push(e instanceof ArmLoadError ? e.loadError : toLoadError(scope, what, e));
      return fallback;
    }
  }

  /** A single-scope read the tree shows on one node: failures carry their LoadError. */
  private async guarded<T>(scope: string, what: ReadKind, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (isAbortError(e) || e instanceof ArmLoadError) throw e;
      throw new ArmLoadError(toLoadError(scope, what, e), e);
    }
  }
}

/** Whether a registry's tasks and agent pools are read: only with public network access disabled, where they fail without a VNet agent pool. */
export function readsTasks(registry: Registry): boolean {
  return registry.publicNetworkAccess?.toLowerCase() === 'disabled';
}

/**
 * Whether a registry's service-endpoint rules are read: a Premium registry with private endpoints,
 * unless its public access is known enabled with the default action Allow (then the rules let nothing
 * in that was not already let in).
 */
export function readsNetworkRules(registry: Registry): boolean {
  if (lower(registry.sku) !== 'premium' || registry.privateEndpointConnections.length === 0) return false;
  return !(registry.publicNetworkAccess?.toLowerCase() === 'enabled' && registry.networkRuleDefaultAction?.toLowerCase() === 'allow');
}

/** The security group of an endpoint's subnet, when its private endpoint network policies make it apply to the endpoint. */
export function endpointSecurityGroupIds(endpoint: PrivateEndpoint | undefined, vnet: VirtualNetwork | undefined): string[] {
  const subnet = endpoint && vnet?.subnets.find((s) => lower(s.id) === lower(endpoint.subnetId));
  return subnet?.networkSecurityGroupId && securityGroupApplies(subnet) ? [subnet.networkSecurityGroupId] : [];
}

/** The route table of an endpoint's subnet, when its private endpoint network policies make user-defined routes apply to the endpoint. */
export function endpointRouteTableIds(endpoint: PrivateEndpoint | undefined, vnet: VirtualNetwork | undefined): string[] {
  const subnet = endpoint && vnet?.subnets.find((s) => lower(s.id) === lower(endpoint.subnetId));
  return subnet?.routeTableId && routeTableApplies(subnet) ? [subnet.routeTableId] : [];
}

/** Continuation tokens of registry pages the graph answered: `resourceGraph:<offset>`. */
const GRAPH_PAGE_TOKEN = 'resourceGraph:';

function graphPageOffset(token: string | undefined): number | undefined {
  if (!token?.startsWith(GRAPH_PAGE_TOKEN)) return undefined;
  const offset = Number(token.slice(GRAPH_PAGE_TOKEN.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

/** A page of a list held whole, with a token for the rest as a graph-answered page carries it. */
function graphPage<T>(items: T[], offset: number, maxItems: number | undefined): Page<T> {
  const end = maxItems === undefined ? items.length : Math.min(items.length, offset + maxItems);
  const page = items.slice(offset, end);
  return { items: page, ...(end < items.length ? { continuationToken: `${GRAPH_PAGE_TOKEN}${end}` } : {}) };
}

function pageKey(request: PageRequest): string {
  return `${request.maxItems ?? 'all'}|${request.continuationToken ?? ''}`;
}

function dedupeErrors(errors: LoadError[]): LoadError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${lower(e.scope)}|${e.read}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

