// Microsoft.ContainerRegistry: registries, replications, private endpoint connections (the registry's
// side), private link resources and usages.

import { ArmError, badRequest, childNotFound, resourceNotFound } from '../arm/errors';
import { acceptedDelete, acceptedPut, lroUrls } from '../arm/lro';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type Route } from '../arm/router';
import { groupOf, parseId, providerId } from '../ids';
import { key, listUnder, type RegistryConnectionRecord, type RegistryRecord, type ReplicationRecord } from '../state';
import { arrayProp, bodyObject, enumProp, isObject, objectProp, requireGroup, requireObjectProp, requireStringProp, stringProp, tagsProp, type JsonObject } from './common';
import { listRoutes } from './listRoutes';
import { addReplicaMember, checkReplicaCapacity, findSubnet, removeReplicaMember, setEndpointConnectionState } from './sideEffects';
import { dataMember, registryConnections } from './registryMembers';

const RP = 'Microsoft.ContainerRegistry';
const REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';
export const PRIVATE_ENDPOINT_LIMIT = 200;
export const LEGACY_PRIVATE_ENDPOINT_LIMIT = 10;

export const registryRegions = (ctx: Pick<ArmContext, 'state'>, registry: RegistryRecord): string[] => [
  registry.location,
  ...listUnder(ctx.state.replications, `${registry.id}/replications`)
    .map((r) => r.location)
    .filter((l) => l.toLowerCase() !== registry.location.toLowerCase()),
];

/** The members a private endpoint to this registry must have, one NIC ip configuration each. */
export const requiredMembers = (ctx: ArmContext, registry: RegistryRecord): { requiredMemberName: string; fqdn: string }[] => [
  { requiredMemberName: 'registry', fqdn: `${registry.name.toLowerCase()}.azurecr.io` },
  ...registryRegions(ctx, registry).map((region) => dataMember(registry, region)),
];

export { dataMember, registryConnections };

export function renderConnection(c: RegistryConnectionRecord, provisioningState = 'Succeeded'): unknown {
  return {
    id: c.id,
    name: c.name,
    type: 'Microsoft.ContainerRegistry/registries/privateEndpointConnections',
    properties: {
      provisioningState,
      privateEndpoint: { id: c.privateEndpointId },
      // The registry's side shows the status, and the description once one was given (no actionsRequired), as Azure does.
      privateLinkServiceConnectionState: {
        status: c.privateLinkServiceConnectionState.status,
        ...(c.privateLinkServiceConnectionState.description ? { description: c.privateLinkServiceConnectionState.description } : {}),
      },
    },
  };
}

/**
 * Whether an api-version's registry shows `networkRuleSet.virtualNetworkRules`: Azure shows the
 * service-endpoint rules up to 2021-08-01-preview (what `az acr network-rule` asks for) and leaves
 * them out of later ones (recorded: 2023-11-01-preview answers without them).
 */
export function showsVirtualNetworkRules(apiVersion: string | undefined): boolean {
  return apiVersion !== undefined && apiVersion.slice(0, 10) <= '2021-08-01' && apiVersion !== '2021-09-01';
}

export function renderRegistry(ctx: ArmContext, r: RegistryRecord, apiVersion?: string): unknown {
  return {
    id: r.id,
    name: r.name,
    type: REGISTRY_TYPE,
    location: r.location,
    tags: r.tags ?? {},
    sku: { ...r.sku },
    properties: {
      loginServer: `${r.name.toLowerCase()}.azurecr.io`,
      creationDate: r.creationDate,
      provisioningState: 'Succeeded',
      adminUserEnabled: r.adminUserEnabled,
      networkRuleSet:
        r.sku.name === 'Premium'
          ? {
              defaultAction: r.networkRuleSet.defaultAction,
              ...(showsVirtualNetworkRules(apiVersion) ? { virtualNetworkRules: r.networkRuleSet.virtualNetworkRules ?? [] } : {}),
              ipRules: r.networkRuleSet.ipRules,
            }
          : undefined,
      policies: {
        quarantinePolicy: { status: 'disabled' },
        trustPolicy: { type: 'Notary', status: 'disabled' },
        retentionPolicy: { days: 7, lastUpdatedTime: r.creationDate, status: 'disabled' },
        exportPolicy: { status: 'enabled' },
        azureADAuthenticationAsArmPolicy: { status: 'enabled' },
      },
      encryption: { status: 'disabled' },
      status: null,
      dataEndpointEnabled: r.dataEndpointEnabled,
      dataEndpointHostNames: r.dataEndpointEnabled ? registryRegions(ctx, r).map((region) => dataMember(r, region).fqdn) : [],
      privateEndpointConnections: registryConnections(ctx, r).map((c) => renderConnection(c)),
      publicNetworkAccess: r.publicNetworkAccess,
      networkRuleBypassOptions: r.networkRuleBypassOptions,
      networkRuleBypassAllowedForTasks: false,
      zoneRedundancy: r.zoneRedundancy,
      anonymousPullEnabled: false,
      roleAssignmentMode: 'LegacyRegistryPermissions',
    },
  };
}

export function renderReplication(rep: ReplicationRecord, provisioningState = 'Succeeded'): unknown {
  return {
    id: rep.id,
    name: rep.name,
    type: 'Microsoft.ContainerRegistry/registries/replications',
    location: rep.location,
    tags: rep.tags ?? {},
    properties: {
      provisioningState,
      status: { displayStatus: 'Ready', message: 'The replication is ready.', timestamp: rep.createdAt },
      regionEndpointEnabled: rep.regionEndpointEnabled,
      zoneRedundancy: rep.zoneRedundancy,
    },
  };
}

function renderPrivateLinkResource(ctx: ArmContext, r: RegistryRecord): unknown {
  return {
    id: `${r.id}/privateLinkResources/registry`,
    name: 'registry',
    type: 'Microsoft.ContainerRegistry/registries/privateLinkResources',
    properties: {
      groupId: 'registry',
      requiredMembers: requiredMembers(ctx, r).map((m) => m.requiredMemberName),
      requiredZoneNames: ['privatelink.azurecr.io'],
    },
  };
}

export function findRegistry(ctx: ArmContext, id: string): RegistryRecord | undefined {
  return ctx.state.registries[key(id)];
}

export function requireRegistry(req: ArmRequest, ctx: ArmContext): RegistryRecord {
  const sub = param(req, 'subscriptionId');
  const rg = param(req, 'resourceGroupName');
  const name = param(req, 'registryName');
  requireGroup(ctx, sub, rg);
  const r = ctx.state.registries[key(providerId(sub, rg, RP, 'registries', name))];
  if (!r) throw resourceNotFound(REGISTRY_TYPE, name, rg);
  return r;
}

export const registryBase = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/{registryName}';

function scopeOf(r: { id: string; location: string }): { subscriptionId: string; resourceGroupName: string; location: string } {
  const p = parseId(r.id);
  return { subscriptionId: p?.subscriptionId ?? '', resourceGroupName: p?.resourceGroupName ?? '', location: r.location };
}

function patchRegistry(req: ArmRequest, ctx: ArmContext): unknown {
  const r = requireRegistry(req, ctx);
  const body = bodyObject(req);
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const publicNetworkAccess = enumProp(props, 'publicNetworkAccess', 'properties.publicNetworkAccess', ['Enabled', 'Disabled'] as const);
  const bypass = enumProp(props, 'networkRuleBypassOptions', 'properties.networkRuleBypassOptions', ['AzureServices', 'None'] as const);
  const adminUserEnabled = props['adminUserEnabled'];
  const dataEndpointEnabled = props['dataEndpointEnabled'];
  if (adminUserEnabled !== undefined && typeof adminUserEnabled !== 'boolean') throw badRequest('InvalidRequestFormat', "The property 'properties.adminUserEnabled' must be a boolean.");
  if (dataEndpointEnabled !== undefined && typeof dataEndpointEnabled !== 'boolean') throw badRequest('InvalidRequestFormat', "The property 'properties.dataEndpointEnabled' must be a boolean.");
  if (publicNetworkAccess === 'Disabled' && r.sku.name !== 'Premium') {
    throw badRequest('DisablingPublicNetworkAccessNotSupported', `Disabling public network access is not supported for the SKU ${r.sku.name}. For more information, please visit https://aka.ms/acr/private-link.`);
  }
  if (dataEndpointEnabled === true && r.sku.name !== 'Premium') {
    throw badRequest('DedicatedDataEndpointNotSupported', `Dedicated data endpoints are not supported for the SKU ${r.sku.name}.`);
  }
  if (body['sku'] !== undefined) throw badRequest('SkuUpdateNotSupported', 'Changing the SKU is not supported by the sandbox.');
  const tags = tagsProp(body);
  const networkRuleSet = parseNetworkRuleSet(ctx, req, r, props);
  if (publicNetworkAccess) r.publicNetworkAccess = publicNetworkAccess;
  if (bypass) r.networkRuleBypassOptions = bypass;
  if (typeof adminUserEnabled === 'boolean') r.adminUserEnabled = adminUserEnabled;
  if (typeof dataEndpointEnabled === 'boolean') r.dataEndpointEnabled = dataEndpointEnabled;
  if (tags) r.tags = tags;
  if (networkRuleSet) r.networkRuleSet = networkRuleSet;
  return renderRegistry(ctx, r, req.apiVersion);
}

/**
 * `properties.networkRuleSet` of a PATCH: the whole set, as `az acr network-rule add/remove` and
 * `az acr update --default-action` send it. Premium only; the virtual network rules are taken only at
 * the api-versions that know them (later ones keep the rules the registry has).
 */
function parseNetworkRuleSet(ctx: ArmContext, req: ArmRequest, r: RegistryRecord, props: JsonObject): RegistryRecord['networkRuleSet'] | undefined {
  const set = objectProp(props, 'networkRuleSet', 'properties.networkRuleSet');
  if (!set) return undefined;
  if (r.sku.name !== 'Premium') throw badRequest('NetworkRuleNotSupported', `Network rules are only supported for managed registries in Premium SKU. The SKU of ${r.name} is ${r.sku.name}.`);
  const defaultAction = enumProp(set, 'defaultAction', 'properties.networkRuleSet.defaultAction', ['Allow', 'Deny'] as const) ?? r.networkRuleSet.defaultAction;
  const ipRules = (arrayProp(set, 'ipRules', 'properties.networkRuleSet.ipRules') ?? r.networkRuleSet.ipRules).map((rule, i) => {
    if (!isObject(rule)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property 'properties.networkRuleSet.ipRules[${i}]' must be an object.`);
    return { action: stringProp(rule, 'action', `properties.networkRuleSet.ipRules[${i}].action`) ?? 'Allow', value: requireStringProp(rule, 'value', `properties.networkRuleSet.ipRules[${i}].value`) };
  });
  const given = showsVirtualNetworkRules(req.apiVersion) ? arrayProp(set, 'virtualNetworkRules', 'properties.networkRuleSet.virtualNetworkRules') : undefined;
  const virtualNetworkRules = given
    ? given.map((rule, i) => {
        if (!isObject(rule)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property 'properties.networkRuleSet.virtualNetworkRules[${i}]' must be an object.`);
        const id = requireStringProp(rule, 'id', `properties.networkRuleSet.virtualNetworkRules[${i}].id`);
        if (!findSubnet(ctx, id)) throw badRequest('InvalidVirtualNetworkRule', `The subnet ${id} of a virtual network rule was not found.`);
        return { action: stringProp(rule, 'action', `properties.networkRuleSet.virtualNetworkRules[${i}].action`) ?? 'Allow', id };
      })
    : r.networkRuleSet.virtualNetworkRules;
  return { defaultAction, ipRules, ...(virtualNetworkRules ? { virtualNetworkRules } : {}) };
}

function putReplication(req: ArmRequest, ctx: ArmContext): { status: number; body?: unknown; headers?: Record<string, string> } {
  const r = requireRegistry(req, ctx);
  const name = param(req, 'replicationName');
  if (!/^[A-Za-z0-9]{5,50}$/.test(name)) {
    throw badRequest('InvalidResourceName', `Replication name '${name}' is invalid. It must be 5-50 alphanumeric characters.`);
  }
  const body = bodyObject(req);
  const location = requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const id = `${r.id}/replications/${name}`;
  const existing = ctx.state.replications[key(id)];
  if (r.sku.name !== 'Premium') {
    throw badRequest('GeoReplicationNotSupported', `Geo-replication is not supported for the SKU ${r.sku.name}. For more information, please visit https://aka.ms/acr/geo-replication.`);
  }
  if (existing && existing.location !== location) throw badRequest('LocationUpdateNotSupported', `The location of replication '${name}' cannot be changed.`);
  const other = listUnder(ctx.state.replications, `${r.id}/replications`).find((x) => x.location === location && x.id !== existing?.id);
  if (!existing && (other || location === r.location.toLowerCase())) {
    throw new ArmError(409, 'ReplicationAlreadyExists', `A replication in location '${location}' already exists for registry '${r.name}'.`);
  }
  const regionEndpointEnabled = props['regionEndpointEnabled'];
  const tags = tagsProp(body);
  const rep: ReplicationRecord = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    location,
    ...(tags ? { tags } : existing?.tags ? { tags: existing.tags } : {}),
    regionEndpointEnabled: typeof regionEndpointEnabled === 'boolean' ? regionEndpointEnabled : (existing?.regionEndpointEnabled ?? true),
    zoneRedundancy: enumProp(props, 'zoneRedundancy', 'properties.zoneRedundancy', ['Enabled', 'Disabled'] as const) ?? existing?.zoneRedundancy ?? 'Disabled',
    createdAt: existing?.createdAt ?? new Date().toISOString(),
  };
  if (!existing) checkReplicaCapacity(ctx, r);
  ctx.state.replications[key(id)] = rep;
  if (!existing) addReplicaMember(ctx, r, location);
  const op = ctx.operations.start(200, renderReplication(rep));
  return acceptedPut('containerRegistry', existing ? 200 : 201, renderReplication(rep, existing ? 'Updating' : 'Creating'), lroUrls(ctx.baseUrl, 'containerRegistry', scopeOf(r), op.id, req.apiVersion));
}

function putConnection(req: ArmRequest, ctx: ArmContext): { status: number; body?: unknown; headers?: Record<string, string> } {
  const r = requireRegistry(req, ctx);
  const name = param(req, 'privateEndpointConnectionName');
  const c = ctx.state.registryConnections[key(`${r.id}/privateEndpointConnections/${name}`)];
  if (!c) throw resourceNotFound('Microsoft.ContainerRegistry/registries/privateEndpointConnections', `${r.name}/${name}`, groupOf(r.id));
  const body = bodyObject(req);
  const props = requireObjectProp(body, 'properties', 'properties');
  const state = requireObjectProp(props, 'privateLinkServiceConnectionState', 'properties.privateLinkServiceConnectionState');
  const status = enumProp(state, 'status', 'properties.privateLinkServiceConnectionState.status', ['Approved', 'Pending', 'Rejected', 'Disconnected'] as const);
  if (!status) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The required property 'properties.privateLinkServiceConnectionState.status' is missing.");
  const description = stringProp(state, 'description', 'properties.privateLinkServiceConnectionState.description') ?? '';
  const actionsRequired = enumProp(state, 'actionsRequired', 'properties.privateLinkServiceConnectionState.actionsRequired', ['None', 'Recreate'] as const) ?? 'None';
  const current = c.privateLinkServiceConnectionState.status;
  const before = { ...c, privateLinkServiceConnectionState: { ...c.privateLinkServiceConnectionState } };
  if (status === 'Disconnected' || (status === 'Pending' && current !== 'Pending')) {
    throw badRequest('InvalidPrivateEndpointConnectionStatus', `The private endpoint connection status cannot be changed from '${current}' to '${status}'.`);
  }
  if (current === 'Rejected' && status === 'Approved') {
    throw badRequest('InvalidPrivateEndpointConnectionStatus', "A rejected private endpoint connection cannot be approved; the private endpoint must be re-created.");
  }
  c.privateLinkServiceConnectionState = { status, description, actionsRequired };
  setEndpointConnectionState(ctx, c.privateEndpointId, r.id, c.privateLinkServiceConnectionState);
  const op = ctx.operations.start(200, renderConnection(c));
  // As Azure: the first answer still shows the state from before the change, Updating; the operation's result shows the new one.
  return acceptedPut('containerRegistry', 201, renderConnection(before, 'Updating'), lroUrls(ctx.baseUrl, 'containerRegistry', scopeOf(r), op.id, req.apiVersion));
}

function usages(ctx: ArmContext, r: RegistryRecord): unknown {
  const limit = r.sku.name === 'Premium' ? (r.legacyEndpointLimit ? LEGACY_PRIVATE_ENDPOINT_LIMIT : PRIVATE_ENDPOINT_LIMIT) : 0;
  const sizeLimit = { Basic: 10, Standard: 100, Premium: 500 }[r.sku.name] * 1024 ** 3;
  return {
    value: [
      { name: 'Size', limit: sizeLimit, currentValue: 0, unit: 'Bytes' },
      { name: 'Webhooks', limit: { Basic: 2, Standard: 10, Premium: 500 }[r.sku.name], currentValue: 0, unit: 'Count' },
      { name: 'Geo-replications', limit: r.sku.name === 'Premium' ? 100 : 0, currentValue: registryRegions(ctx, r).length - 1, unit: 'Count' },
      { name: 'PrivateEndpointConnections', limit, currentValue: registryConnections(ctx, r).length, unit: 'Count' },
    ],
  };
}

export function containerRegistryRoutes(): Route[] {
  return [
    ...listRoutes('containerRegistry', REGISTRY_TYPE, (state) => state.registries, renderRegistry),
    route('GET', registryBase, 'containerRegistry', (req, ctx) => ({ status: 200, body: renderRegistry(ctx, requireRegistry(req, ctx), req.apiVersion) })),
    route('PATCH', registryBase, 'containerRegistry', (req, ctx) => ({ status: 200, body: patchRegistry(req, ctx) })),
    route('GET', `${registryBase}/listUsages`, 'containerRegistry', (req, ctx) => ({ status: 200, body: usages(ctx, requireRegistry(req, ctx)) })),
    route('POST', `${registryBase}/listUsages`, 'containerRegistry', (req, ctx) => ({ status: 200, body: usages(ctx, requireRegistry(req, ctx)) })),
    route('GET', `${registryBase}/privateLinkResources`, 'containerRegistry', (req, ctx) => ({ status: 200, body: paged([renderPrivateLinkResource(ctx, requireRegistry(req, ctx))], req, ctx) })),
    route('GET', `${registryBase}/privateLinkResources/{groupName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      if (param(req, 'groupName').toLowerCase() !== 'registry') throw childNotFound(`${r.id}/privateLinkResources/${param(req, 'groupName')}`);
      return { status: 200, body: renderPrivateLinkResource(ctx, r) };
    }),
    route('GET', `${registryBase}/replications`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      return { status: 200, body: paged(listUnder(ctx.state.replications, `${r.id}/replications`).map((x) => renderReplication(x)), req, ctx) };
    }),
    route('GET', `${registryBase}/replications/{replicationName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const rep = ctx.state.replications[key(`${r.id}/replications/${param(req, 'replicationName')}`)];
      if (!rep) throw resourceNotFound('Microsoft.ContainerRegistry/registries/replications', `${r.name}/${param(req, 'replicationName')}`, groupOf(r.id));
      return { status: 200, body: renderReplication(rep) };
    }),
    route('PUT', `${registryBase}/replications/{replicationName}`, 'containerRegistry', putReplication),
    route('DELETE', `${registryBase}/replications/{replicationName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const id = key(`${r.id}/replications/${param(req, 'replicationName')}`);
      const rep = ctx.state.replications[id];
      if (!rep) return { status: 204 };
      delete ctx.state.replications[id];
      removeReplicaMember(ctx, r, rep.location);
      const op = ctx.operations.start(200);
      return acceptedDelete('containerRegistry', lroUrls(ctx.baseUrl, 'containerRegistry', scopeOf(r), op.id, req.apiVersion));
    }),
    route('GET', `${registryBase}/privateEndpointConnections`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      return { status: 200, body: paged(registryConnections(ctx, r).map((c) => renderConnection(c)), req, ctx) };
    }),
    route('GET', `${registryBase}/privateEndpointConnections/{privateEndpointConnectionName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const name = param(req, 'privateEndpointConnectionName');
      const c = ctx.state.registryConnections[key(`${r.id}/privateEndpointConnections/${name}`)];
      if (!c) throw resourceNotFound('Microsoft.ContainerRegistry/registries/privateEndpointConnections', `${r.name}/${name}`, groupOf(r.id));
      return { status: 200, body: renderConnection(c) };
    }),
    route('PUT', `${registryBase}/privateEndpointConnections/{privateEndpointConnectionName}`, 'containerRegistry', putConnection),
    route('DELETE', `${registryBase}/privateEndpointConnections/{privateEndpointConnectionName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const id = key(`${r.id}/privateEndpointConnections/${param(req, 'privateEndpointConnectionName')}`);
      const c = ctx.state.registryConnections[id];
      if (!c) return { status: 204 };
      delete ctx.state.registryConnections[id];
      // The endpoint stays, but its connection no longer carries traffic.
      setEndpointConnectionState(ctx, c.privateEndpointId, r.id, { status: 'Disconnected', description: 'Connection removed by the registry owner.', actionsRequired: 'None' });
      const op = ctx.operations.start(200);
      return acceptedDelete('containerRegistry', lroUrls(ctx.baseUrl, 'containerRegistry', scopeOf(r), op.id, req.apiVersion));
    }),
  ];
}

