// Microsoft.Resources: subscriptions, resource groups and resource provider registration.

import { badRequest } from '../arm/errors';
import { paged } from '../arm/paging';
import { param, route, type Route } from '../arm/router';
import { groupId } from '../ids';
import { key, type ResourceGroupRecord, type SubscriptionRecord } from '../state';
import { bodyObject, checkResourceGroupName, requireGroup, requireStringProp, requireSubscription, tagsProp } from './common';

export const KNOWN_NAMESPACES = ['Microsoft.ContainerRegistry', 'Microsoft.Network', 'Microsoft.Resources'] as const;

export function renderSubscription(s: SubscriptionRecord): unknown {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    tags: {},
  };
}

export function renderGroup(g: ResourceGroupRecord): unknown {
  return {
    id: g.id,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    ...(g.tags ? { tags: g.tags } : {}),
    properties: { provisioningState: 'Succeeded' },
  };
}

const resourceTypes: Record<string, { resourceType: string; locations: string[]; apiVersions: string[] }[]> = {
  'microsoft.containerregistry': [
    { resourceType: 'registries', locations: ['West Europe', 'East US'], apiVersions: ['2025-11-01', '2025-04-01', '2023-07-01'] },
    { resourceType: 'registries/replications', locations: ['West Europe', 'East US'], apiVersions: ['2025-11-01', '2025-04-01', '2023-07-01'] },
    { resourceType: 'registries/privateEndpointConnections', locations: ['West Europe', 'East US'], apiVersions: ['2025-11-01', '2025-04-01', '2023-07-01'] },
  ],
  'microsoft.network': [
    { resourceType: 'virtualNetworks', locations: ['West Europe', 'East US'], apiVersions: ['2026-01-01', '2025-05-01', '2024-07-01'] },
    { resourceType: 'privateEndpoints', locations: ['West Europe', 'East US'], apiVersions: ['2026-01-01', '2025-05-01', '2024-07-01'] },
    { resourceType: 'privateDnsZones', locations: ['global'], apiVersions: ['2024-06-01', '2020-06-01', '2018-09-01'] },
  ],
  'microsoft.resources': [{ resourceType: 'resourceGroups', locations: [], apiVersions: ['2025-04-01', '2024-11-01', '2022-09-01'] }],
};

function renderProvider(sub: SubscriptionRecord, namespace: string): unknown {
  const canonical = KNOWN_NAMESPACES.find((n) => n.toLowerCase() === namespace.toLowerCase()) ?? namespace;
  const state = sub.providers[canonical] ?? 'NotRegistered';
  return {
    id: `/subscriptions/${sub.subscriptionId}/providers/${canonical}`,
    namespace: canonical,
    registrationState: state,
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: resourceTypes[canonical.toLowerCase()] ?? [],
  };
}

function requireNamespace(namespace: string): string {
  const canonical = KNOWN_NAMESPACES.find((n) => n.toLowerCase() === namespace.toLowerCase());
  if (!canonical) {
    throw badRequest('InvalidResourceNamespace', `The resource namespace '${namespace}' is invalid.`);
  }
  return canonical;
}

export function resourceRoutes(): Route[] {
  return [
    route('GET', '/subscriptions', 'subscriptions', (req, ctx) => ({ status: 200, body: paged(ctx.state.subscriptions.map(renderSubscription), req, ctx) })),
    route('GET', '/subscriptions/{subscriptionId}', 'subscriptions', (req, ctx) => ({ status: 200, body: renderSubscription(requireSubscription(ctx, param(req, 'subscriptionId'))) })),
    route('GET', '/tenants', 'subscriptions', (req, ctx) => ({
      status: 200,
      body: paged([{ id: `/tenants/${ctx.state.tenantId}`, tenantId: ctx.state.tenantId, tenantCategory: 'Home', displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }], req, ctx),
    })),
    route('GET', '/subscriptions/{subscriptionId}/resourcegroups', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      const prefix = key(`/subscriptions/${sub.subscriptionId}/resourceGroups/`);
      const groups = Object.entries(ctx.state.resourceGroups).filter(([k]) => k.startsWith(prefix)).map(([, g]) => renderGroup(g));
      return { status: 200, body: paged(groups, req, ctx) };
    }),
    route('GET', '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', 'resources', (req, ctx) => ({
      status: 200,
      body: renderGroup(requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'))),
    })),
    route('PUT', '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      const name = param(req, 'resourceGroupName');
      checkResourceGroupName(name);
      const body = bodyObject(req);
      const location = requireStringProp(body, 'location', 'location');
      const id = groupId(sub.subscriptionId, name);
      const existing = ctx.state.resourceGroups[key(id)];
      const tags = tagsProp(body);
      if (existing && existing.location.toLowerCase() !== location.toLowerCase().replace(/\s/g, '')) {
        throw badRequest('InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
      }
      const record: ResourceGroupRecord = { id: existing?.id ?? id, name: existing?.name ?? name, location: existing?.location ?? location.toLowerCase().replace(/\s/g, ''), ...(tags ? { tags } : {}) };
      ctx.state.resourceGroups[key(id)] = record;
      return { status: existing ? 200 : 201, body: renderGroup(record) };
    }),
    // Providers_List (`az provider list`): the namespaces the sandbox serves, as the GET of each shows it.
    route('GET', '/subscriptions/{subscriptionId}/providers', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      return { status: 200, body: paged(KNOWN_NAMESPACES.map((n) => renderProvider(sub, n)), req, ctx) };
    }),
    route('GET', '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      return { status: 200, body: renderProvider(sub, requireNamespace(param(req, 'resourceProviderNamespace'))) };
    }),
    route('POST', '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/register', 'resources', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      const namespace = requireNamespace(param(req, 'resourceProviderNamespace'));
      // Azure registers asynchronously; the sandbox completes at once so a follow-up GET reads Registered.
      sub.providers[namespace] = 'Registered';
      return { status: 200, body: renderProvider(sub, namespace) };
    }),
  ];
}

