// Microsoft.Network route tables: read and written (PUT, a long-running operation as Azure's is), with
// their routes. A table applies to a private endpoint only when its subnet's private endpoint network
// policies let user-defined routes apply (Enabled or RouteTableEnabled).

import { badRequest, resourceNotFound } from '../arm/errors';
import { acceptedPut, lroUrls } from '../arm/lro';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { parseCidr } from '../ipam';
import { newGuid, parseId, providerId, sameId } from '../ids';
import { key, type RouteRecord, type RouteTableRecord } from '../state';
import { arrayProp, bodyObject, checkNetworkName, enumProp, isObject, objectProp, requireGroup, requireObjectProp, requireStringProp, stringProp, tagsProp, type JsonObject } from './common';

const NET = 'Microsoft.Network';
const NEXT_HOP_TYPES = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'] as const;

function renderRoute(tableId: string, r: RouteRecord, provisioningState: string): unknown {
  return {
    name: r.name,
    id: `${tableId}/routes/${r.name}`,
    etag: `W/"${newGuid()}"`,
    properties: {
      provisioningState,
      addressPrefix: r.addressPrefix,
      nextHopType: r.nextHopType,
      ...(r.nextHopIpAddress !== undefined ? { nextHopIpAddress: r.nextHopIpAddress } : {}),
      hasBgpOverride: false,
    },
    type: `${NET}/routeTables/routes`,
  };
}

export function renderRouteTable(ctx: ArmContext, t: RouteTableRecord, provisioningState = 'Succeeded'): unknown {
  const subnets = Object.values(ctx.state.virtualNetworks).flatMap((v) => v.subnets.filter((s) => sameId(s.routeTableId, t.id)).map((s) => ({ id: s.id })));
  return {
    name: t.name,
    id: t.id,
    etag: `W/"${newGuid()}"`,
    type: `${NET}/routeTables`,
    location: t.location,
    ...(t.tags ? { tags: t.tags } : {}),
    properties: {
      provisioningState,
      resourceGuid: newGuid(),
      disableBgpRoutePropagation: t.disableBgpRoutePropagation,
      routes: t.routes.map((r) => renderRoute(t.id, r, provisioningState)),
      ...(subnets.length > 0 ? { subnets } : {}),
    },
  };
}

function tableId(req: ArmRequest, ctx: ArmContext): { id: string; name: string; rg: string } {
  const sub = param(req, 'subscriptionId');
  const rg = param(req, 'resourceGroupName');
  requireGroup(ctx, sub, rg);
  const name = param(req, 'routeTableName');
  return { id: providerId(sub, rg, NET, 'routeTables', name), name, rg };
}

function parseRoutes(props: JsonObject): RouteRecord[] {
  const list = arrayProp(props, 'routes', 'properties.routes') ?? [];
  const names = new Set<string>();
  return list.map((r, i) => {
    const path = `properties.routes[${i}]`;
    if (!isObject(r)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be an object.`);
    const name = requireStringProp(r, 'name', `${path}.name`);
    checkNetworkName(name);
    if (names.has(name.toLowerCase())) throw badRequest('InvalidRequestFormat', `Route table has two routes named ${name}.`);
    names.add(name.toLowerCase());
    const rp = requireObjectProp(r, 'properties', `${path}.properties`);
    const addressPrefix = requireStringProp(rp, 'addressPrefix', `${path}.properties.addressPrefix`);
    // A route's prefix is a CIDR or a service tag (`AzureCloud`, …).
    if (/^[\d./]+$/.test(addressPrefix) && !parseCidr(addressPrefix)) throw badRequest('InvalidAddressPrefixFormat', `Address prefix ${addressPrefix} of resource ${name} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`);
    const nextHopType = enumProp(rp, 'nextHopType', `${path}.properties.nextHopType`, NEXT_HOP_TYPES);
    if (!nextHopType) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The required property '${path}.properties.nextHopType' is missing.`);
    const nextHopIpAddress = stringProp(rp, 'nextHopIpAddress', `${path}.properties.nextHopIpAddress`);
    if (nextHopType === 'VirtualAppliance' && !nextHopIpAddress) throw badRequest('InvalidNextHopIpAddress', `Route ${name} has next hop type VirtualAppliance and must specify a next hop IP address.`);
    if (nextHopType !== 'VirtualAppliance' && nextHopIpAddress) throw badRequest('NextHopIpAddressNotAllowed', `Route ${name} has next hop type ${nextHopType} and must not specify a next hop IP address.`);
    return { name, addressPrefix, nextHopType, ...(nextHopIpAddress ? { nextHopIpAddress } : {}) };
  });
}

function putRouteTable(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const { id, name, rg } = tableId(req, ctx);
  checkNetworkName(name);
  const body = bodyObject(req);
  const location = requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const existing = ctx.state.routeTables[key(id)];
  if (existing && existing.location !== location) throw badRequest('InvalidResourceLocation', `The resource '${name}' already exists in location '${existing.location}' in resource group '${rg}'. A resource with the same name cannot be created in location '${location}'.`);
  const bgp = props['disableBgpRoutePropagation'];
  if (bgp !== undefined && typeof bgp !== 'boolean') throw badRequest('InvalidRequestFormat', "Cannot parse the request. The property 'properties.disableBgpRoutePropagation' must be a boolean.");
  const tags = tagsProp(body);
  const table: RouteTableRecord = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    location,
    ...(tags ? { tags } : {}),
    disableBgpRoutePropagation: bgp ?? false,
    routes: parseRoutes(props),
  };
  ctx.state.routeTables[key(id)] = table;
  const parsed = parseId(table.id);
  const op = ctx.operations.start(200, renderRouteTable(ctx, table));
  return acceptedPut('network', existing ? 200 : 201, renderRouteTable(ctx, table, 'Updating'), lroUrls(ctx.baseUrl, 'network', { subscriptionId: parsed?.subscriptionId ?? '', resourceGroupName: parsed?.resourceGroupName ?? '', location }, op.id, req.apiVersion));
}

export function routeTableRoutes(): Route[] {
  const base = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/routeTables/{routeTableName}';
  return [
    route('GET', base, 'network', (req, ctx) => {
      const { id, name, rg } = tableId(req, ctx);
      const table = ctx.state.routeTables[key(id)];
      if (!table) throw resourceNotFound(`${NET}/routeTables`, name, rg);
      return { status: 200, body: renderRouteTable(ctx, table) };
    }),
    route('PUT', base, 'network', putRouteTable),
  ];
}
