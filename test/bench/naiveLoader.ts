// The naive way, for comparison: the same SDK calls the loader makes, written as plain loops that
// await one request at a time, with no concurrency, no sharing of reads in flight and no cache.
// DNS likewise: one query at a time.
import { Resolver } from 'dns/promises';
import { ContainerRegistryManagementClient, type Registry } from '@azure/arm-containerregistry';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { createSandboxCredential } from '../../src/azure';

export interface NaiveTarget {
  endpoint: string;
  caCertPem: string;
  httpClient: HttpClient;
}

/** What was read, to check that the naive way read as much as ours. */
export interface NaiveCounts {
  subscriptions: number;
  registries: number;
  privateEndpoints: number;
  aRecordSets: number;
}

interface Ids {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

function parts(id: string): Ids {
  const p = id.split('/');
  return { subscriptionId: p[2] ?? '', resourceGroup: p[4] ?? '', name: p[8] ?? '' };
}

export class NaiveLoader {
  private readonly credential = createSandboxCredential();
  private readonly options;

  constructor(target: NaiveTarget) {
    this.options = { endpoint: target.endpoint, credentialScopes: [`${target.endpoint}/.default`], tlsOptions: { ca: target.caCertPem }, httpClient: target.httpClient };
  }

  private acr(subscriptionId: string): ContainerRegistryManagementClient {
    const { credentialScopes, ...rest } = this.options;
    return new ContainerRegistryManagementClient(this.credential, subscriptionId, { ...rest, credentials: { scopes: credentialScopes } });
  }

  private network(subscriptionId: string): NetworkManagementClient {
    return new NetworkManagementClient(this.credential, subscriptionId, this.options);
  }

  private dns(subscriptionId: string): PrivateDnsManagementClient {
    return new PrivateDnsManagementClient(this.credential, subscriptionId, this.options);
  }

  async subscriptionIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const s of new SubscriptionClient(this.credential, this.options).subscriptions.list()) if (s.subscriptionId) ids.push(s.subscriptionId);
    return ids;
  }

  async registries(subscriptionId: string): Promise<Registry[]> {
    const list: Registry[] = [];
    for await (const r of this.acr(subscriptionId).registries.list()) list.push(r);
    return list;
  }

  /** The whole tree: every subscription (or the first `limit`), every registry, every registry's details. */
  async loadTree(limit = Number.POSITIVE_INFINITY): Promise<NaiveCounts> {
    const counts: NaiveCounts = { subscriptions: 0, registries: 0, privateEndpoints: 0, aRecordSets: 0 };
    for (const subscriptionId of (await this.subscriptionIds()).slice(0, limit)) {
      counts.subscriptions++;
      for (const registry of await this.registries(subscriptionId)) {
        const details = await this.registryDetails(registry);
        counts.registries++;
        counts.privateEndpoints += details.privateEndpoints;
        counts.aRecordSets += details.aRecordSets;
      }
    }
    return counts;
  }

  /** Finds a registry by name the way a first version would: list everything, then look. */
  async findRegistry(name: string): Promise<Registry | undefined> {
    for (const subscriptionId of await this.subscriptionIds()) {
      const found = (await this.registries(subscriptionId)).find((r) => r.name?.toLowerCase() === name.toLowerCase());
      if (found) return found;
    }
    return undefined;
  }

  /** A registry's replicas, usages, endpoints (NICs, VNets, zone groups), zones, links and A records. */
  async registryDetails(registry: Registry): Promise<{ privateEndpoints: number; aRecordSets: number }> {
    const { subscriptionId, resourceGroup, name } = parts(registry.id ?? '');
    const acr = this.acr(subscriptionId);
    if (registry.sku?.name === 'Premium') for await (const replica of acr.replications.list(resourceGroup, name)) void replica;
    await acr.registries.listUsages(resourceGroup, name);

    const zoneSubscriptions = new Set([subscriptionId.toLowerCase()]);
    let privateEndpoints = 0;
    for (const connection of registry.privateEndpointConnections ?? []) {
      const endpointId = connection.privateEndpoint?.id;
      if (!endpointId) continue;
      const pe = parts(endpointId);
      const network = this.network(pe.subscriptionId);
      const endpoint = await network.privateEndpoints.get(pe.resourceGroup, pe.name);
      privateEndpoints++;
      zoneSubscriptions.add(pe.subscriptionId.toLowerCase());
      for (const nic of endpoint.networkInterfaces ?? []) {
        const n = parts(nic.id ?? '');
        await this.network(n.subscriptionId).networkInterfaces.get(n.resourceGroup, n.name);
      }
      const vnetId = endpoint.subnet?.id?.split('/subnets/')[0];
      if (vnetId) {
        const v = parts(vnetId);
        await this.network(v.subscriptionId).virtualNetworks.get(v.resourceGroup, v.name);
      }
      for await (const group of network.privateDnsZoneGroups.list(pe.name, pe.resourceGroup)) void group;
    }

    let aRecordSets = 0;
    const label = (registry.loginServer ?? registry.name ?? '').split('.')[0]?.toLowerCase() ?? '';
    for (const zoneSubscription of zoneSubscriptions) {
      const dns = this.dns(zoneSubscription);
      for await (const zone of dns.privateZones.list()) {
        if (!zone.name?.toLowerCase().endsWith('azurecr.io')) continue;
        const z = parts(zone.id ?? '');
        for await (const link of dns.virtualNetworkLinks.list(z.resourceGroup, z.name)) void link;
        for await (const record of dns.recordSets.listByType(z.resourceGroup, z.name, 'A')) {
          const recordName = record.name?.toLowerCase() ?? '';
          if (recordName === label || recordName.startsWith(`${label}.`)) aRecordSets++;
        }
      }
    }
    return { privateEndpoints, aRecordSets };
  }
}

/** One name after another, each its A query and then its CNAME chain one hop at a time. */
export async function resolveOneByOne(server: string, names: string[]): Promise<{ queries: number; answered: number; timeouts: number }> {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([server]);
  let queries = 0;
  let answered = 0;
  let timeouts = 0;
  for (const name of names) {
    queries++;
    const addresses = await resolver.resolve4(name).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'ETIMEOUT') timeouts++;
      return [];
    });
    if (addresses.length > 0) answered++;
    for (let current = name, hop = 0; hop < 8; hop++) {
      queries++;
      const next = (await resolver.resolveCname(current).catch(() => []))[0];
      if (!next) break;
      current = next;
    }
  }
  return { queries, answered, timeouts };
}
