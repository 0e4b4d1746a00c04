// The inventory loader: the tree reads it level by level (subscriptions, a subscription's registries,
// one registry's details) and the CLI, the status panel and the benchmark read a whole snapshot.
// Every read goes through one cache (de-duplicating reads in flight and keeping results briefly) and
// one concurrency cap. Reads that depend on nothing wait for nothing: a registry's zones are listed
// while its endpoints are read, because the endpoints' subscriptions are in the connection ids.
// A read that fails becomes a LoadError next to what did load.
import { subscriptionOf } from '../model/armId';
import {
  emptySnapshot,
  type ARecordSet,
  type LoadError,
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
import { ConcurrencyLimiter } from './limiter';
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
  errors: LoadError[];
}

export interface InventoryLoaderOptions {
  /** Reads running at once; default 8. */
  concurrency?: number;
  /** How long a read is reused; default 30 s. 0 keeps only the de-duplication of reads in flight. */
  cacheTtlMs?: number;
  now?: () => number;
}

export interface LoadOptions {
  signal?: AbortSignal;
}

export interface SnapshotOptions extends LoadOptions {
  /** Read `Microsoft.ContainerRegistry` registration per subscription (one request each); default true. */
  providerRegistration?: boolean;
}

const REGISTRY_PROVIDER = 'Microsoft.ContainerRegistry';
const REGISTRY_TYPE = 'microsoft.containerregistry/registries';
const ZONE_TYPE = 'microsoft.network/privatednszones';

const lower = (s: string): string => s.toLowerCase();

/** `azurecr.io` for `myregistry.azurecr.io` (`azurecr.us`, `azurecr.cn` in sovereign clouds). */
function registryDnsSuffix(registry: Registry): string {
  const server = lower(registry.loginServer || `${registry.name}.azurecr.io`);
  const dot = server.indexOf('.');
  return dot > 0 ? server.slice(dot + 1) : 'azurecr.io';
}

function registryLabel(registry: Registry): string {
  const server = lower(registry.loginServer || registry.name);
  return server.split('.')[0] ?? lower(registry.name);
}

/**
 * Zones that can answer for the registry's names: `privatelink.azurecr.io` (the right one) and any
 * other zone under `azurecr.io`, which is a mistake the diagnosis needs to see (`azurecr.io` itself
 * hijacks every registry's name; regional zones change nothing).
 */
export function isRegistryZone(zoneName: string, registry: Registry): boolean {
  const suffix = registryDnsSuffix(registry);
  const name = lower(zoneName).replace(/\.$/, '');
  return name === suffix || name.endsWith(`.${suffix}`);
}

/** A record set names the registry when it is `<reg>` or `<reg>.<…>` (`myregistry.westeurope.data`). */
export function isRegistryRecord(recordName: string, registry: Registry): boolean {
  const label = registryLabel(registry);
  const name = lower(recordName);
  return name === label || name.startsWith(`${label}.`);
}

function uniqueById<T extends { id: string }>(items: Iterable<T>): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(lower(item.id))) seen.set(lower(item.id), item);
  return [...seen.values()];
}

export class InventoryLoader {
  private readonly cache: RequestCache;
  private readonly limiter: ConcurrencyLimiter;
  private reads = 0;

  constructor(
    private readonly arm: ArmReads,
    options: InventoryLoaderOptions = {},
  ) {
    // Access denied and not found are answers, kept like any other; throttling and outages are not.
    this.cache = new RequestCache(options.cacheTtlMs ?? 30_000, options.now, (e) => !isAbortError(e) && [403, 404].includes(httpStatusOf(e) ?? 0));
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 8);
  }

  /** ARM reads started (cache misses); each may be several HTTP requests when a list has pages. */
  readCount(): number {
    return this.reads;
  }

  /** Forget cached reads that a write to `resourceId` may have made stale; without an id, all of them. */
  invalidate(resourceId?: string): void {
    this.cache.invalidate(resourceId);
  }

  // ---- level by level, for the tree ----

  async listSubscriptions(options: LoadOptions = {}): Promise<Subscription[]> {
    return (await this.listSubscriptionsPage(options)).items;
  }

  listSubscriptionsPage(request: PageRequest = {}): Promise<Page<Subscription>> {
    return this.guarded('/subscriptions', 'subscriptions', () =>
      this.read(`subscriptions|${pageKey(request)}`, { scope: '/subscriptions', resourceType: 'subscriptions' }, (signal) => this.arm.listSubscriptions({ ...request, signal }), request.signal),
    );
  }

  async listRegistries(subscriptionId: string, options: LoadOptions = {}): Promise<Registry[]> {
    return (await this.listRegistriesPage(subscriptionId, options)).items;
  }

  listRegistriesPage(subscriptionId: string, request: PageRequest = {}): Promise<Page<Registry>> {
    const scope = `/subscriptions/${subscriptionId}`;
    return this.guarded(scope, 'registries', () =>
      this.read(`registries|${lower(subscriptionId)}|${pageKey(request)}`, { scope, resourceType: REGISTRY_TYPE }, (signal) => this.arm.listRegistries(subscriptionId, { ...request, signal }), request.signal),
    );
  }

  getRegistry(registryId: ResourceId, options: LoadOptions = {}): Promise<Registry> {
    return this.guarded(registryId, 'registry', () => this.read(`registry|${lower(registryId)}`, { scope: registryId }, (s) => this.arm.getRegistry(registryId, s), options.signal));
  }

  /** Registries with this name (registry names are unique in a cloud), searched in the given subscriptions or all. */
  async findRegistries(
    name: string,
    options: LoadOptions & { subscriptionIds?: string[]; resourceGroup?: string } = {},
  ): Promise<{ subscriptions: Subscription[]; registries: Registry[]; errors: LoadError[] }> {
    const subscriptions = await this.selectedSubscriptions(options.subscriptionIds, options.signal);
    const errors: LoadError[] = [];
    const lists = await Promise.all(subscriptions.map((s) => this.collect(errors, `/subscriptions/${s.subscriptionId}`, 'registries', [], () => this.listRegistries(s.subscriptionId, options))));
    const registries = lists
      .flat()
      .filter((r) => lower(r.name) === lower(name) && (options.resourceGroup === undefined || lower(r.resourceGroup) === lower(options.resourceGroup)));
    return { subscriptions, registries, errors };
  }

  /** Everything about one registry that its tree node, its check and its fixes need. */
  async loadRegistryDetails(registry: Registry, options: LoadOptions = {}): Promise<RegistryDetails> {
    const signal = options.signal;
    const errors: LoadError[] = [];
    const connections = registry.privateEndpointConnections;
    // Only Premium registries have replicas; asking a Basic one is an error in Azure.
    const replications = lower(registry.sku) === 'premium' ? this.collect(errors, registry.id, 'replications', [], () => this.listReplications(registry.id, signal)) : Promise.resolve([]);
    const usages = this.collect(errors, registry.id, 'usages', [], () => this.listRegistryUsages(registry.id, signal));

    const endpointIds = uniqueById(connections.flatMap((c) => (c.privateEndpointId ? [{ id: c.privateEndpointId }] : []))).map((e) => e.id);
    const endpoints = Promise.all(endpointIds.map((id) => this.loadEndpoint(id, errors, signal)));

    // Zones live where the endpoints are (and commonly beside the registry); the subscriptions are in the ids.
    const zoneSubscriptions = uniqueById([registry.subscriptionId, ...endpointIds.map(subscriptionOf)].map((s) => ({ id: s })));
    const zones = Promise.all(zoneSubscriptions.map((s) => this.loadZones(s.id, (z) => isRegistryZone(z.name, registry), errors, signal)));

    const [replicationList, usageList, endpointParts, zoneParts] = await Promise.all([replications, usages, endpoints, zones]);
    const zoneList = zoneParts.flat();
    return {
      replications: replicationList,
      privateEndpointConnections: connections,
      privateEndpoints: endpointParts.flatMap((p) => (p.endpoint ? [p.endpoint] : [])),
      networkInterfaces: uniqueById(endpointParts.flatMap((p) => p.networkInterfaces)),
      virtualNetworks: uniqueById(endpointParts.flatMap((p) => (p.virtualNetwork ? [p.virtualNetwork] : []))),
      privateDnsZoneGroups: endpointParts.flatMap((p) => p.privateDnsZoneGroups),
      privateDnsZones: uniqueById(zoneList.map((z) => z.zone)),
      virtualNetworkLinks: uniqueById(zoneList.flatMap((z) => z.links)),
      aRecordSets: uniqueById(zoneList.flatMap((z) => z.records.filter((r) => isRegistryRecord(r.name, registry)))),
      usages: usageList,
      errors,
    };
  }

  // ---- everything at once, for the CLI, the status panel and the benchmark ----

  async loadSnapshot(subscriptionIds?: string[], options: SnapshotOptions = {}): Promise<Snapshot> {
    const signal = options.signal;
    const snapshot = emptySnapshot();
    const subscriptions = await this.selectedSubscriptions(subscriptionIds, signal, snapshot.errors);
    snapshot.subscriptions = subscriptions;
    const perSubscription = await Promise.all(
      subscriptions.map(async (s) => {
        const scope = `/subscriptions/${s.subscriptionId}`;
        const [registries, registration] = await Promise.all([
          this.collect(snapshot.errors, scope, 'registries', [], () => this.listRegistries(s.subscriptionId, { ...(signal ? { signal } : {}) })),
          options.providerRegistration === false
            ? Promise.resolve(undefined)
            : this.collect(snapshot.errors, scope, `${REGISTRY_PROVIDER} registration`, undefined, () => this.getProviderRegistrationState(s.subscriptionId, REGISTRY_PROVIDER, signal)),
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
      snapshot.usages[registry.id] = details.usages;
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

  getProviderRegistrationState(subscriptionId: string, namespace: string, signal?: AbortSignal): Promise<string> {
    const scope = `/subscriptions/${subscriptionId}/providers/${namespace}`;
    return this.read(`provider|${lower(scope)}`, { scope }, (s) => this.arm.getProviderRegistrationState(subscriptionId, namespace, s), signal);
  }

  private async selectedSubscriptions(ids: string[] | undefined, signal: AbortSignal | undefined, errors?: LoadError[]): Promise<Subscription[]> {
    const all = await this.listSubscriptions(signal ? { signal } : {});
    if (!ids || ids.length === 0) return all;
    const wanted = new Set(ids.map(lower));
    const found = all.filter((s) => wanted.has(lower(s.subscriptionId)));
    for (const id of ids) {
      if (!found.some((s) => lower(s.subscriptionId) === lower(id))) {
        errors?.push({ scope: `/subscriptions/${id}`, what: 'subscription', status: 404, code: 'SubscriptionNotFound', message: `Subscription ${id} is not among the subscriptions this account can see.` });
      }
    }
    return found;
  }

  private async loadEndpoint(
    privateEndpointId: ResourceId,
    errors: LoadError[],
    signal: AbortSignal | undefined,
  ): Promise<{ endpoint?: PrivateEndpoint; networkInterfaces: NetworkInterface[]; virtualNetwork?: VirtualNetwork; privateDnsZoneGroups: PrivateDnsZoneGroup[] }> {
    const endpoint = await this.collect(errors, privateEndpointId, 'private endpoint', undefined, () =>
      this.read(`endpoint|${lower(privateEndpointId)}`, { scope: privateEndpointId }, (s) => this.arm.getPrivateEndpoint(privateEndpointId, s), signal),
    );
    if (!endpoint) return { networkInterfaces: [], privateDnsZoneGroups: [] };
    const [networkInterfaces, virtualNetwork, privateDnsZoneGroups] = await Promise.all([
      Promise.all(
        endpoint.networkInterfaceIds.map((id) =>
          this.collect(errors, id, 'network interface', undefined, () => this.read(`nic|${lower(id)}`, { scope: id }, (s) => this.arm.getNetworkInterface(id, s), signal)),
        ),
      ),
      endpoint.virtualNetworkId
        ? this.collect(errors, endpoint.virtualNetworkId, 'virtual network', undefined, () =>
            this.read(`vnet|${lower(endpoint.virtualNetworkId)}`, { scope: endpoint.virtualNetworkId }, (s) => this.arm.getVirtualNetwork(endpoint.virtualNetworkId, s), signal),
          )
        : Promise.resolve(undefined),
      this.collect(errors, privateEndpointId, 'private DNS zone groups', [], () =>
        this.read(`zoneGroups|${lower(privateEndpointId)}`, { scope: `${privateEndpointId}/privateDnsZoneGroups` }, (s) => this.arm.listPrivateDnsZoneGroups(privateEndpointId, s), signal),
      ),
    ]);
    return {
      endpoint,
      networkInterfaces: networkInterfaces.flatMap((n) => (n ? [n] : [])),
      ...(virtualNetwork ? { virtualNetwork } : {}),
      privateDnsZoneGroups,
    };
  }

  private async loadZones(
    subscriptionId: string,
    wanted: (zone: PrivateDnsZone) => boolean,
    errors: LoadError[],
    signal: AbortSignal | undefined,
  ): Promise<{ zone: PrivateDnsZone; links: VirtualNetworkLink[]; records: ARecordSet[] }[]> {
    const scope = `/subscriptions/${subscriptionId}`;
    const zones = await this.collect(errors, scope, 'private DNS zones', [], () =>
      this.read(`zones|${lower(subscriptionId)}`, { scope, resourceType: ZONE_TYPE }, (s) => this.arm.listPrivateDnsZones(subscriptionId, s), signal),
    );
    return Promise.all(
      zones.filter(wanted).map(async (zone) => {
        const [links, records] = await Promise.all([
          this.collect(errors, zone.id, 'virtual network links', [], () =>
            this.read(`links|${lower(zone.id)}`, { scope: `${zone.id}/virtualNetworkLinks` }, (s) => this.arm.listVirtualNetworkLinks(zone.id, s), signal),
          ),
          this.collect(errors, zone.id, 'A records', [], () => this.read(`records|${lower(zone.id)}`, { scope: `${zone.id}/A` }, (s) => this.arm.listARecordSets(zone.id, s), signal)),
        ]);
        return { zone, links, records };
      }),
    );
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
  private async collect<T>(errors: LoadError[], scope: string, what: string, fallback: T, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (isAbortError(e)) throw e;
      errors.push(e instanceof ArmLoadError ? e.loadError : toLoadError(scope, what, e));
      return fallback;
    }
  }

  /** A single-scope read the tree shows on one node: failures carry their LoadError. */
  private async guarded<T>(scope: string, what: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (isAbortError(e) || e instanceof ArmLoadError) throw e;
      throw new ArmLoadError(toLoadError(scope, what, e));
    }
  }
}

function pageKey(request: PageRequest): string {
  return `${request.maxItems ?? 'all'}|${request.continuationToken ?? ''}`;
}

function dedupeErrors(errors: LoadError[]): LoadError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${lower(e.scope)}|${e.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

