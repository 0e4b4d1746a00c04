// Microsoft.Network DNS Private Resolver (api 2022-07-01): resolvers in a VNet, their inbound endpoints
// (an address allocated in a subnet of that VNet), DNS forwarding rulesets with their forwarding rules
// and VNet links; and VNet peerings (Connected once both sides have peered, Initiated until then).
// The PUTs finish at once (Azure runs them as long-running operations); outbound endpoints are kept as
// the ids a ruleset names, not modelled as resources.

import { badRequest, conflict, resourceNotFound } from '../arm/errors';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { allocate, cidrContains, parseCidr } from '../ipam';
import { newGuid, providerId, sameId } from '../ids';
import {
  key,
  listUnder,
  type DnsForwardingRulesetRecord,
  type DnsResolverRecord,
  type ForwardingRuleRecord,
  type InboundEndpointRecord,
  type RulesetLinkRecord,
  type SandboxState,
  type VirtualNetworkRecord,
} from '../state';
import {
  arrayProp,
  bodyObject,
  checkNetworkName,
  checkPreconditions,
  enumProp,
  isObject,
  objectProp,
  requireGroup,
  requireObjectProp,
  requireStringProp,
  stringProp,
  tagsProp,
} from './common';
import { listRoutes } from './listRoutes';
import { findSubnet, usedAddresses } from './sideEffects';

const NET = 'Microsoft.Network';
const rg = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';
const resolverPath = `${rg}/dnsResolvers/{dnsResolverName}`;
const rulesetPath = `${rg}/dnsForwardingRulesets/{dnsForwardingRulesetName}`;
const vnetPath = `${rg}/virtualNetworks/{virtualNetworkName}`;
const f = 'dnsResolver' as const;

const coll = <K extends 'dnsResolvers' | 'inboundEndpoints' | 'dnsForwardingRulesets' | 'forwardingRules' | 'rulesetLinks'>(state: SandboxState, k: K): NonNullable<SandboxState[K]> =>
  (state[k] ??= {} as NonNullable<SandboxState[K]>) as NonNullable<SandboxState[K]>;

const etagOf = (): string => `"${newGuid()}"`;
const location = (body: Record<string, unknown>): string => requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');

// ---- rendering ----------------------------------------------------------------------------------

/** A resource with a location (a resolver, an inbound endpoint, a ruleset) as ARM shows it. */
function renderTracked(r: { id: string; name: string; location: string; tags?: Record<string, string> }, type: string, properties: Record<string, unknown>): unknown {
  return { id: r.id, name: r.name, type, location: r.location, ...(r.tags ? { tags: r.tags } : {}), etag: etagOf(), properties };
}

export function renderResolver(_ctx: ArmContext, r: DnsResolverRecord): unknown {
  return renderTracked(r, 'Microsoft.Network/dnsResolvers', { virtualNetwork: { id: r.virtualNetworkId }, dnsResolverState: 'Connected', provisioningState: 'Succeeded', resourceGuid: newGuid() });
}

export function renderInboundEndpoint(e: InboundEndpointRecord): unknown {
  return renderTracked(e, 'Microsoft.Network/dnsResolvers/inboundEndpoints', {
    ipConfigurations: e.ipConfigurations.map((c) => ({ subnet: { id: c.subnetId }, privateIpAddress: c.privateIpAddress, privateIpAllocationMethod: c.privateIpAllocationMethod })),
    provisioningState: 'Succeeded',
    resourceGuid: newGuid(),
  });
}

export function renderRuleset(_ctx: ArmContext, r: DnsForwardingRulesetRecord): unknown {
  return renderTracked(r, 'Microsoft.Network/dnsForwardingRulesets', { dnsResolverOutboundEndpoints: r.outboundEndpointIds.map((id) => ({ id })), provisioningState: 'Succeeded', resourceGuid: newGuid() });
}

function renderRule(r: ForwardingRuleRecord): unknown {
  return {
    id: r.id,
    name: r.name,
    type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules',
    etag: r.etag,
    properties: {
      domainName: r.domainName,
      targetDnsServers: r.targetDnsServers.map((t) => ({ ipAddress: t.ipAddress, port: t.port })),
      ...(r.metadata ? { metadata: r.metadata } : {}),
      forwardingRuleState: r.forwardingRuleState,
      provisioningState: 'Succeeded',
    },
  };
}

function renderRulesetLink(l: RulesetLinkRecord): unknown {
  return {
    id: l.id,
    name: l.name,
    type: 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks',
    etag: l.etag,
    properties: { virtualNetwork: { id: l.virtualNetworkId }, ...(l.metadata ? { metadata: l.metadata } : {}), provisioningState: 'Succeeded' },
  };
}

/** A VNet's peerings as its GET shows them: Connected when the remote VNet has peered back. */
export function renderPeerings(state: SandboxState, v: VirtualNetworkRecord): unknown[] {
  return (v.peerings ?? []).map((p) => {
    const remote = state.virtualNetworks[key(p.remoteVirtualNetworkId)];
    const back = remote?.peerings?.some((q) => sameId(q.remoteVirtualNetworkId, v.id));
    const state_ = !remote ? 'Disconnected' : back ? 'Connected' : 'Initiated';
    return {
      id: `${v.id}/virtualNetworkPeerings/${p.name}`,
      name: p.name,
      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      etag: `W/"${newGuid()}"`,
      properties: {
        provisioningState: 'Succeeded',
        peeringState: state_,
        peeringSyncLevel: state_ === 'Connected' ? 'FullyInSync' : 'RemoteNotInSync',
        remoteVirtualNetwork: { id: p.remoteVirtualNetworkId },
        allowVirtualNetworkAccess: p.allowVirtualNetworkAccess,
        allowForwardedTraffic: p.allowForwardedTraffic,
        allowGatewayTransit: false,
        useRemoteGateways: false,
        remoteAddressSpace: { addressPrefixes: [...(remote?.addressPrefixes ?? [])] },
      },
    };
  });
}

// ---- lookups ------------------------------------------------------------------------------------

/** A resource of a resource group named by the request's `{nameParam}`, or Azure's ResourceNotFound. */
function findInGroup<T>(req: ArmRequest, records: Record<string, T>, resourceType: string, nameParam: string): T {
  const name = param(req, nameParam);
  const r = records[key(providerId(param(req, 'subscriptionId'), param(req, 'resourceGroupName'), NET, resourceType, name))];
  if (!r) throw resourceNotFound(`${NET}/${resourceType}`, name, param(req, 'resourceGroupName'));
  return r;
}

const findVnet = (req: ArmRequest, ctx: ArmContext): VirtualNetworkRecord => findInGroup(req, ctx.state.virtualNetworks, 'virtualNetworks', 'virtualNetworkName');

/** A type of resource of a resource group (a resolver, a ruleset), parent of child types. */
interface GroupType<P extends { id: string }> {
  path: string;
  /** Its type under Microsoft.Network, e.g. `dnsResolvers`. */
  type: 'dnsResolvers' | 'dnsForwardingRulesets';
  /** The path parameter of its name, e.g. `dnsResolverName`. */
  nameParam: string;
  records: (state: SandboxState) => Record<string, P>;
  render: (ctx: ArmContext, record: P) => unknown;
}

const resolvers: GroupType<DnsResolverRecord> = { path: resolverPath, type: 'dnsResolvers', nameParam: 'dnsResolverName', records: (s) => coll(s, 'dnsResolvers'), render: renderResolver };
const rulesets: GroupType<DnsForwardingRulesetRecord> = {
  path: rulesetPath,
  type: 'dnsForwardingRulesets',
  nameParam: 'dnsForwardingRulesetName',
  records: (s) => coll(s, 'dnsForwardingRulesets'),
  render: renderRuleset,
};

const find = <P extends { id: string }>(t: GroupType<P>, req: ArmRequest, ctx: ArmContext): P => findInGroup(req, t.records(ctx.state), t.type, t.nameParam);

// ---- writes -------------------------------------------------------------------------------------

/** What a PUT reads: its id and name (as first written, when it exists), and the body. */
interface Write<T> {
  req: ArmRequest;
  ctx: ArmContext;
  id: string;
  name: string;
  existing: T | undefined;
  body: Record<string, unknown>;
  props: Record<string, unknown>;
}

/** A resolver's or ruleset's PUT: the body's location too. */
interface GroupWrite<T> extends Write<T> {
  location: string;
}

/** A child's PUT: its parent too. */
interface ChildWrite<P, T> extends Write<T> {
  parent: P;
}

/**
 * The PUT of a resolver or a ruleset: the resource group must exist, the name be one Azure takes, the
 * body have a location and properties; `write` checks the properties and makes the record.
 */
function putInGroup<T extends { id: string; name: string }>(t: GroupType<T>, write: (w: GroupWrite<T>) => T): (req: ArmRequest, ctx: ArmContext) => ArmResponse {
  return (req, ctx) => {
    const sub = param(req, 'subscriptionId');
    const group = param(req, 'resourceGroupName');
    const name = param(req, t.nameParam);
    requireGroup(ctx, sub, group);
    checkNetworkName(name);
    const body = bodyObject(req);
    const loc = location(body);
    const props = requireObjectProp(body, 'properties', 'properties');
    const id = providerId(sub, group, NET, t.type, name);
    const records = t.records(ctx.state);
    const existing = records[key(id)];
    const record = write({ req, ctx, id: existing?.id ?? id, name: existing?.name ?? name, existing, body, props, location: loc });
    records[key(id)] = record;
    return { status: existing ? 200 : 201, body: t.render(ctx, record) };
  };
}

function writeResolver({ ctx, id, name, existing, body, props, location }: GroupWrite<DnsResolverRecord>): DnsResolverRecord {
  const vnetId = requireStringProp(requireObjectProp(props, 'virtualNetwork', 'properties.virtualNetwork'), 'id', 'properties.virtualNetwork.id');
  const vnet = ctx.state.virtualNetworks[key(vnetId)];
  if (!vnet) throw badRequest('InvalidResourceReference', `Virtual network ${vnetId} referenced by the DNS resolver was not found.`);
  if (!existing && Object.values(resolvers.records(ctx.state)).some((r) => sameId(r.virtualNetworkId, vnet.id))) {
    throw conflict('Conflict', `Virtual network ${vnet.name} already has a DNS resolver; a virtual network can have only one.`);
  }
  const tags = tagsProp(body);
  return { id, name, location, virtualNetworkId: vnet.id, ...(tags ? { tags } : {}) };
}

function writeInboundEndpoint({ ctx, parent: resolver, id, name, existing, body, props }: ChildWrite<DnsResolverRecord, InboundEndpointRecord>): InboundEndpointRecord {
  const loc = location(body);
  const configs = arrayProp(props, 'ipConfigurations', 'properties.ipConfigurations');
  if (!configs || configs.length !== 1) throw badRequest('BadRequest', "An inbound endpoint needs exactly one entry in 'properties.ipConfigurations'.");
  const c = configs[0];
  if (!isObject(c)) throw badRequest('BadRequest', "'properties.ipConfigurations[0]' must be an object.");
  const subnetId = requireStringProp(requireObjectProp(c, 'subnet', 'properties.ipConfigurations[0].subnet'), 'id', 'properties.ipConfigurations[0].subnet.id');
  const found = findSubnet(ctx, subnetId);
  if (!found || !sameId(found.vnet.id, resolver.virtualNetworkId)) {
    throw badRequest('InvalidResourceReference', `Subnet ${subnetId} is not in the virtual network of DNS resolver ${resolver.name}.`);
  }
  const method = enumProp(c, 'privateIpAllocationMethod', 'properties.ipConfigurations[0].privateIpAllocationMethod', ['Dynamic', 'Static'] as const) ?? 'Dynamic';
  let ip = existing?.ipConfigurations[0]?.privateIpAddress;
  if (!ip) {
    const asked = stringProp(c, 'privateIpAddress', 'properties.ipConfigurations[0].privateIpAddress');
    if (method === 'Static') {
      const subnetCidr = parseCidr(found.subnet.addressPrefix);
      const askedCidr = asked ? parseCidr(`${asked}/32`) : undefined;
      if (!asked || !subnetCidr || !askedCidr || !cidrContains(subnetCidr, askedCidr)) throw badRequest('BadRequest', `A static inbound endpoint needs a privateIpAddress in ${found.subnet.addressPrefix}.`);
      if (usedAddresses(ctx, subnetId).has(asked)) throw conflict('Conflict', `The address ${asked} is already in use in subnet ${found.subnet.name}.`);
      ip = asked;
    } else {
      ip = allocate(found.subnet.addressPrefix, usedAddresses(ctx, subnetId), 1)?.[0];
      if (!ip) throw badRequest('SubnetIsFull', `Subnet ${found.subnet.name} has no free address for the inbound endpoint.`);
    }
  }
  const tags = tagsProp(body);
  return { id, name, location: loc, ...(tags ? { tags } : {}), ipConfigurations: [{ subnetId: found.subnet.id, privateIpAddress: ip, privateIpAllocationMethod: method }] };
}

function writeRuleset({ id, name, body, props, location }: GroupWrite<DnsForwardingRulesetRecord>): DnsForwardingRulesetRecord {
  const outbound = arrayProp(props, 'dnsResolverOutboundEndpoints', 'properties.dnsResolverOutboundEndpoints');
  if (!outbound || outbound.length === 0) throw badRequest('BadRequest', "A DNS forwarding ruleset needs at least one entry in 'properties.dnsResolverOutboundEndpoints'.");
  const outboundEndpointIds = outbound.map((o, i) => requireStringProp(isObject(o) ? o : {}, 'id', `properties.dnsResolverOutboundEndpoints[${i}].id`));
  const tags = tagsProp(body);
  return { id, name, location, outboundEndpointIds, ...(tags ? { tags } : {}) };
}

function writeRule({ req, id, name, existing, props }: ChildWrite<DnsForwardingRulesetRecord, ForwardingRuleRecord>): ForwardingRuleRecord {
  const domainName = requireStringProp(props, 'domainName', 'properties.domainName');
  // Azure takes domain names fully qualified, with the trailing dot.
  if (!domainName.endsWith('.')) throw badRequest('BadRequest', `The domain name '${domainName}' must be fully qualified, ending with a dot (for example 'azurecr.io.').`);
  const targets = arrayProp(props, 'targetDnsServers', 'properties.targetDnsServers');
  if (!targets || targets.length === 0) throw badRequest('BadRequest', "A forwarding rule needs at least one entry in 'properties.targetDnsServers'.");
  const targetDnsServers = targets.map((t, i) => {
    const o = isObject(t) ? t : {};
    const ipAddress = requireStringProp(o, 'ipAddress', `properties.targetDnsServers[${i}].ipAddress`);
    const port = o['port'] ?? 53;
    if (typeof port !== 'number') throw badRequest('BadRequest', `'properties.targetDnsServers[${i}].port' must be a number.`);
    return { ipAddress, port };
  });
  const state = enumProp(props, 'forwardingRuleState', 'properties.forwardingRuleState', ['Enabled', 'Disabled'] as const) ?? 'Enabled';
  checkPreconditions(req, existing, `Forwarding rule ${name}`);
  const metadata = objectProp(props, 'metadata', 'properties.metadata') as Record<string, string> | undefined;
  return { id, name, etag: etagOf(), domainName, targetDnsServers, forwardingRuleState: state, ...(metadata ? { metadata } : {}) };
}

function writeRulesetLink({ req, ctx, id, name, existing, props }: ChildWrite<DnsForwardingRulesetRecord, RulesetLinkRecord>): RulesetLinkRecord {
  const vnetId = requireStringProp(requireObjectProp(props, 'virtualNetwork', 'properties.virtualNetwork'), 'id', 'properties.virtualNetwork.id');
  const vnet = ctx.state.virtualNetworks[key(vnetId)];
  if (!vnet) throw badRequest('InvalidResourceReference', `Virtual network ${vnetId} referenced by the virtual network link was not found.`);
  const links = coll(ctx.state, 'rulesetLinks');
  checkPreconditions(req, existing, `Virtual network link ${name}`);
  if (!existing && Object.values(links).some((l) => sameId(l.virtualNetworkId, vnet.id))) {
    throw conflict('Conflict', `Virtual network ${vnet.name} is already linked to a DNS forwarding ruleset; a virtual network can be linked to only one.`);
  }
  const metadata = objectProp(props, 'metadata', 'properties.metadata') as Record<string, string> | undefined;
  return { id, name, etag: etagOf(), virtualNetworkId: vnet.id, ...(metadata ? { metadata } : {}) };
}

function putPeering(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const vnet = findVnet(req, ctx);
  const name = param(req, 'virtualNetworkPeeringName');
  checkNetworkName(name);
  const body = bodyObject(req);
  const props = requireObjectProp(body, 'properties', 'properties');
  const remoteId = requireStringProp(requireObjectProp(props, 'remoteVirtualNetwork', 'properties.remoteVirtualNetwork'), 'id', 'properties.remoteVirtualNetwork.id');
  const remote = ctx.state.virtualNetworks[key(remoteId)];
  if (!remote) throw badRequest('InvalidResourceReference', `Remote virtual network ${remoteId} referenced by peering ${name} was not found.`);
  if (sameId(remote.id, vnet.id)) throw badRequest('BadRequest', 'A virtual network cannot be peered with itself.');
  const peerings = (vnet.peerings ??= []);
  const existing = peerings.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!existing && peerings.some((p) => sameId(p.remoteVirtualNetworkId, remote.id))) throw conflict('Conflict', `${vnet.name} is already peered with ${remote.name}.`);
  const flag = (n: string, d: boolean): boolean => (typeof props[n] === 'boolean' ? (props[n] as boolean) : d);
  const record = { name: existing?.name ?? name, remoteVirtualNetworkId: remote.id, allowVirtualNetworkAccess: flag('allowVirtualNetworkAccess', true), allowForwardedTraffic: flag('allowForwardedTraffic', false) };
  vnet.peerings = existing ? peerings.map((p) => (p === existing ? record : p)) : [...peerings, record];
  const rendered = renderPeerings(ctx.state, vnet).find((p) => (p as { name: string }).name === record.name);
  return { status: existing ? 200 : 201, body: rendered };
}

function deleteChild(records: Record<string, { id: string }>, id: string): ArmResponse {
  if (!records[key(id)]) return { status: 204 };
  delete records[key(id)];
  return { status: 200 };
}

/**
 * The list, GET, PUT and DELETE of a child type under its parent (a resolver's inbound endpoints, a
 * ruleset's forwarding rules and virtual network links): the parent must exist, the child's id is
 * `{parent id}/{segment}/{name}` and its name the path parameter `{segment minus its s}Name`
 * (`inboundEndpoints/{inboundEndpointName}`). `write` checks a PUT's body and makes the record.
 */
function childRoutes<P extends { id: string }, T extends { id: string; name: string }>(
  parent: GroupType<P>,
  segment: string,
  records: (state: SandboxState) => Record<string, T>,
  render: (record: T) => unknown,
  write: (w: ChildWrite<P, T>) => T,
): Route[] {
  const nameParam = `${segment.replace(/s$/, '')}Name`;
  const list = `${parent.path}/${segment}`;
  const item = `${list}/{${nameParam}}`;
  const idOf = (req: ArmRequest, ctx: ArmContext): string => `${find(parent, req, ctx).id}/${segment}/${param(req, nameParam)}`;
  return [
    route('GET', list, f, (req, ctx) => ({ status: 200, body: paged(listUnder(records(ctx.state), `${find(parent, req, ctx).id}/${segment}`).map(render), req, ctx) })),
    route('GET', item, f, (req, ctx) => {
      const r = records(ctx.state)[key(idOf(req, ctx))];
      if (!r) throw resourceNotFound(`${NET}/${parent.type}/${segment}`, param(req, nameParam), param(req, 'resourceGroupName'));
      return { status: 200, body: render(r) };
    }),
    route('PUT', item, f, (req, ctx) => {
      const p = find(parent, req, ctx);
      const name = param(req, nameParam);
      checkNetworkName(name);
      const body = bodyObject(req);
      const props = requireObjectProp(body, 'properties', 'properties');
      const id = `${p.id}/${segment}/${name}`;
      const existing = records(ctx.state)[key(id)];
      const record = write({ req, ctx, parent: p, id: existing?.id ?? id, name: existing?.name ?? name, existing, body, props });
      records(ctx.state)[key(id)] = record;
      return { status: existing ? 200 : 201, body: render(record) };
    }),
    route('DELETE', item, f, (req, ctx) => deleteChild(records(ctx.state), idOf(req, ctx))),
  ];
}

export function dnsResolverRoutes(): Route[] {
  return [
    ...listRoutes(f, 'Microsoft.Network/dnsResolvers', resolvers.records, renderResolver),
    ...listRoutes(f, 'Microsoft.Network/dnsForwardingRulesets', rulesets.records, renderRuleset),
    route('GET', resolverPath, f, (req, ctx) => ({ status: 200, body: renderResolver(ctx, find(resolvers, req, ctx)) })),
    route('PUT', resolverPath, f, putInGroup(resolvers, writeResolver)),
    route('DELETE', resolverPath, f, (req, ctx) => {
      const r = find(resolvers, req, ctx);
      if (listUnder(coll(ctx.state, 'inboundEndpoints'), `${r.id}/inboundEndpoints`).length > 0) throw conflict('Conflict', `DNS resolver ${r.name} has inbound endpoints; delete them first.`);
      return deleteChild(coll(ctx.state, 'dnsResolvers'), r.id);
    }),
    ...childRoutes(resolvers, 'inboundEndpoints', (state) => coll(state, 'inboundEndpoints'), renderInboundEndpoint, writeInboundEndpoint),
    route('GET', rulesetPath, f, (req, ctx) => ({ status: 200, body: renderRuleset(ctx, find(rulesets, req, ctx)) })),
    route('PUT', rulesetPath, f, putInGroup(rulesets, writeRuleset)),
    route('DELETE', rulesetPath, f, (req, ctx) => {
      const r = find(rulesets, req, ctx);
      const rules = coll(ctx.state, 'forwardingRules');
      const links = coll(ctx.state, 'rulesetLinks');
      for (const x of listUnder(rules, r.id)) delete rules[key(x.id)];
      for (const x of listUnder(links, r.id)) delete links[key(x.id)];
      return deleteChild(coll(ctx.state, 'dnsForwardingRulesets'), r.id);
    }),
    ...childRoutes(rulesets, 'forwardingRules', (state) => coll(state, 'forwardingRules'), renderRule, writeRule),
    ...childRoutes(rulesets, 'virtualNetworkLinks', (state) => coll(state, 'rulesetLinks'), renderRulesetLink, writeRulesetLink),
    route('GET', `${vnetPath}/virtualNetworkPeerings`, 'network', (req, ctx) => ({ status: 200, body: paged(renderPeerings(ctx.state, findVnet(req, ctx)), req, ctx) })),
    route('GET', `${vnetPath}/virtualNetworkPeerings/{virtualNetworkPeeringName}`, 'network', (req, ctx) => {
      const v = findVnet(req, ctx);
      const p = renderPeerings(ctx.state, v).find((x) => (x as { name: string }).name.toLowerCase() === param(req, 'virtualNetworkPeeringName').toLowerCase());
      if (!p) throw resourceNotFound(`${NET}/virtualNetworks/virtualNetworkPeerings`, param(req, 'virtualNetworkPeeringName'), param(req, 'resourceGroupName'));
      return { status: 200, body: p };
    }),
    route('PUT', `${vnetPath}/virtualNetworkPeerings/{virtualNetworkPeeringName}`, 'network', putPeering),
    route('DELETE', `${vnetPath}/virtualNetworkPeerings/{virtualNetworkPeeringName}`, 'network', (req, ctx) => {
      const v = findVnet(req, ctx);
      const before = v.peerings ?? [];
      v.peerings = before.filter((p) => p.name.toLowerCase() !== param(req, 'virtualNetworkPeeringName').toLowerCase());
      return { status: before.length === v.peerings.length ? 204 : 200 };
    }),
  ];
}
