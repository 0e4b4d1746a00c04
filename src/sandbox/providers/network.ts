// Microsoft.Network: virtual networks and subnets, private endpoints with their NICs and zone groups.

import { createHash } from 'node:crypto';
import { ArmError, badRequest, childNotFound, resourceNotFound } from '../arm/errors';
import { acceptedDelete, acceptedPut, lroUrls } from '../arm/lro';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { allocate, cidrContains, cidrOverlaps, parseCidr } from '../ipam';
import { newGuid, parseId, providerId, sameId } from '../ids';
import {
  key,
  listUnder,
  type EndpointConnectionRecord,
  type NetworkInterfaceRecord,
  type PrivateDnsZoneGroupRecord,
  type PrivateEndpointRecord,
  type SandboxState,
  type SubnetRecord,
  type VirtualNetworkRecord,
} from '../state';
import {
  arrayProp,
  bodyObject,
  checkNetworkName,
  enumProp,
  isObject,
  objectProp,
  requireGroup,
  requireObjectProp,
  requireStringProp,
  stringProp,
  tagsProp,
  type JsonObject,
} from './common';
import { findRegistry, LEGACY_PRIVATE_ENDPOINT_LIMIT, PRIVATE_ENDPOINT_LIMIT, registryConnections, requiredMembers } from './containerRegistry';
import { renderPeerings } from './dnsResolver';
import { listRoutes } from './listRoutes';
import { findSubnet, nicsInSubnet, removeZoneGroupRecords, subnetIsFull, usedAddresses, writeZoneGroupRecords } from './sideEffects';

const NET = 'Microsoft.Network';
const rgBase = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';
const etagOf = (): string => `W/"${newGuid()}"`;

/** A resource's `resourceGuid`: the same on every read of the same resource. */
function stableGuid(id: string): string {
  const h = createHash('sha1').update(id.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const scopeOf = (id: string, location: string): { subscriptionId: string; resourceGroupName: string; location: string } => {
  const p = parseId(id);
  return { subscriptionId: p?.subscriptionId ?? '', resourceGroupName: p?.resourceGroupName ?? '', location };
};

// ---- rendering ----------------------------------------------------------------------------------

function renderSubnet(ctx: ArmContext, s: SubnetRecord, provisioningState = 'Succeeded'): unknown {
  const nics = nicsInSubnet(ctx, s.id);
  const ipConfigurations = nics.flatMap((nic) => nic.ipConfigurations.filter((c) => sameId(c.subnetId, s.id)).map((c) => ({ id: `${nic.id}/ipConfigurations/${c.name}` })));
  const privateEndpoints = nics.filter((n) => n.privateEndpointId).map((n) => ({ id: n.privateEndpointId }));
  return {
    id: s.id,
    name: s.name,
    etag: etagOf(),
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: {
      addressPrefix: s.addressPrefix,
      provisioningState,
      ...(ipConfigurations.length ? { ipConfigurations } : {}),
      ...(privateEndpoints.length ? { privateEndpoints } : {}),
      delegations: s.delegations ?? [],
      privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies,
      privateLinkServiceNetworkPolicies: s.privateLinkServiceNetworkPolicies,
      ...(s.networkSecurityGroupId ? { networkSecurityGroup: { id: s.networkSecurityGroupId } } : {}),
      ...(s.routeTableId ? { routeTable: { id: s.routeTableId } } : {}),
    },
  };
}

export function renderVnet(ctx: ArmContext, v: VirtualNetworkRecord, provisioningState = 'Succeeded'): unknown {
  return {
    id: v.id,
    name: v.name,
    type: 'Microsoft.Network/virtualNetworks',
    location: v.location,
    ...(v.tags ? { tags: v.tags } : {}),
    etag: etagOf(),
    properties: {
      addressSpace: { addressPrefixes: [...v.addressPrefixes] },
      dhcpOptions: { dnsServers: [...v.dnsServers] },
      subnets: v.subnets.map((s) => renderSubnet(ctx, s, provisioningState)),
      virtualNetworkPeerings: renderPeerings(ctx.state, v),
      provisioningState,
      enableDdosProtection: false,
      resourceGuid: stableGuid(v.id),
    },
  };
}

export function renderNic(n: NetworkInterfaceRecord): unknown {
  return {
    name: n.name,
    id: n.id,
    etag: etagOf(),
    location: n.location,
    ...(n.tags ? { tags: n.tags } : {}),
    properties: {
      provisioningState: 'Succeeded',
      ipConfigurations: n.ipConfigurations.map((c) => ({
        name: c.name,
        id: `${n.id}/ipConfigurations/${c.name}`,
        type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
        properties: {
          provisioningState: 'Succeeded',
          privateIPAddress: c.privateIPAddress,
          privateIPAllocationMethod: 'Dynamic',
          subnet: { id: c.subnetId },
          primary: c.primary,
          privateIPAddressVersion: 'IPv4',
          ...(c.privateLinkConnectionProperties
            ? { privateLinkConnectionProperties: { groupId: c.privateLinkConnectionProperties.groupId, requiredMemberName: c.privateLinkConnectionProperties.requiredMemberName, fqdns: [...c.privateLinkConnectionProperties.fqdns] } }
            : {}),
        },
      })),
      dnsSettings: { dnsServers: [], appliedDnsServers: [], internalDomainNameSuffix: 'sandbox.internal.cloudapp.net' },
      macAddress: n.macAddress,
      enableAcceleratedNetworking: false,
      vnetEncryptionSupported: false,
      enableIPForwarding: false,
      disableTcpStateTracking: false,
      hostedWorkloads: [],
      tapConfigurations: [],
      nicType: 'Standard',
      allowPort25Out: false,
      auxiliaryMode: 'None',
      auxiliarySku: 'None',
      primary: n.virtualMachineId !== undefined ? true : undefined,
      ...(n.virtualMachineId ? { virtualMachine: { id: n.virtualMachineId } } : {}),
      ...(n.privateEndpointId ? { privateEndpoint: { id: n.privateEndpointId } } : {}),
    },
    type: 'Microsoft.Network/networkInterfaces',
  };
}

function renderEndpointConnection(c: EndpointConnectionRecord, kind: 'privateLinkServiceConnections' | 'manualPrivateLinkServiceConnections', peId: string): unknown {
  return {
    name: c.name,
    id: `${peId}/${kind}/${c.name}`,
    etag: etagOf(),
    type: `Microsoft.Network/privateEndpoints/${kind}`,
    properties: {
      provisioningState: 'Succeeded',
      privateLinkServiceId: c.privateLinkServiceId,
      groupIds: [...c.groupIds],
      ...(c.requestMessage !== undefined ? { requestMessage: c.requestMessage } : {}),
      privateLinkServiceConnectionState: { ...c.privateLinkServiceConnectionState },
    },
  };
}

export function renderEndpoint(ctx: ArmContext, pe: PrivateEndpointRecord, provisioningState = 'Succeeded'): unknown {
  const nic = ctx.state.networkInterfaces[key(pe.networkInterfaceId)];
  const members = nic?.ipConfigurations.filter((c) => c.privateLinkConnectionProperties) ?? [];
  return {
    name: pe.name,
    id: pe.id,
    etag: etagOf(),
    type: 'Microsoft.Network/privateEndpoints',
    location: pe.location,
    ...(pe.tags ? { tags: pe.tags } : {}),
    properties: {
      provisioningState,
      privateLinkServiceConnections: pe.privateLinkServiceConnections.map((c) => renderEndpointConnection(c, 'privateLinkServiceConnections', pe.id)),
      manualPrivateLinkServiceConnections: pe.manualPrivateLinkServiceConnections.map((c) => renderEndpointConnection(c, 'manualPrivateLinkServiceConnections', pe.id)),
      subnet: { id: pe.subnetId },
      networkInterfaces: [{ id: pe.networkInterfaceId }],
      customDnsConfigs: members.map((c) => ({ fqdn: c.privateLinkConnectionProperties?.fqdns[0] ?? '', ipAddresses: [c.privateIPAddress] })),
      applicationSecurityGroups: [],
      ipConfigurations: [],
      customNetworkInterfaceName: pe.customNetworkInterfaceName ?? '',
      resourceGuid: stableGuid(pe.id),
      ipVersionType: 'IPv4',
    },
  };
}

function renderZoneGroup(ctx: ArmContext, g: PrivateDnsZoneGroupRecord, provisioningState = 'Succeeded'): unknown {
  return {
    name: g.name,
    id: g.id,
    etag: etagOf(),
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    properties: {
      provisioningState,
      privateDnsZoneConfigs: g.privateDnsZoneConfigs.map((config) => {
        const zone = ctx.state.privateDnsZones[key(config.privateDnsZoneId)];
        // What the group wrote (Azure keeps it in the group's configuration), or for scenario-built
        // groups the records they manage.
        const records =
          g.writtenRecordSets?.filter((w) => sameId(w.zoneId, config.privateDnsZoneId)).map((w) => ({ name: w.name, ttl: 10, ips: w.ipAddresses })) ??
          Object.values(ctx.state.aRecordSets[key(config.privateDnsZoneId)] ?? {})
            .filter((r) => sameId(r.managedByZoneGroupId, g.id))
            .map((r) => ({ name: r.name, ttl: r.ttl, ips: r.aRecords.map((a) => a.ipv4Address) }));
        return {
          name: config.name,
          id: `${g.id}/privateDnsZoneConfigs/${config.name}`,
          properties: {
            privateDnsZoneId: config.privateDnsZoneId,
            recordSets: records.map((r) => ({
              recordType: 'A',
              recordSetName: r.name,
              fqdn: `${r.name}.${zone?.name ?? ''}`,
              provisioningState: 'Succeeded',
              ttl: r.ttl,
              ipAddresses: r.ips,
            })),
          },
        };
      }),
    },
  };
}

// ---- lookups ------------------------------------------------------------------------------------

/** The resource types here that live directly in a resource group; each is also the state's collection of them. */
interface TrackedRecords {
  virtualNetworks: VirtualNetworkRecord;
  privateEndpoints: PrivateEndpointRecord;
  networkInterfaces: NetworkInterfaceRecord;
}
type TrackedType = keyof TrackedRecords;
// Spelled out per key so that indexing it with a generic K yields that key's record, not the union.
type TrackedCollections = { [K in TrackedType]: Record<string, TrackedRecords[K]> };

/** The resource a route names, once its subscription and resource group are known to exist (they answer 404 first). */
function findTracked<K extends TrackedType>(req: ArmRequest, ctx: ArmContext, type: K, nameParam: string): TrackedRecords[K] | undefined {
  const sub = param(req, 'subscriptionId');
  const rg = param(req, 'resourceGroupName');
  requireGroup(ctx, sub, rg);
  const collections: TrackedCollections = ctx.state;
  return collections[type][key(providerId(sub, rg, NET, type, param(req, nameParam)))];
}

function requireTracked<K extends TrackedType>(req: ArmRequest, ctx: ArmContext, type: K, nameParam: string): TrackedRecords[K] {
  const found = findTracked(req, ctx, type, nameParam);
  if (!found) throw resourceNotFound(`${NET}/${type}`, param(req, nameParam), param(req, 'resourceGroupName'));
  return found;
}

/** What every PUT of a tracked resource reads first, in the order its errors take precedence. */
function readTrackedPut(req: ArmRequest, ctx: ArmContext, type: TrackedType, nameParam: string): { sub: string; rg: string; name: string; id: string; body: JsonObject; location: string; props: JsonObject } {
  const sub = param(req, 'subscriptionId');
  const rg = param(req, 'resourceGroupName');
  const name = param(req, nameParam);
  requireGroup(ctx, sub, rg);
  checkNetworkName(name);
  const body = bodyObject(req);
  // ARM stores locations in their short form: 'West Europe' becomes 'westeurope'.
  const location = requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');
  const props = requireObjectProp(body, 'properties', 'properties');
  return { sub, rg, name, id: providerId(sub, rg, NET, type, name), body, location, props };
}

const requireVnet = (req: ArmRequest, ctx: ArmContext): VirtualNetworkRecord => requireTracked(req, ctx, 'virtualNetworks', 'virtualNetworkName');
const requireEndpoint = (req: ArmRequest, ctx: ArmContext): PrivateEndpointRecord => requireTracked(req, ctx, 'privateEndpoints', 'privateEndpointName');

const referenceNotFound = (referenced: string, by: string): ArmError =>
  badRequest('InvalidResourceReference', `Resource ${referenced} referenced by resource ${by} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);

// ---- virtual networks and subnets ---------------------------------------------------------------

/** A subnet's reference to a resource (`networkSecurityGroup`, `routeTable`): the one named replaces it, null removes it, none keeps it; it must exist. */
function subnetReference(props: JsonObject, prop: 'networkSecurityGroup' | 'routeTable', id: string, kept: string | undefined, existing: Record<string, unknown>): string | undefined {
  const value = props[prop];
  const referenced = value === null ? undefined : isObject(value) ? requireStringProp(value, 'id', `properties.${prop}.id`) : kept;
  if (referenced !== undefined && !existing[referenced.toLowerCase()]) throw referenceNotFound(referenced, id);
  return referenced;
}

function parseSubnetBody(body: JsonObject, id: string, name: string, existing: SubnetRecord | undefined, state: Pick<SandboxState, 'networkSecurityGroups' | 'routeTables'>): SubnetRecord {
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const addressPrefix = stringProp(props, 'addressPrefix', 'properties.addressPrefix') ?? (arrayProp(props, 'addressPrefixes', 'properties.addressPrefixes')?.[0] as string | undefined);
  if (addressPrefix === undefined) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The required property 'properties.addressPrefix' is missing.");
  if (!parseCidr(addressPrefix)) throw badRequest('InvalidCIDRNotation', `The address prefix ${addressPrefix} in resource ${id} has an invalid CIDR notation. For the given prefix length, the address prefix should be ${addressPrefix}.`);
  const delegations = arrayProp(props, 'delegations', 'properties.delegations');
  const nsgId = subnetReference(props, 'networkSecurityGroup', id, existing?.networkSecurityGroupId, state.networkSecurityGroups);
  const routeTableId = subnetReference(props, 'routeTable', id, existing?.routeTableId, state.routeTables);
  return {
    id,
    name,
    addressPrefix,
    privateEndpointNetworkPolicies:
      enumProp(props, 'privateEndpointNetworkPolicies', 'properties.privateEndpointNetworkPolicies', ['Enabled', 'Disabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled'] as const) ??
      existing?.privateEndpointNetworkPolicies ??
      'Disabled',
    privateLinkServiceNetworkPolicies: enumProp(props, 'privateLinkServiceNetworkPolicies', 'properties.privateLinkServiceNetworkPolicies', ['Enabled', 'Disabled'] as const) ?? existing?.privateLinkServiceNetworkPolicies ?? 'Enabled',
    ...(delegations ? { delegations } : existing?.delegations ? { delegations: existing.delegations } : {}),
    ...(nsgId !== undefined ? { networkSecurityGroupId: nsgId } : {}),
    ...(routeTableId !== undefined ? { routeTableId } : {}),
  };
}

/** Subnets must lie inside the VNet, not overlap, and keep their prefix while addresses are in use. */
function checkSubnets(ctx: ArmContext, vnetPrefixes: string[], subnets: SubnetRecord[], previous: SubnetRecord[]): void {
  const spaces = vnetPrefixes.map((p) => parseCidr(p));
  for (const s of subnets) {
    const c = parseCidr(s.addressPrefix);
    if (!c || !spaces.some((v) => v && cidrContains(v, c))) {
      throw badRequest('NetcfgSubnetRangeOutsideVnet', `Subnet '${s.name}' is not valid because its IP address range is outside the IP address range of virtual network.`);
    }
    for (const other of subnets) {
      const o = parseCidr(other.addressPrefix);
      if (other !== s && o && cidrOverlaps(c, o)) {
        throw badRequest('NetcfgSubnetRangesOverlap', `Subnet '${s.name}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network.`);
      }
    }
    const before = previous.find((p) => sameId(p.id, s.id));
    if (before && before.addressPrefix !== s.addressPrefix && usedAddresses(ctx, s.id).size > 0) {
      throw badRequest('InUseSubnetCannotBeUpdated', `Subnet ${s.name} is in use and cannot be updated.`);
    }
  }
  for (const p of previous) {
    if (!subnets.some((s) => sameId(s.id, p.id)) && usedAddresses(ctx, p.id).size > 0) {
      throw badRequest('InUseSubnetCannotBeDeleted', `Subnet ${p.name} is in use by ${nicsInSubnet(ctx, p.id)[0]?.id ?? 'a network interface'} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.`);
    }
  }
}

function putVnet(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const { rg, name, id, body, location, props } = readTrackedPut(req, ctx, 'virtualNetworks', 'virtualNetworkName');
  const space = requireObjectProp(props, 'addressSpace', 'properties.addressSpace');
  const prefixes = arrayProp(space, 'addressPrefixes', 'properties.addressSpace.addressPrefixes');
  if (!prefixes || prefixes.length === 0) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The required property 'properties.addressSpace.addressPrefixes' is missing.");
  for (const p of prefixes) if (typeof p !== 'string' || !parseCidr(p)) throw badRequest('InvalidAddressPrefixFormat', `Address prefix ${String(p)} of resource ${name} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`);
  const existing = ctx.state.virtualNetworks[key(id)];
  if (existing && existing.location !== location) throw badRequest('InvalidResourceLocation', `The resource '${name}' already exists in location '${existing.location}' in resource group '${rg}'. A resource with the same name cannot be created in location '${location}'.`);
  const subnetBodies = arrayProp(props, 'subnets', 'properties.subnets');
  // Azure treats a PUT without `subnets` as "no subnets"; the sandbox keeps them so a tags-only PUT is safe.
  const subnets = subnetBodies
    ? subnetBodies.map((s, i) => {
        if (!isObject(s)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property 'properties.subnets[${i}]' must be an object.`);
        const sname = requireStringProp(s, 'name', `properties.subnets[${i}].name`);
        checkNetworkName(sname);
        const sid = `${existing?.id ?? id}/subnets/${sname}`;
        return parseSubnetBody(s, sid, sname, existing?.subnets.find((x) => sameId(x.id, sid)), ctx.state);
      })
    : (existing?.subnets ?? []);
  checkSubnets(ctx, prefixes as string[], subnets, existing?.subnets ?? []);
  const dhcp = objectProp(props, 'dhcpOptions', 'properties.dhcpOptions');
  const tags = tagsProp(body);
  const vnet: VirtualNetworkRecord = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    location,
    ...(tags ? { tags } : {}),
    addressPrefixes: prefixes as string[],
    dnsServers: ((dhcp && arrayProp(dhcp, 'dnsServers', 'properties.dhcpOptions.dnsServers')) ?? existing?.dnsServers ?? []) as string[],
    subnets,
    ...(existing?.peerings ? { peerings: existing.peerings } : {}),
  };
  ctx.state.virtualNetworks[key(id)] = vnet;
  const op = ctx.operations.start(200, renderVnet(ctx, vnet));
  return acceptedPut('network', existing ? 200 : 201, renderVnet(ctx, vnet, 'Updating'), lroUrls(ctx.baseUrl, 'network', scopeOf(id, location), op.id, req.apiVersion));
}

function putSubnet(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const vnet = requireVnet(req, ctx);
  const name = param(req, 'subnetName');
  checkNetworkName(name);
  const body = bodyObject(req);
  const id = `${vnet.id}/subnets/${name}`;
  const existing = vnet.subnets.find((s) => sameId(s.id, id));
  const subnet = parseSubnetBody(body, existing?.id ?? id, existing?.name ?? name, existing, ctx.state);
  const subnets = existing ? vnet.subnets.map((s) => (s === existing ? subnet : s)) : [...vnet.subnets, subnet];
  checkSubnets(ctx, vnet.addressPrefixes, subnets, vnet.subnets);
  vnet.subnets = subnets;
  const op = ctx.operations.start(200, renderSubnet(ctx, subnet));
  return acceptedPut('network', existing ? 200 : 201, renderSubnet(ctx, subnet, 'Updating'), lroUrls(ctx.baseUrl, 'network', scopeOf(vnet.id, vnet.location), op.id, req.apiVersion));
}

// ---- private endpoints --------------------------------------------------------------------------

interface ConnectionRequest {
  name: string;
  privateLinkServiceId: string;
  groupIds: string[];
  requestMessage?: string;
}

function parseConnections(props: JsonObject, kind: 'privateLinkServiceConnections' | 'manualPrivateLinkServiceConnections'): ConnectionRequest[] {
  const list = arrayProp(props, kind, `properties.${kind}`) ?? [];
  return list.map((c, i) => {
    const path = `properties.${kind}[${i}]`;
    if (!isObject(c)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be an object.`);
    const cp = requireObjectProp(c, 'properties', `${path}.properties`);
    const privateLinkServiceId = requireStringProp(cp, 'privateLinkServiceId', `${path}.properties.privateLinkServiceId`);
    const groupIds = arrayProp(cp, 'groupIds', `${path}.properties.groupIds`);
    if (!groupIds || groupIds.length === 0) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The required property '${path}.properties.groupIds' is missing.`);
    const requestMessage = stringProp(cp, 'requestMessage', `${path}.properties.requestMessage`);
    if (requestMessage !== undefined && requestMessage.length > 140) throw badRequest('PrivateEndpointRequestMessageTooLong', 'The request message of a private link service connection can be at most 140 characters long.');
    const name = stringProp(c, 'name', `${path}.name`) ?? `${kind === 'privateLinkServiceConnections' ? 'connection' : 'manualConnection'}${i + 1}`;
    checkNetworkName(name);
    return { name, privateLinkServiceId, groupIds: groupIds.map(String), ...(requestMessage !== undefined ? { requestMessage } : {}) };
  });
}

function putEndpoint(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const { sub, rg, name, id, body, location, props } = readTrackedPut(req, ctx, 'privateEndpoints', 'privateEndpointName');
  const existing = ctx.state.privateEndpoints[key(id)];
  const tags = tagsProp(body);
  const scope = scopeOf(id, location);
  if (existing) {
    // An existing endpoint keeps its subnet, NIC and connections; only tags change on a re-PUT.
    if (tags) existing.tags = tags;
    const op = ctx.operations.start(200, renderEndpoint(ctx, existing));
    return acceptedPut('network', 200, renderEndpoint(ctx, existing, 'Updating'), lroUrls(ctx.baseUrl, 'network', scope, op.id, req.apiVersion));
  }
  const subnetId = requireStringProp(requireObjectProp(props, 'subnet', 'properties.subnet'), 'id', 'properties.subnet.id');
  const auto = parseConnections(props, 'privateLinkServiceConnections');
  const manual = parseConnections(props, 'manualPrivateLinkServiceConnections');
  if (auto.length + manual.length !== 1) {
    throw badRequest('PrivateEndpointMustHaveExactlyOnePrivateLinkServiceConnection', `Private endpoint ${id} must have exactly one private link service connection or one manual private link service connection.`);
  }
  const found = findSubnet(ctx, subnetId);
  if (!found) throw referenceNotFound(subnetId, id);
  if (found.vnet.location !== location) {
    throw badRequest('InvalidResourceReference', `Resource ${subnetId} referenced by resource ${id} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
  }
  const conn = (auto[0] ?? manual[0]) as ConnectionRequest;
  const registry = findRegistry(ctx, conn.privateLinkServiceId);
  if (!registry) throw referenceNotFound(conn.privateLinkServiceId, id);
  const groupId = conn.groupIds[0] ?? '';
  if (conn.groupIds.length !== 1 || groupId.toLowerCase() !== 'registry') {
    throw badRequest('PrivateEndpointBadRequest', `Call to Microsoft.ContainerRegistry/registries failed. Error message: The group id '${conn.groupIds.join(',')}' is not valid. Supported group ids: registry.`);
  }
  if (registry.sku.name !== 'Premium') {
    throw badRequest('PrivateEndpointBadRequest', `Call to Microsoft.ContainerRegistry/registries failed. Error message: Private endpoint connections are not supported for the SKU ${registry.sku.name}. For more information, please visit https://aka.ms/acr/private-link.`);
  }
  const limit = registry.legacyEndpointLimit ? LEGACY_PRIVATE_ENDPOINT_LIMIT : PRIVATE_ENDPOINT_LIMIT;
  if (registryConnections(ctx, registry).length >= limit) {
    throw badRequest('PrivateEndpointBadRequest', `Call to Microsoft.ContainerRegistry/registries failed. Error message: The registry ${registry.name} has reached the limit of ${limit} private endpoint connections.`);
  }
  const { subnet } = found;
  if (subnet.delegations && subnet.delegations.length > 0) {
    throw badRequest('PrivateEndpointCreationNotAllowedAsSubnetIsDelegated', `Private endpoint ${id} cannot be created as subnet ${subnet.id} is delegated.`);
  }
  if (subnet.privateEndpointNetworkPolicies === 'Enabled') {
    throw badRequest('PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled', `Private endpoint ${id} cannot be created in a subnet ${subnet.id} since it has private endpoint network policies enabled.`);
  }
  const members = requiredMembers(ctx, registry);
  const ips = allocate(subnet.addressPrefix, usedAddresses(ctx, subnet.id), members.length);
  if (!ips) {
    throw subnetIsFull(subnet, members.length);
  }
  const customNic = stringProp(props, 'customNetworkInterfaceName', 'properties.customNetworkInterfaceName');
  if (customNic !== undefined) checkNetworkName(customNic);
  const nicId = providerId(sub, rg, NET, 'networkInterfaces', customNic ?? `${name}.nic.${newGuid()}`);
  if (ctx.state.networkInterfaces[key(nicId)]) throw new ArmError(409, 'NetworkInterfaceAlreadyExists', `Network interface ${nicId} already exists.`);
  const approved = auto.length === 1;
  const connectionState = approved
    ? { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' }
    : { status: 'Pending', description: conn.requestMessage ?? '', actionsRequired: 'None' };
  const registryConnectionId = `${registry.id}/privateEndpointConnections/${name}.${newGuid()}`;
  ctx.state.networkInterfaces[key(nicId)] = {
    id: nicId,
    name: nameFromId(nicId),
    location,
    privateEndpointId: id,
    macAddress: '',
    ipConfigurations: members.map((m, i) => ({
      name: `privateEndpointIpConfig.${newGuid()}`,
      privateIPAddress: ips[i] ?? '',
      subnetId: subnet.id,
      primary: i === 0,
      privateLinkConnectionProperties: { groupId: 'registry', requiredMemberName: m.requiredMemberName, fqdns: [m.fqdn] },
    })),
  };
  const record: EndpointConnectionRecord = { name: conn.name, privateLinkServiceId: registry.id, groupIds: [groupId], ...(conn.requestMessage !== undefined ? { requestMessage: conn.requestMessage } : {}), privateLinkServiceConnectionState: connectionState, id: '' };
  record.id = `${id}/${approved ? 'privateLinkServiceConnections' : 'manualPrivateLinkServiceConnections'}/${conn.name}`;
  const pe: PrivateEndpointRecord = {
    id,
    name,
    location,
    ...(tags ? { tags } : {}),
    subnetId: subnet.id,
    networkInterfaceId: nicId,
    privateLinkServiceConnections: approved ? [record] : [],
    manualPrivateLinkServiceConnections: approved ? [] : [record],
    ...(customNic !== undefined ? { customNetworkInterfaceName: customNic } : {}),
    registryConnectionId,
  };
  ctx.state.privateEndpoints[key(id)] = pe;
  ctx.state.registryConnections[key(registryConnectionId)] = {
    id: registryConnectionId,
    name: nameFromId(registryConnectionId),
    privateEndpointId: id,
    privateLinkServiceConnectionState: { ...connectionState },
  };
  const op = ctx.operations.start(200, renderEndpoint(ctx, pe));
  return acceptedPut('network', 201, renderEndpoint(ctx, pe, 'Updating'), lroUrls(ctx.baseUrl, 'network', scope, op.id, req.apiVersion));
}

const nameFromId = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

/** Deleting an endpoint removes its NIC, its registry connection and what its zone group wrote — nothing else. */
export function deleteEndpoint(ctx: ArmContext, pe: PrivateEndpointRecord): void {
  for (const g of listUnder(ctx.state.privateDnsZoneGroups, `${pe.id}/privateDnsZoneGroups`)) {
    removeZoneGroupRecords(ctx, g);
    delete ctx.state.privateDnsZoneGroups[key(g.id)];
  }
  delete ctx.state.networkInterfaces[key(pe.networkInterfaceId)];
  if (pe.registryConnectionId) delete ctx.state.registryConnections[key(pe.registryConnectionId)];
  delete ctx.state.privateEndpoints[key(pe.id)];
}

// ---- zone groups --------------------------------------------------------------------------------

function putZoneGroup(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const pe = requireEndpoint(req, ctx);
  const name = param(req, 'privateDnsZoneGroupName');
  checkNetworkName(name);
  const body = bodyObject(req);
  const props = requireObjectProp(body, 'properties', 'properties');
  const configs = arrayProp(props, 'privateDnsZoneConfigs', 'properties.privateDnsZoneConfigs');
  if (!configs || configs.length === 0) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The required property 'properties.privateDnsZoneConfigs' is missing.");
  const id = `${pe.id}/privateDnsZoneGroups/${name}`;
  const others = listUnder(ctx.state.privateDnsZoneGroups, `${pe.id}/privateDnsZoneGroups`).filter((g) => !sameId(g.id, id));
  if (others.length > 0) {
    throw badRequest('OnlyOneDnsZoneGroupAllowedPerPrivateEndpoint', `Private endpoint ${pe.id} already has a private DNS zone group ${others[0]?.id ?? ''}; only one is allowed.`);
  }
  const parsed = configs.map((c, i) => {
    const path = `properties.privateDnsZoneConfigs[${i}]`;
    if (!isObject(c)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be an object.`);
    const zoneId = requireStringProp(requireObjectProp(c, 'properties', `${path}.properties`), 'privateDnsZoneId', `${path}.properties.privateDnsZoneId`);
    const zone = ctx.state.privateDnsZones[key(zoneId)];
    if (!zone) throw referenceNotFound(zoneId, id);
    const configName = stringProp(c, 'name', `${path}.name`) ?? zone.name.replace(/\./g, '-');
    return { name: configName, privateDnsZoneId: zone.id };
  });
  const existing = ctx.state.privateDnsZoneGroups[key(id)];
  if (existing) removeZoneGroupRecords(ctx, existing);
  const group: PrivateDnsZoneGroupRecord = { id: existing?.id ?? id, name: existing?.name ?? name, privateEndpointId: pe.id, privateDnsZoneConfigs: parsed };
  ctx.state.privateDnsZoneGroups[key(id)] = group;
  const nic = ctx.state.networkInterfaces[key(pe.networkInterfaceId)];
  if (nic) writeZoneGroupRecords(ctx, group, nic);
  const op = ctx.operations.start(200, renderZoneGroup(ctx, group));
  return acceptedPut('network', existing ? 200 : 201, renderZoneGroup(ctx, group, 'Updating'), lroUrls(ctx.baseUrl, 'network', scopeOf(pe.id, pe.location), op.id, req.apiVersion));
}

// ---- routes -------------------------------------------------------------------------------------

export function networkRoutes(): Route[] {
  const vnetPath = `${rgBase}/virtualNetworks/{virtualNetworkName}`;
  const pePath = `${rgBase}/privateEndpoints/{privateEndpointName}`;
  return [
    ...listRoutes('network', 'Microsoft.Network/virtualNetworks', (state) => state.virtualNetworks, renderVnet),
    route('GET', vnetPath, 'network', (req, ctx) => ({ status: 200, body: renderVnet(ctx, requireVnet(req, ctx)) })),
    route('PUT', vnetPath, 'network', putVnet),
    route('GET', `${vnetPath}/subnets`, 'network', (req, ctx) => ({ status: 200, body: paged(requireVnet(req, ctx).subnets.map((s) => renderSubnet(ctx, s)), req, ctx) })),
    route('GET', `${vnetPath}/subnets/{subnetName}`, 'network', (req, ctx) => {
      const vnet = requireVnet(req, ctx);
      const s = vnet.subnets.find((x) => x.name.toLowerCase() === param(req, 'subnetName').toLowerCase());
      if (!s) throw childNotFound(`${vnet.id}/subnets/${param(req, 'subnetName')}`);
      return { status: 200, body: renderSubnet(ctx, s) };
    }),
    route('PUT', `${vnetPath}/subnets/{subnetName}`, 'network', putSubnet),
    ...listRoutes('network', 'Microsoft.Network/privateEndpoints', (state) => state.privateEndpoints, renderEndpoint),
    route('GET', pePath, 'network', (req, ctx) => ({ status: 200, body: renderEndpoint(ctx, requireEndpoint(req, ctx)) })),
    route('PUT', pePath, 'network', putEndpoint),
    route('DELETE', pePath, 'network', (req, ctx) => {
      const pe = findTracked(req, ctx, 'privateEndpoints', 'privateEndpointName');
      if (!pe) return { status: 204 };
      deleteEndpoint(ctx, pe);
      const op = ctx.operations.start(204);
      return acceptedDelete('network', lroUrls(ctx.baseUrl, 'network', scopeOf(pe.id, pe.location), op.id, req.apiVersion));
    }),
    route('GET', `${pePath}/privateDnsZoneGroups`, 'network', (req, ctx) => {
      const pe = requireEndpoint(req, ctx);
      return { status: 200, body: paged(listUnder(ctx.state.privateDnsZoneGroups, `${pe.id}/privateDnsZoneGroups`).map((g) => renderZoneGroup(ctx, g)), req, ctx) };
    }),
    route('GET', `${pePath}/privateDnsZoneGroups/{privateDnsZoneGroupName}`, 'network', (req, ctx) => {
      const pe = requireEndpoint(req, ctx);
      const g = ctx.state.privateDnsZoneGroups[key(`${pe.id}/privateDnsZoneGroups/${param(req, 'privateDnsZoneGroupName')}`)];
      if (!g) throw childNotFound(`${pe.id}/privateDnsZoneGroups/${param(req, 'privateDnsZoneGroupName')}`);
      return { status: 200, body: renderZoneGroup(ctx, g) };
    }),
    route('PUT', `${pePath}/privateDnsZoneGroups/{privateDnsZoneGroupName}`, 'network', putZoneGroup),
    route('DELETE', `${pePath}/privateDnsZoneGroups/{privateDnsZoneGroupName}`, 'network', (req, ctx) => {
      const pe = requireEndpoint(req, ctx);
      const g = ctx.state.privateDnsZoneGroups[key(`${pe.id}/privateDnsZoneGroups/${param(req, 'privateDnsZoneGroupName')}`)];
      if (!g) return { status: 204 };
      removeZoneGroupRecords(ctx, g);
      delete ctx.state.privateDnsZoneGroups[key(g.id)];
      const op = ctx.operations.start(204);
      return acceptedDelete('network', lroUrls(ctx.baseUrl, 'network', scopeOf(pe.id, pe.location), op.id, req.apiVersion));
    }),
    route('GET', `${rgBase}/networkInterfaces/{networkInterfaceName}`, 'network', (req, ctx) => ({ status: 200, body: renderNic(requireTracked(req, ctx, 'networkInterfaces', 'networkInterfaceName')) })),
    route('GET', `${rgBase}/networkInterfaces`, 'network', (req, ctx) => {
      const rg = requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
      return { status: 200, body: paged(listUnder(ctx.state.networkInterfaces, `${rg.id}/providers/Microsoft.Network/networkInterfaces`).map(renderNic), req, ctx) };
    }),
  ];
}

