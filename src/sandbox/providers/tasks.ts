// Microsoft.ContainerRegistry tasks and dedicated agent pools: where a registry's tasks run. With
// public network access disabled only an agent pool in a virtual network reaches the registry.
// Served in the shape of api-version 2019-06-01-preview, the one `az acr task` and `az acr agentpool` use.

import { badRequest, resourceNotFound } from '../arm/errors';
import { acceptedPut, lroUrls } from '../arm/lro';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { groupOf, parseId } from '../ids';
import { key, listUnder, type AgentPoolRecord, type RegistryRecord, type TaskRecord } from '../state';
import { bodyObject, enumProp, objectProp, requireStringProp, stringProp } from './common';
import { registryBase, requireRegistry } from './containerRegistry';
import { findSubnet } from './sideEffects';

export function renderTask(t: TaskRecord): unknown {
  return {
    id: t.id,
    name: t.name,
    type: 'Microsoft.ContainerRegistry/registries/tasks',
    location: t.location,
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      creationDate: t.creationDate,
      status: t.status,
      platform: { os: 'Linux', architecture: 'amd64' },
      agentConfiguration: { cpu: 2 },
      ...(t.agentPoolName ? { agentPoolName: t.agentPoolName } : {}),
      timeout: 3600,
      step: { type: 'Docker', imageNames: ['app:{{.Run.ID}}'], isPushEnabled: true, noCache: false, dockerFilePath: 'Dockerfile', contextPath: '.', arguments: [] },
      trigger: { baseImageTrigger: { baseImageTriggerType: 'Runtime', status: 'Enabled', name: 'defaultBaseimageTriggerName' } },
      isSystemTask: false,
    },
  };
}

export function renderAgentPool(p: AgentPoolRecord, provisioningState = 'Succeeded'): unknown {
  return {
    id: p.id,
    name: p.name,
    type: 'Microsoft.ContainerRegistry/registries/agentPools',
    location: p.location,
    tags: {},
    properties: {
      count: p.count,
      tier: p.tier,
      os: p.os,
      ...(p.virtualNetworkSubnetResourceId ? { virtualNetworkSubnetResourceId: p.virtualNetworkSubnetResourceId } : {}),
      provisioningState,
    },
  };
}

const tasksOf = (ctx: ArmContext, r: RegistryRecord): TaskRecord[] => listUnder(ctx.state.tasks, `${r.id}/tasks`);
const poolsOf = (ctx: ArmContext, r: RegistryRecord): AgentPoolRecord[] => listUnder(ctx.state.agentPools, `${r.id}/agentPools`);

function scopeOf(r: { id: string; location: string }): { subscriptionId: string; resourceGroupName: string; location: string } {
  const p = parseId(r.id);
  return { subscriptionId: p?.subscriptionId ?? '', resourceGroupName: p?.resourceGroupName ?? '', location: r.location };
}

/** `az acr agentpool create`: Premium only; the subnet, when given, must exist. */
function putAgentPool(req: ArmRequest, ctx: ArmContext): ArmResponse {
  const r = requireRegistry(req, ctx);
  const name = param(req, 'agentPoolName');
  if (!/^[A-Za-z0-9-]{3,20}$/.test(name)) throw badRequest('InvalidResourceName', `Agent pool name '${name}' is invalid. It must be 3-20 alphanumeric characters or hyphens.`);
  if (r.sku.name !== 'Premium') throw badRequest('AgentPoolNotSupported', `Agent pools are not supported for the SKU ${r.sku.name}.`);
  const body = bodyObject(req);
  const location = requireStringProp(body, 'location', 'location').toLowerCase().replace(/\s/g, '');
  const props = objectProp(body, 'properties', 'properties') ?? {};
  const subnetId = stringProp(props, 'virtualNetworkSubnetResourceId', 'properties.virtualNetworkSubnetResourceId');
  if (subnetId !== undefined && !findSubnet(ctx, subnetId)) throw badRequest('InvalidSubnetId', `The subnet ${subnetId} was not found.`);
  const count = props['count'];
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 0)) throw badRequest('InvalidRequestFormat', "The property 'properties.count' must be a non-negative integer.");
  const id = `${r.id}/agentPools/${name}`;
  const existing = ctx.state.agentPools[key(id)];
  const pool: AgentPoolRecord = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    location,
    count: typeof count === 'number' ? count : (existing?.count ?? 1),
    tier: stringProp(props, 'tier', 'properties.tier') ?? existing?.tier ?? 'S1',
    os: enumProp(props, 'os', 'properties.os', ['Linux', 'Windows'] as const) ?? existing?.os ?? 'Linux',
    ...(subnetId !== undefined ? { virtualNetworkSubnetResourceId: subnetId } : existing?.virtualNetworkSubnetResourceId ? { virtualNetworkSubnetResourceId: existing.virtualNetworkSubnetResourceId } : {}),
  };
  ctx.state.agentPools[key(id)] = pool;
  const op = ctx.operations.start(200, renderAgentPool(pool));
  return acceptedPut('containerRegistry', existing ? 200 : 201, renderAgentPool(pool, existing ? 'Updating' : 'Creating'), lroUrls(ctx.baseUrl, 'containerRegistry', scopeOf(r), op.id, req.apiVersion));
}

export function taskRoutes(): Route[] {
  return [
    route('GET', `${registryBase}/tasks`, 'containerRegistry', (req, ctx) => ({ status: 200, body: paged(tasksOf(ctx, requireRegistry(req, ctx)).map(renderTask), req, ctx) })),
    route('GET', `${registryBase}/tasks/{taskName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const t = ctx.state.tasks[key(`${r.id}/tasks/${param(req, 'taskName')}`)];
      if (!t) throw resourceNotFound('Microsoft.ContainerRegistry/registries/tasks', `${r.name}/${param(req, 'taskName')}`, groupOf(r.id));
      return { status: 200, body: renderTask(t) };
    }),
    route('GET', `${registryBase}/agentPools`, 'containerRegistry', (req, ctx) => ({ status: 200, body: paged(poolsOf(ctx, requireRegistry(req, ctx)).map((p) => renderAgentPool(p)), req, ctx) })),
    route('GET', `${registryBase}/agentPools/{agentPoolName}`, 'containerRegistry', (req, ctx) => {
      const r = requireRegistry(req, ctx);
      const p = ctx.state.agentPools[key(`${r.id}/agentPools/${param(req, 'agentPoolName')}`)];
      if (!p) throw resourceNotFound('Microsoft.ContainerRegistry/registries/agentPools', `${r.name}/${param(req, 'agentPoolName')}`, groupOf(r.id));
      return { status: 200, body: renderAgentPool(p) };
    }),
    route('PUT', `${registryBase}/agentPools/{agentPoolName}`, 'containerRegistry', putAgentPool),
  ];
}
