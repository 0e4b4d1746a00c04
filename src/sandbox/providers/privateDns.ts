// Private DNS (Microsoft.Network/privateDnsZones): zones, virtual network links and A record sets, with
// the etag / If-Match / If-None-Match semantics the service documents.

import { badRequest, childNotFound, conflict, resourceNotFound } from '../arm/errors';
import { lroUrls, retryAfter } from '../arm/lro';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { newGuid, providerId, sameId } from '../ids';
import { parseIpv4 } from '../ipam';
import { key, listUnder, type ARecordSetRecord, type PrivateDnsZoneRecord, type VirtualNetworkLinkRecord } from '../state';
import {
  arrayProp,
  bodyObject,
  checkDnsName,
  checkPreconditions,
  enumProp,
  isObject,
  objectProp,
  requireGroup,
  requireObjectProp,
  requireStringProp,
  tagsProp,
} from './common';
import { listRoutes } from './listRoutes';

const rgBase = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';
const zonePath = `${rgBase}/privateDnsZones/{privateZoneName}`;
const MAX_RECORD_SETS = 25000;
const MAX_LINKS = 1000;

export function zoneRecords(ctx: ArmContext, zoneId: string): ARecordSetRecord[] {
  return Object.values(ctx.state.aRecordSets[key(zoneId)] ?? {});
}

export function zoneLinks(ctx: ArmContext, zoneId: string): VirtualNetworkLinkRecord[] {
  return listUnder(ctx.state.virtualNetworkLinks, `${zoneId}/virtualNetworkLinks`);
}

export function renderZone(ctx: ArmContext, z: PrivateDnsZoneRecord): unknown {
  const links = zoneLinks(ctx, z.id);
  return {
    id: z.id,
    name: z.name,
    type: 'Microsoft.Network/privateDnsZones',
    location: 'global',
    etag: z.etag,
    tags: z.tags ?? {},
    properties: {
      maxNumberOfRecordSets: MAX_RECORD_SETS,
      // Azure counts the zone's SOA record set too.
      numberOfRecordSets: zoneRecords(ctx, z.id).length + 1,
      maxNumberOfVirtualNetworkLinks: MAX_LINKS,
      numberOfVirtualNetworkLinks: links.length,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      numberOfVirtualNetworkLinksWithRegistration: links.filter((l) => l.registrationEnabled).length,
      provisioningState: 'Succeeded',
      internalId: z.internalId,
    },
  };
}

export function renderLink(l: VirtualNetworkLinkRecord): unknown {
  return {
    id: l.id,
    name: l.name,
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    location: 'global',
    // Azure quotes a link's etag (a zone's and a record set's are bare); If-Match accepts either form.
    etag: `"${l.etag}"`,
    tags: l.tags ?? {},
    properties: {
      virtualNetwork: { id: l.virtualNetworkId },
      registrationEnabled: l.registrationEnabled,
      ...(l.resolutionPolicy ? { resolutionPolicy: l.resolutionPolicy } : {}),
      virtualNetworkLinkState: 'Completed',
      provisioningState: 'Succeeded',
    },
  };
}

export function renderRecord(zone: PrivateDnsZoneRecord, r: ARecordSetRecord): unknown {
  return {
    id: r.id,
    etag: r.etag,
    name: r.name,
    type: 'Microsoft.Network/privateDnsZones/A',
    properties: {
      metadata: r.metadata ?? {},
      ttl: r.ttl,
      fqdn: r.name === '@' ? `${zone.name}.` : `${r.name}.${zone.name}.`,
      isAutoRegistered: false,
      aRecords: r.aRecords.map((a) => ({ ipv4Address: a.ipv4Address })),
    },
  };
}

/**
 * The SOA record set `@` every private zone has from its creation (counted in numberOfRecordSets),
 * with Azure's defaults; the sandbox serves it read-only, in the zone's record-set list and by name.
 */
function renderSoa(zone: PrivateDnsZoneRecord): unknown {
  return {
    id: `${zone.id}/SOA/@`,
    etag: zone.etag,
    name: '@',
    type: 'Microsoft.Network/privateDnsZones/SOA',
    properties: {
      ttl: 3600,
      fqdn: `${zone.name}.`,
      isAutoRegistered: false,
      soaRecord: { host: 'azureprivatedns.net', email: 'azureprivatedns-host.microsoft.com', serialNumber: 1, refreshTime: 3600, retryTime: 300, expireTime: 2419200, minimumTtl: 10 },
    },
  };
}

function zoneId(req: ArmRequest): string {
  return providerId(param(req, 'subscriptionId'), param(req, 'resourceGroupName'), 'Microsoft.Network', 'privateDnsZones', param(req, 'privateZoneName'));
}

function requireZone(req: ArmRequest, ctx: ArmContext): PrivateDnsZoneRecord {
  requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
  const z = ctx.state.privateDnsZones[key(zoneId(req))];
  if (!z) throw resourceNotFound('Microsoft.Network/privateDnsZones', param(req, 'privateZoneName'), param(req, 'resourceGroupName'));
  return z;
}

/** Zones and links are asynchronous in Private DNS: 202 with `{}`, Azure-AsyncOperation and Location. */
function accepted(req: ArmRequest, ctx: ArmContext, resultStatus: number, resultBody?: unknown): ArmResponse {
  const op = ctx.operations.start(resultStatus, resultBody);
  const urls = lroUrls(ctx.baseUrl, 'privateDns', { subscriptionId: param(req, 'subscriptionId'), resourceGroupName: param(req, 'resourceGroupName'), location: 'global' }, op.id, req.apiVersion);
  return { status: 202, body: {}, headers: { 'Azure-AsyncOperation': urls.status, Location: urls.result, ...retryAfter('privateDns') } };
}

function checkGlobal(location: string): void {
  if (location.toLowerCase() !== 'global') {
    throw badRequest('LocationNotAvailableForResourceType', `The provided location '${location}' is not available for resource type 'Microsoft.Network/privateDnsZones'. List of available regions for the resource type is 'global'.`);
  }
}

function putZone(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
  const name = param(req, 'privateZoneName');
  checkDnsName(name, 'zone');
  const body = bodyObject(req);
  checkGlobal(requireStringProp(body, 'location', 'location'));
  const id = zoneId(req);
  const existing = ctx.state.privateDnsZones[key(id)];
  checkPreconditions(req, existing, `Zone ${name}`);
  const tags = tagsProp(body);
  const zone: PrivateDnsZoneRecord = { id: existing?.id ?? id, name: (existing?.name ?? name).toLowerCase(), etag: newGuid(), internalId: existing?.internalId ?? Buffer.from(id).toString('base64').slice(0, 40), ...(tags ? { tags } : {}) };
  ctx.state.privateDnsZones[key(id)] = zone;
  return accepted(req, ctx, 200, renderZone(ctx, zone));
}

function deleteZone(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
  const id = zoneId(req);
  const zone = ctx.state.privateDnsZones[key(id)];
  if (!zone) return { status: 204 };
  checkPreconditions(req, zone, `Zone ${zone.name}`);
  if (zoneLinks(ctx, zone.id).length > 0) {
    // Azure's 409, as ARM words it for any resource with children left.
    const nested = zoneLinks(ctx, zone.id).map((l) => `'Microsoft.Network/privateDnsZones/${zone.name}/virtualNetworkLinks/${l.name}'`);
    throw conflict('CannotDeleteResource', `Cannot delete resource while nested resources exist. Some existing nested resource IDs include: ${nested.join(', ')}. Please delete all nested resources before deleting this resource.`);
  }
  delete ctx.state.privateDnsZones[key(id)];
  delete ctx.state.aRecordSets[key(id)];
  return accepted(req, ctx, 204);
}

function putLink(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const zone = requireZone(req, ctx);
  const name = param(req, 'virtualNetworkLinkName');
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(name)) {
    throw badRequest('InvalidResourceName', `The virtual network link name '${name}' is invalid. It must be 1-80 characters of letters, digits, '_', '.', '-', start with a letter or digit and end with a letter, digit or '_'.`);
  }
  const body = bodyObject(req);
  checkGlobal(requireStringProp(body, 'location', 'location'));
  const props = requireObjectProp(body, 'properties', 'properties');
  const vnetId = requireStringProp(requireObjectProp(props, 'virtualNetwork', 'properties.virtualNetwork'), 'id', 'properties.virtualNetwork.id');
  const registrationEnabled = props['registrationEnabled'] ?? false;
  if (typeof registrationEnabled !== 'boolean') throw badRequest('InvalidRequestFormat', "The property 'properties.registrationEnabled' must be a boolean.");
  const resolutionPolicy = enumProp(props, 'resolutionPolicy', 'properties.resolutionPolicy', ['Default', 'NxDomainRedirect'] as const);
  const id = `${zone.id}/virtualNetworkLinks/${name}`;
  const existing = ctx.state.virtualNetworkLinks[key(id)];
  checkPreconditions(req, existing, `Virtual network link ${name}`);
  const vnet = ctx.state.virtualNetworks[key(vnetId)];
  if (!vnet) throw badRequest('InvalidResourceReference', `Virtual network resource ${vnetId} referenced by the virtual network link ${id} was not found.`);
  if (existing && !sameId(existing.virtualNetworkId, vnetId)) throw badRequest('BadRequest', 'The virtual network of an existing virtual network link cannot be changed.');
  if (!existing) {
    for (const other of Object.values(ctx.state.virtualNetworkLinks)) {
      if (!sameId(other.virtualNetworkId, vnetId)) continue;
      const otherZone = ctx.state.privateDnsZones[key(other.id.slice(0, other.id.toLowerCase().lastIndexOf('/virtualnetworklinks/')))];
      if (otherZone && (otherZone.name === zone.name || otherZone.name.endsWith(`.${zone.name}`) || zone.name.endsWith(`.${otherZone.name}`))) {
        throw conflict(
          'Conflict',
          sameId(otherZone.id, zone.id)
            ? `The virtual network ${vnet.name} is already linked to the private DNS zone ${zone.name} by link ${other.name}.`
            : `A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '${otherZone.name}' and '${zone.name}' zones.`,
        );
      }
    }
  }
  const tags = tagsProp(body);
  const link: VirtualNetworkLinkRecord = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    etag: newGuid(),
    virtualNetworkId: vnet.id,
    registrationEnabled,
    ...(resolutionPolicy ? { resolutionPolicy } : {}),
    ...(tags ? { tags } : {}),
  };
  ctx.state.virtualNetworkLinks[key(id)] = link;
  return accepted(req, ctx, 200, renderLink(link));
}

function parseARecords(props: Record<string, unknown>): { ipv4Address: string }[] | undefined {
  const list = arrayProp(props, 'aRecords', 'properties.aRecords');
  if (!list) return undefined;
  return list.map((a, i) => {
    if (!isObject(a) || typeof a['ipv4Address'] !== 'string' || parseIpv4(a['ipv4Address']) === undefined) {
      throw badRequest('BadRequest', `The value of 'properties.aRecords[${i}].ipv4Address' is not a valid IPv4 address.`);
    }
    return { ipv4Address: a['ipv4Address'] };
  });
}

function parseTtl(props: Record<string, unknown>): number | undefined {
  const ttl = props['ttl'];
  if (ttl === undefined || ttl === null) return undefined;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647) throw badRequest('BadRequest', "The value of 'properties.ttl' must be an integer between 0 and 2147483647.");
  return ttl;
}

function recordType(req: ArmRequest): void {
  if (param(req, 'recordType').toUpperCase() !== 'A') {
    throw badRequest('BadRequest', `Record type '${param(req, 'recordType')}' is not supported by the sandbox; only A record sets are.`);
  }
}

function writeRecord(req: ArmRequest, ctx: ArmContext, merge: boolean): ArmResponse {
  recordType(req);
  const zone = requireZone(req, ctx);
  const name = param(req, 'relativeRecordSetName').toLowerCase();
  checkDnsName(name, 'recordSet');
  const body = bodyObject(req);
  const props = merge ? (objectProp(body, 'properties', 'properties') ?? {}) : requireObjectProp(body, 'properties', 'properties');
  const records = (ctx.state.aRecordSets[key(zone.id)] ??= {});
  const existing = records[name];
  checkPreconditions(req, existing, `Record set ${name}`);
  if (merge && !existing) throw childNotFound(`${zone.id}/A/${name}`);
  const aRecords = parseARecords(props);
  const ttl = parseTtl(props);
  const metadata = objectProp(props, 'metadata', 'properties.metadata') as Record<string, string> | undefined;
  if (!merge && existing === undefined && Object.keys(records).length + 1 >= MAX_RECORD_SETS) {
    throw conflict('Conflict', `The zone '${zone.name}' has reached its limit of ${MAX_RECORD_SETS} record sets.`);
  }
  const record: ARecordSetRecord = {
    id: existing?.id ?? `${zone.id}/A/${name}`,
    name,
    zoneId: zone.id,
    etag: newGuid(),
    ttl: ttl ?? (merge ? (existing?.ttl ?? 3600) : 3600),
    aRecords: aRecords ?? (merge ? (existing?.aRecords ?? []) : []),
    ...(metadata ? { metadata } : merge && existing?.metadata ? { metadata: existing.metadata } : {}),
    // A hand-made write takes the record set over from any zone group.
    ...(merge && existing?.managedByZoneGroupId && !aRecords ? { managedByZoneGroupId: existing.managedByZoneGroupId } : {}),
  };
  records[name] = record;
  return { status: existing || merge ? 200 : 201, body: renderRecord(zone, record) };
}

export function privateDnsRoutes(): Route[] {
  return [
    ...listRoutes('privateDns', 'Microsoft.Network/privateDnsZones', (state) => state.privateDnsZones, renderZone),
    route('GET', zonePath, 'privateDns', (req, ctx) => ({ status: 200, body: renderZone(ctx, requireZone(req, ctx)) })),
    route('PUT', zonePath, 'privateDns', putZone),
    route('DELETE', zonePath, 'privateDns', deleteZone),
    route('GET', `${zonePath}/virtualNetworkLinks`, 'privateDns', (req, ctx) => ({ status: 200, body: paged(zoneLinks(ctx, requireZone(req, ctx).id).map(renderLink), req, ctx) })),
    route('GET', `${zonePath}/virtualNetworkLinks/{virtualNetworkLinkName}`, 'privateDns', (req, ctx) => {
      const zone = requireZone(req, ctx);
      const l = ctx.state.virtualNetworkLinks[key(`${zone.id}/virtualNetworkLinks/${param(req, 'virtualNetworkLinkName')}`)];
      if (!l) throw resourceNotFound('Microsoft.Network/privateDnsZones/virtualNetworkLinks', `${zone.name}/${param(req, 'virtualNetworkLinkName')}`, param(req, 'resourceGroupName'));
      return { status: 200, body: renderLink(l) };
    }),
    route('PUT', `${zonePath}/virtualNetworkLinks/{virtualNetworkLinkName}`, 'privateDns', putLink),
    route('DELETE', `${zonePath}/virtualNetworkLinks/{virtualNetworkLinkName}`, 'privateDns', (req, ctx) => {
      const zone = requireZone(req, ctx);
      const id = key(`${zone.id}/virtualNetworkLinks/${param(req, 'virtualNetworkLinkName')}`);
      const l = ctx.state.virtualNetworkLinks[id];
      if (!l) return { status: 204 };
      checkPreconditions(req, l, `Virtual network link ${l.name}`);
      delete ctx.state.virtualNetworkLinks[id];
      return accepted(req, ctx, 204);
    }),
    route('GET', `${zonePath}/ALL`, 'privateDns', (req, ctx) => {
      const zone = requireZone(req, ctx);
      // The SOA set `@` is listed too, unless a name suffix is asked for (`@` ends in none).
      const soa = req.query.get('$recordsetnamesuffix') ? [] : [renderSoa(zone)];
      return { status: 200, body: paged([...soa, ...listRecords(req, ctx, zone).map((r) => renderRecord(zone, r))], req, ctx) };
    }),
    route('GET', `${zonePath}/SOA/{relativeRecordSetName}`, 'privateDns', (req, ctx) => {
      const zone = requireZone(req, ctx);
      if (param(req, 'relativeRecordSetName') !== '@') throw childNotFound(`${zone.id}/SOA/${param(req, 'relativeRecordSetName')}`);
      return { status: 200, body: renderSoa(zone) };
    }),
    route('GET', `${zonePath}/{recordType}`, 'privateDns', (req, ctx) => {
      recordType(req);
      const zone = requireZone(req, ctx);
      return { status: 200, body: paged(listRecords(req, ctx, zone).map((r) => renderRecord(zone, r)), req, ctx) };
    }),
    route('GET', `${zonePath}/{recordType}/{relativeRecordSetName}`, 'privateDns', (req, ctx) => {
      recordType(req);
      const zone = requireZone(req, ctx);
      const r = ctx.state.aRecordSets[key(zone.id)]?.[param(req, 'relativeRecordSetName').toLowerCase()];
      if (!r) throw childNotFound(`${zone.id}/A/${param(req, 'relativeRecordSetName')}`);
      return { status: 200, body: renderRecord(zone, r) };
    }),
    route('PUT', `${zonePath}/{recordType}/{relativeRecordSetName}`, 'privateDns', (req, ctx) => writeRecord(req, ctx, false)),
    route('PATCH', `${zonePath}/{recordType}/{relativeRecordSetName}`, 'privateDns', (req, ctx) => writeRecord(req, ctx, true)),
    route('DELETE', `${zonePath}/{recordType}/{relativeRecordSetName}`, 'privateDns', (req, ctx) => {
      recordType(req);
      const zone = requireZone(req, ctx);
      const records = ctx.state.aRecordSets[key(zone.id)] ?? {};
      const name = param(req, 'relativeRecordSetName').toLowerCase();
      const r = records[name];
      if (!r) return { status: 204 };
      checkPreconditions(req, r, `Record set ${name}`);
      delete records[name];
      return { status: 200 };
    }),
  ];
}

function listRecords(req: ArmRequest, ctx: ArmContext, zone: PrivateDnsZoneRecord): ARecordSetRecord[] {
  const suffix = req.query.get('$recordsetnamesuffix')?.toLowerCase();
  const all = zoneRecords(ctx, zone.id).sort((a, b) => a.name.localeCompare(b.name));
  return suffix ? all.filter((r) => r.name.endsWith(suffix)) : all;
}

