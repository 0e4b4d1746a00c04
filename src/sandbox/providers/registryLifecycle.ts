// Microsoft.ContainerRegistry: creating and deleting a registry, and checking a name. As Azure: the
// name is global (any subscription, any case), 5–50 letters and digits; `checkNameAvailability`
// answers `{ nameAvailable, reason, message }` with `AlreadyExists` (the message of Azure's published
// example) or `Invalid` (the wording is the sandbox's own: no recording shows Azure's); the PUT of a new
// registry answers 201 with `provisioningState: Creating` and an `Azure-AsyncOperation` under the
// registry (`…/operationStatuses/registries-<guid>`), whose status reads `Creating` once before
// `Succeeded` (recorded: acr/test_acr_with_private_endpoint). A registry PUT refuses a name another
// registry holds with `AlreadyInUse`. Deleting a registry takes its replications and its side of the
// private endpoint connections with it; the endpoints stay, Disconnected. It answers 200 at once, as
// recorded.

import { badRequest, childNotFound } from '../arm/errors';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { providerId } from '../ids';
import { key, listUnder, type RegistryRecord } from '../state';
import { bodyObject, enumProp, objectProp, requireGroup, requireObjectProp, requireStringProp, requireSubscription, tagsProp } from './common';
import { renderRegistry } from './containerRegistry';
import { setEndpointConnectionState } from './sideEffects';

const RP = 'Microsoft.ContainerRegistry';
const REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';
const registryBase = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/{registryName}';

export const REGISTRY_NAME_RULE = /^[A-Za-z0-9]{5,50}$/;

/** The registry of this name anywhere in the sandbox (names are global, compared without case). */
function holderOf(ctx: ArmContext, name: string): RegistryRecord | undefined {
  return Object.values(ctx.state.registries).find((r) => r.name.toLowerCase() === name.toLowerCase());
}

export function nameStatus(ctx: ArmContext, name: string): { nameAvailable: boolean; reason?: string; message?: string } {
  if (!REGISTRY_NAME_RULE.test(name)) {
    return { nameAvailable: false, reason: 'Invalid', message: `The registry name '${name}' is invalid: it must be 5 to 50 characters long and contain only letters and digits.` };
  }
  if (holderOf(ctx, name)) return { nameAvailable: false, reason: 'AlreadyExists', message: `The registry ${name} is already in use.` };
  return { nameAvailable: true };
}

function checkNameAvailability(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const body = bodyObject(req);
  const name = requireStringProp(body, 'name', 'name');
  const type = requireStringProp(body, 'type', 'type');
  if (type.toLowerCase() !== REGISTRY_TYPE.toLowerCase()) {
    throw badRequest('InvalidRequestFormat', `The value '${type}' of property 'type' is not valid. Allowed values: ${REGISTRY_TYPE}.`);
  }
  return { status: 200, body: nameStatus(ctx, name) };
}

function registryOperationUrl(ctx: ArmContext, registryId: string, opId: string, apiVersion: string): string {
  return `${ctx.baseUrl}${registryId}/operationStatuses/registries-${opId}?api-version=${encodeURIComponent(apiVersion)}`;
}

function skuOf(req: ArmRequest): string | undefined {
  const sku = (req.body as { sku?: { name?: unknown } } | undefined)?.sku?.name;
  return typeof sku === 'string' ? ['Basic', 'Standard', 'Premium'].find((s) => s.toLowerCase() === sku.toLowerCase()) : undefined;
}

function putRegistry(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const sub = param(req, 'subscriptionId');
  const rg = requireGroup(ctx, sub, param(req, 'resourceGroupName'));
  const name = param(req, 'registryName');
  const id = providerId(sub, rg.name, RP, 'registries', name);
  const existing = ctx.state.registries[key(id)];
  if (!REGISTRY_NAME_RULE.test(name)) {
    throw badRequest('InvalidResourceName', `The resource name '${name}' is invalid. A registry name may contain only letters and digits and must be 5 to 50 characters long.`);
  }
  const holder = holderOf(ctx, name);
  if (holder && key(holder.id) !== key(id)) {
    throw badRequest(
      'AlreadyInUse',
      `The registry DNS name ${name.toLowerCase()}.azurecr.io is already in use. You can check if the name is already claimed using following API: https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability`,
    );
  }
  if (existing && existing.sku.name !== skuOf(req)) throw badRequest('SkuUpdateNotSupported', 'Changing the SKU is not supported by the sandbox.');
  const body = bodyObject(req);
  const location = requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');
  const sku = requireObjectProp(body, 'sku', 'sku');
  const skuName = enumProp(sku, 'name', 'sku.name', ['Basic', 'Standard', 'Premium'] as const);
  if (!skuName) throw badRequest('InvalidRequestFormat', "Cannot parse the request. The required property 'sku.name' is missing.");
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const publicNetworkAccess = enumProp(props, 'publicNetworkAccess', 'properties.publicNetworkAccess', ['Enabled', 'Disabled'] as const) ?? 'Enabled';
  if (publicNetworkAccess === 'Disabled' && skuName !== 'Premium') {
    throw badRequest('DisablingPublicNetworkAccessNotSupported', `Disabling public network access is not supported for the SKU ${skuName}. For more information, please visit https://aka.ms/acr/private-link.`);
  }
  const bypass = enumProp(props, 'networkRuleBypassOptions', 'properties.networkRuleBypassOptions', ['AzureServices', 'None'] as const) ?? 'AzureServices';
  const adminUserEnabled = props['adminUserEnabled'];
  if (adminUserEnabled !== undefined && typeof adminUserEnabled !== 'boolean') throw badRequest('InvalidRequestFormat', "The property 'properties.adminUserEnabled' must be a boolean.");
  const zoneRedundancy = enumProp(props, 'zoneRedundancy', 'properties.zoneRedundancy', ['Enabled', 'Disabled'] as const) ?? 'Disabled';
  const tags = tagsProp(body);
  const record: RegistryRecord = {
    ...existing,
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    location,
    ...(tags ? { tags } : {}),
    sku: { name: skuName, tier: skuName },
    creationDate: existing?.creationDate ?? new Date().toISOString(),
    adminUserEnabled: adminUserEnabled === true,
    dataEndpointEnabled: false,
    publicNetworkAccess,
    networkRuleBypassOptions: bypass,
    networkRuleSet: { defaultAction: 'Allow', ipRules: [] },
    zoneRedundancy,
  };
  ctx.state.registries[key(id)] = record;
  const rendered = renderRegistry(ctx, record, req.apiVersion) as { properties: Record<string, unknown> };
  // Azure's operation reads Creating (Updating) once, then Succeeded with the registry.
  const running = existing ? 'Updating' : 'Creating';
  const op = ctx.operations.start(200, rendered, { pollsInProgress: 1, runningStatus: running });
  return {
    status: existing ? 200 : 201,
    body: { ...rendered, properties: { ...rendered.properties, provisioningState: running } },
    headers: { 'Azure-AsyncOperation': registryOperationUrl(ctx, id, op.id, req.apiVersion) },
  };
}

function deleteRegistry(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const sub = param(req, 'subscriptionId');
  const rg = requireGroup(ctx, sub, param(req, 'resourceGroupName'));
  const id = providerId(sub, rg.name, RP, 'registries', param(req, 'registryName'));
  const r = ctx.state.registries[key(id)];
  if (!r) return { status: 204 };
  for (const rep of listUnder(ctx.state.replications, `${r.id}/replications`)) delete ctx.state.replications[key(rep.id)];
  for (const c of listUnder(ctx.state.registryConnections, `${r.id}/privateEndpointConnections`)) {
    delete ctx.state.registryConnections[key(c.id)];
    setEndpointConnectionState(ctx, c.privateEndpointId, r.id, { status: 'Disconnected', description: 'The registry was deleted.', actionsRequired: 'None' });
  }
  delete ctx.state.registries[key(id)];
  // Recorded (acr/test_acr_network_rule): the delete of a registry answers 200 with no body at once.
  return { status: 200 };
}

/** The registry-scoped operation status Azure answers for a registry's creation: `{ status }` alone. */
function registryOperationStatus(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const opId = param(req, 'operationId').replace(/^registries-/i, '');
  const polled = ctx.operations.poll(opId);
  if (!polled) throw childNotFound(req.path);
  return { status: 200, body: { status: polled.inProgress ? (polled.op.runningStatus ?? 'InProgress') : 'Succeeded' } };
}

export function registryLifecycleRoutes(): Route[] {
  return [
    route('POST', '/subscriptions/{subscriptionId}/providers/Microsoft.ContainerRegistry/checkNameAvailability', 'containerRegistry', checkNameAvailability),
    route('PUT', registryBase, 'containerRegistry', putRegistry),
    route('DELETE', registryBase, 'containerRegistry', deleteRegistry),
    route('GET', `${registryBase}/operationStatuses/{operationId}`, 'containerRegistry', registryOperationStatus),
  ];
}
