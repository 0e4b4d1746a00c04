// An in-memory ARM estate behind the ArmReads interface: counts every read by key, tracks how many
// run at once, fails chosen reads with ARM-like errors and can hold reads until released.
import type { ArmReads } from '../../../src/azure/armReads';
import type { GraphInventory } from '../../../src/azure/graphInventory';
import type { Page, PageRequest } from '../../../src/azure/paging';
import type {
  ARecordSet,
  NetworkInterface,
  NetworkSecurityGroup,
  RouteTable,
  PrivateDnsZone,
  PrivateEndpoint,
  Registry,
  Subscription,
  VirtualNetwork,
  VirtualNetworkLink,
} from '../../../src/model/types';

export const RG = 'rg';
export const sub = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const registryId = (s: string, name: string): string => `/subscriptions/${s}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/${name}`;
export const endpointId = (s: string, name: string): string => `/subscriptions/${s}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/${name}`;
export const nicId = (s: string, name: string): string => `/subscriptions/${s}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/${name}`;
export const vnetId = (s: string): string => `/subscriptions/${s}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet`;
export const zoneId = (s: string, name = 'privatelink.azurecr.io'): string => `/subscriptions/${s}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/${name}`;

export function armFailure(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'RestError', statusCode, code });
}

export interface Estate {
  subscriptions: Subscription[];
  registries: Registry[];
  endpoints: PrivateEndpoint[];
  nics: NetworkInterface[];
  vnets: VirtualNetwork[];
  zones: PrivateDnsZone[];
  links: VirtualNetworkLink[];
  records: ARecordSet[];
  /** Network security groups and route tables, for the subnets that name them. */
  nsgs?: NetworkSecurityGroup[];
  routeTables?: RouteTable[];
}

/** `count` registries per subscription, each with one endpoint in its own subscription, sharing one zone per subscription. */
export function buildEstate(subscriptionCount: number, registriesPerSubscription: number): Estate {
  const e: Estate = { subscriptions: [], registries: [], endpoints: [], nics: [], vnets: [], zones: [], links: [], records: [] };
  for (let s = 1; s <= subscriptionCount; s++) {
    const sid = sub(s);
    e.subscriptions.push({ id: `/subscriptions/${sid}`, subscriptionId: sid, displayName: `Subscription ${s}`, tenantId: 't', state: 'Enabled' });
    e.vnets.push({ id: vnetId(sid), name: 'vnet', subscriptionId: sid, resourceGroup: RG, location: 'westeurope', addressPrefixes: ['10.0.0.0/16'], subnets: [] });
    const zone = zoneId(sid);
    e.zones.push({ id: zone, name: 'privatelink.azurecr.io', subscriptionId: sid, resourceGroup: RG });
    e.links.push({ id: `${zone}/virtualNetworkLinks/link`, name: 'link', privateDnsZoneId: zone, virtualNetworkId: vnetId(sid), registrationEnabled: false });
    for (let r = 1; r <= registriesPerSubscription; r++) {
      const name = `reg${s}x${r}`;
      const id = registryId(sid, name);
      const pe = endpointId(sid, `pe-${name}`);
      const nic = nicId(sid, `pe-${name}.nic`);
      e.registries.push({
        id,
        name,
        subscriptionId: sid,
        resourceGroup: RG,
        location: 'westeurope',
        sku: 'Premium',
        loginServer: `${name}.azurecr.io`,
        publicNetworkAccess: 'Enabled',
        networkRuleBypassOptions: 'AzureServices',
        dataEndpointEnabled: false,
        dataEndpointHostNames: [],
        privateEndpointConnections: [{ id: `${id}/privateEndpointConnections/c`, name: 'c', registryId: id, privateEndpointId: pe, status: 'Approved' }],
      });
      e.endpoints.push({
        id: pe,
        name: `pe-${name}`,
        subscriptionId: sid,
        resourceGroup: RG,
        location: 'westeurope',
        subnetId: `${vnetId(sid)}/subnets/default`,
        virtualNetworkId: vnetId(sid),
        networkInterfaceIds: [nic],
        connections: [],
        customDnsConfigs: [],
      });
      e.nics.push({ id: nic, name: `pe-${name}.nic`, privateEndpointId: pe, ipConfigurations: [{ name: 'ip', privateIPAddress: `10.0.${s}.${r}`, groupId: 'registry', requiredMemberName: 'registry', fqdns: [`${name}.azurecr.io`] }] });
      e.records.push({ id: `${zone}/A/${name}`, name, privateDnsZoneId: zone, fqdn: `${name}.privatelink.azurecr.io.`, ttl: 3600, etag: `e-${name}`, ipv4Addresses: [`10.0.${s}.${r}`] });
    }
  }
  return e;
}

const lower = (s: string): string => s.toLowerCase();
const under = (id: string, prefix: string): boolean => lower(id).startsWith(`${lower(prefix)}/`);

export class FakeReads implements ArmReads {
  readonly calls = new Map<string, number>();
  readonly failures = new Map<string, Error>();
  inFlight = 0;
  maxInFlight = 0;
  /** Resources Resource Graph does not show yet (it lags ARM), by id. */
  readonly notInGraph = new Set<string>();
  /** When set, the graph's record query fails (the rest of the graph answers). */
  graphRecordsFail = false;
  /** When set, every read waits for this promise (released by the test). */
  hold: Promise<void> | undefined;
  readonly signals: AbortSignal[] = [];

  constructor(readonly estate: Estate) {}

  count(prefix = ''): number {
    let n = 0;
    for (const [k, v] of this.calls) if (k.startsWith(prefix)) n += v;
    return n;
  }

  private async read<T>(key: string, signal: AbortSignal | undefined, value: () => T): Promise<T> {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    if (signal) this.signals.push(signal);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // A real request never answers in the same tick; yielding lets the fan-out overlap.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.hold) await this.hold;
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      for (const [prefix, error] of this.failures) if (key.startsWith(prefix)) throw error;
      return value();
    } finally {
      this.inFlight--;
    }
  }

  private find<T extends { id: string }>(items: T[], id: string): T {
    const item = items.find((i) => lower(i.id) === lower(id));
    if (!item) throw armFailure(404, 'ResourceNotFound', `The Resource '${id.split('/').pop() ?? ''}' was not found.`);
    return item;
  }

  listSubscriptions(request: PageRequest): Promise<Page<Subscription>> {
    return this.read('subscriptions', request.signal, () => ({ items: this.estate.subscriptions }));
  }
  listRegistries(subscriptionId: string, request: PageRequest): Promise<Page<Registry>> {
    return this.read(`registries ${subscriptionId}`, request.signal, () => ({ items: this.estate.registries.filter((r) => r.subscriptionId === subscriptionId) }));
  }
  getRegistry(id: string, signal?: AbortSignal): Promise<Registry> {
    return this.read(`registry ${id}`, signal, () => this.find(this.estate.registries, id));
  }
  listReplications(id: string, signal?: AbortSignal) {
    return this.read(`replications ${id}`, signal, () => []);
  }
  listPrivateEndpointConnections(id: string, signal?: AbortSignal) {
    return this.read(`connections ${id}`, signal, () => this.find(this.estate.registries, id).privateEndpointConnections);
  }
  listRegistryUsages(id: string, signal?: AbortSignal) {
    return this.read(`usages ${id}`, signal, () => [{ name: 'PrivateEndpointConnections', limit: 200, currentValue: 1, unit: 'Count' }]);
  }
  getPrivateEndpoint(id: string, signal?: AbortSignal) {
    return this.read(`endpoint ${id}`, signal, () => this.find(this.estate.endpoints, id));
  }
  listPrivateDnsZoneGroups(id: string, signal?: AbortSignal) {
    return this.read(`zoneGroups ${id}`, signal, () => []);
  }
  getNetworkInterface(id: string, signal?: AbortSignal) {
    return this.read(`nic ${id}`, signal, () => this.find(this.estate.nics, id));
  }
  getVirtualNetwork(id: string, signal?: AbortSignal) {
    return this.read(`vnet ${id}`, signal, () => this.find(this.estate.vnets, id));
  }
  listPrivateDnsZones(subscriptionId: string, signal?: AbortSignal) {
    return this.read(`zones ${subscriptionId}`, signal, () => this.estate.zones.filter((z) => z.subscriptionId === subscriptionId));
  }
  listVirtualNetworkLinks(id: string, signal?: AbortSignal) {
    return this.read(`links ${id}`, signal, () => this.estate.links.filter((l) => under(l.id, id)));
  }
  listARecordSets(id: string, signal?: AbortSignal) {
    return this.read(`records ${id}`, signal, () => this.estate.records.filter((r) => under(r.id, id)));
  }
  readGraphInventory(subscriptionIds: string[], signal?: AbortSignal): Promise<GraphInventory> {
    const wanted = new Set(subscriptionIds.map(lower));
    const shown = <T extends { id: string }>(items: T[]): T[] =>
      items.filter((i) => wanted.has(lower(i.id.split('/')[2] ?? '')) && !this.notInGraph.has(lower(i.id)));
    return this.read(`graph ${subscriptionIds.length}`, signal, () => ({
      subscriptionIds: [...wanted],
      registries: shown(this.estate.registries),
      replications: [],
      privateEndpoints: shown(this.estate.endpoints),
      networkInterfaces: shown(this.estate.nics),
      virtualNetworks: shown(this.estate.vnets),
      privateDnsZones: shown(this.estate.zones),
      virtualNetworkLinks: shown(this.estate.links),
      // Resource Graph rows carry no etag.
      ...(this.graphRecordsFail ? {} : { aRecordSets: shown(this.estate.records).map((r) => ({ ...r, etag: '' })) }),
    }));
  }
  getNetworkSecurityGroup(id: string, signal?: AbortSignal) {
    return this.read(`nsg ${id}`, signal, () => this.find(this.estate.nsgs ?? [], id));
  }
  getRouteTable(id: string, signal?: AbortSignal) {
    return this.read(`routeTable ${id}`, signal, () => this.find(this.estate.routeTables ?? [], id));
  }
  getProviderRegistrationState(subscriptionId: string, namespace: string, signal?: AbortSignal) {
    return this.read(`provider ${subscriptionId}`, signal, () => (namespace === 'Microsoft.ContainerRegistry' ? 'Registered' : 'NotRegistered'));
  }
}
