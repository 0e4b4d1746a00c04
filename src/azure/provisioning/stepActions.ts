// One function per provisioning step, on the SDK clients. Each returns what it created or changed, so
// a run that stops half-way can say exactly what exists now. A step that finds its work already done
// (the resource group exists, the provider is registered) returns nothing to clean up.
import * as l10n from '@vscode/l10n';
import { parseResourceId, resourceName } from '../../model/armId';
import type { ResourceId } from '../../model/types';
import type {
  CreatedResource,
  CreatePrivateDnsZoneGroupStep,
  CreatePrivateDnsZoneStep,
  CreatePrivateEndpointStep,
  CreateRegistryStep,
  CreateReplicationStep,
  CreateResourceGroupStep,
  CreateVirtualNetworkLinkStep,
  DisableSubnetPoliciesStep,
  ProvisioningStep,
  RegisterProviderStep,
} from '../../provisioning/steps';
import type { ArmClients } from '../clients';
import { httpStatusOf } from '../errors';
import { armRequest, resourceGroupPath } from './armRequest';

export interface StepContext {
  clients: ArmClients;
  signal?: AbortSignal;
  /** LRO polling interval. */
  pollIntervalMs: number;
  /** Waits between provider registration polls; tests pass a resolved promise. */
  wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Drops cached reads a write may have made stale. */
  invalidate?: (resourceId: ResourceId) => void;
}

interface Parts {
  subscriptionId: string;
  resourceGroup: string;
  names: string[];
}

function parts(id: ResourceId): Parts {
  const p = parseResourceId(id);
  if (p.resourceGroup === undefined) throw new Error(l10n.t('Not a resource id in a resource group: {0}', id));
  return { subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup, names: p.types.map(([, name]) => name) };
}

const abortOf = (ctx: StepContext): { abortSignal?: AbortSignal } => (ctx.signal ? { abortSignal: ctx.signal } : {});
const lroOf = (ctx: StepContext): { abortSignal?: AbortSignal; updateIntervalInMs: number } => ({ ...abortOf(ctx), updateIntervalInMs: ctx.pollIntervalMs });

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (e) {
    if (httpStatusOf(e) === 404) return false;
    throw e;
  }
}

async function createResourceGroup(ctx: StepContext, step: CreateResourceGroupStep): Promise<CreatedResource[]> {
  const path = resourceGroupPath(step.subscriptionId, step.resourceGroup);
  const id = `/subscriptions/${step.subscriptionId}/resourceGroups/${step.resourceGroup}`;
  if (await exists(() => armRequest(ctx.clients, 'GET', path, undefined, ctx.signal))) return [];
  await armRequest(ctx.clients, 'PUT', path, { location: step.location }, ctx.signal);
  return [{ kind: 'resourceGroup', id }];
}

const PROVIDER_POLLS = 60;
const PROVIDER_POLL_MS = 5_000;

async function registerProvider(ctx: StepContext, step: RegisterProviderStep): Promise<CreatedResource[]> {
  const path = `/subscriptions/${encodeURIComponent(step.subscriptionId)}/providers/${step.namespace}`;
  const state = async (): Promise<string> => ((await armRequest(ctx.clients, 'GET', path, undefined, ctx.signal)).body as { registrationState?: string }).registrationState ?? 'Unknown';
  if ((await state()) === 'Registered') return [];
  await armRequest(ctx.clients, 'POST', `${path}/register`, undefined, ctx.signal);
  // Registration is asynchronous in Azure: an endpoint created before it completes is refused.
  for (let i = 0; i < PROVIDER_POLLS; i++) {
    if ((await state()) === 'Registered') return [{ kind: 'providerRegistration', id: `/subscriptions/${step.subscriptionId}` }];
    await ctx.wait(PROVIDER_POLL_MS, ctx.signal);
  }
  throw new Error(l10n.t('{0} is still registering in subscription {1}; run the form again in a few minutes.', step.namespace, step.subscriptionId));
}

async function disableSubnetPolicies(ctx: StepContext, step: DisableSubnetPoliciesStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup, names } = parts(step.subnetId);
  const [vnet = '', subnetName = ''] = names;
  const subnets = ctx.clients.network(subscriptionId).subnets;
  const subnet = await subnets.get(resourceGroup, vnet, subnetName, abortOf(ctx));
  const previous = subnet.privateEndpointNetworkPolicies ?? 'Enabled';
  if (previous === 'Disabled') return [];
  // The whole subnet goes back, so nothing but the policy changes (a PUT replaces what it omits).
  await subnets.beginCreateOrUpdateAndWait(resourceGroup, vnet, subnetName, { ...subnet, privateEndpointNetworkPolicies: 'Disabled' }, lroOf(ctx));
  ctx.invalidate?.(step.subnetId);
  return [{ kind: 'subnetPolicies', id: step.subnetId, previous }];
}

/**
 * The registry is long-running (Creating, then Succeeded). When polling fails after Azure accepted
 * the PUT, the registry may exist: it is then this run's, so the clean-up can remove it.
 */
async function createRegistry(ctx: StepContext, step: CreateRegistryStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup } = parts(step.registryId);
  const name = resourceName(step.registryId);
  const registries = ctx.clients.containerRegistry(subscriptionId).registries;
  try {
    await registries.beginCreateAndWait(
      resourceGroup,
      name,
      { location: step.location, sku: { name: step.sku }, publicNetworkAccess: step.publicNetworkAccess, adminUserEnabled: false },
      lroOf(ctx),
    );
  } catch (e) {
    const left = await exists(() => registries.get(resourceGroup, name)).catch(() => false);
    if (left) throw Object.assign(e instanceof Error ? e : new Error(String(e)), { created: [{ kind: 'registry', id: step.registryId }] });
    throw e;
  } finally {
    ctx.invalidate?.(step.registryId);
    ctx.invalidate?.(`/subscriptions/${subscriptionId}`);
  }
  return [{ kind: 'registry', id: step.registryId }];
}

async function createReplication(ctx: StepContext, step: CreateReplicationStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup } = parts(step.registryId);
  const registryName = resourceName(step.registryId);
  const replications = ctx.clients.containerRegistry(subscriptionId).replications;
  const id = `${step.registryId}/replications/${step.replicationName}`;
  try {
    await replications.beginCreateAndWait(resourceGroup, registryName, step.replicationName, { location: step.location }, lroOf(ctx));
  } catch (e) {
    const left = await exists(() => replications.get(resourceGroup, registryName, step.replicationName)).catch(() => false);
    if (left) throw Object.assign(e instanceof Error ? e : new Error(String(e)), { created: [{ kind: 'replication', id }] });
    throw e;
  } finally {
    ctx.invalidate?.(step.registryId);
  }
  return [{ kind: 'replication', id }];
}

async function createPrivateDnsZone(ctx: StepContext, step: CreatePrivateDnsZoneStep): Promise<CreatedResource[]> {
  const zone = await ctx.clients
    .privateDns(step.subscriptionId)
    .privateZones.beginCreateOrUpdateAndWait(step.resourceGroup, step.zoneName, { location: 'global' }, { ...lroOf(ctx), ifNoneMatch: step.ifNoneMatch });
  const id = zone.id ?? `/subscriptions/${step.subscriptionId}/resourceGroups/${step.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${step.zoneName}`;
  ctx.invalidate?.(id);
  return [{ kind: 'privateDnsZone', id }];
}

async function createVirtualNetworkLink(ctx: StepContext, step: CreateVirtualNetworkLinkStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup } = parts(step.privateDnsZoneId);
  const link = await ctx.clients
    .privateDns(subscriptionId)
    .virtualNetworkLinks.beginCreateOrUpdateAndWait(
      resourceGroup,
      resourceName(step.privateDnsZoneId),
      step.linkName,
      { location: 'global', virtualNetwork: { id: step.virtualNetworkId }, registrationEnabled: step.registrationEnabled },
      { ...lroOf(ctx), ifNoneMatch: step.ifNoneMatch },
    );
  const id = link.id ?? `${step.privateDnsZoneId}/virtualNetworkLinks/${step.linkName}`;
  ctx.invalidate?.(id);
  return [{ kind: 'virtualNetworkLink', id }];
}

async function createPrivateEndpoint(ctx: StepContext, step: CreatePrivateEndpointStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup } = parts(step.privateEndpointId);
  const name = resourceName(step.privateEndpointId);
  const connections = [{ name: step.connection.name, privateLinkServiceId: step.connection.privateLinkServiceId, groupIds: [...step.connection.groupIds], ...(step.connection.requestMessage !== undefined ? { requestMessage: step.connection.requestMessage } : {}) }];
  const endpoints = ctx.clients.network(subscriptionId).privateEndpoints;
  try {
    await endpoints.beginCreateOrUpdateAndWait(
      resourceGroup,
      name,
      {
        location: step.location,
        subnet: { id: step.subnetId },
        ...(step.manual ? { manualPrivateLinkServiceConnections: connections } : { privateLinkServiceConnections: connections }),
      },
      lroOf(ctx),
    );
  } catch (e) {
    // The PUT may have been accepted before polling failed: then the endpoint exists and is this run's.
    const left = await exists(() => endpoints.get(resourceGroup, name)).catch(() => false);
    if (left) throw Object.assign(e instanceof Error ? e : new Error(String(e)), { created: [{ kind: 'privateEndpoint', id: step.privateEndpointId }] });
    throw e;
  } finally {
    ctx.invalidate?.(step.privateEndpointId);
    ctx.invalidate?.(step.connection.privateLinkServiceId);
  }
  return [{ kind: 'privateEndpoint', id: step.privateEndpointId }];
}

async function createPrivateDnsZoneGroup(ctx: StepContext, step: CreatePrivateDnsZoneGroupStep): Promise<CreatedResource[]> {
  const { subscriptionId, resourceGroup } = parts(step.privateEndpointId);
  await ctx.clients.network(subscriptionId).privateDnsZoneGroups.beginCreateOrUpdateAndWait(
    resourceGroup,
    resourceName(step.privateEndpointId),
    step.name,
    { privateDnsZoneConfigs: step.privateDnsZoneConfigs.map((c) => ({ name: c.name, privateDnsZoneId: c.privateDnsZoneId })) },
    lroOf(ctx),
  );
  for (const c of step.privateDnsZoneConfigs) ctx.invalidate?.(c.privateDnsZoneId);
  return [{ kind: 'privateDnsZoneGroup', id: `${step.privateEndpointId}/privateDnsZoneGroups/${step.name}` }];
}

export function runStep(ctx: StepContext, step: ProvisioningStep): Promise<CreatedResource[]> {
  switch (step.kind) {
    case 'createResourceGroup':
      return createResourceGroup(ctx, step);
    case 'registerProvider':
      return registerProvider(ctx, step);
    case 'disableSubnetPolicies':
      return disableSubnetPolicies(ctx, step);
    case 'createRegistry':
      return createRegistry(ctx, step);
    case 'createReplication':
      return createReplication(ctx, step);
    case 'createPrivateDnsZone':
      return createPrivateDnsZone(ctx, step);
    case 'createVirtualNetworkLink':
      return createVirtualNetworkLink(ctx, step);
    case 'createPrivateEndpoint':
      return createPrivateEndpoint(ctx, step);
    case 'createPrivateDnsZoneGroup':
      return createPrivateDnsZoneGroup(ctx, step);
  }
}
