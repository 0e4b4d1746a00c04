// The two list operations every top-level resource type has: across a subscription and in one
// resource group (VirtualNetworks_ListAll / _List, PrivateZones_List / _ListByResourceGroup, …).

import type { ApiFamily } from '../arm/apiVersions';
import { paged } from '../arm/paging';
import { param, route, type ArmContext, type Route } from '../arm/router';
import { listUnder, type SandboxState } from '../state';
import { requireGroup, requireSubscription } from './common';

/** `resourceType` in ARM's spelling, e.g. `Microsoft.Network/virtualNetworks`; `records` is its collection in the state. */
export function listRoutes<T extends { id: string }>(
  family: ApiFamily,
  resourceType: string,
  records: (state: SandboxState) => Record<string, T>,
  render: (ctx: ArmContext, record: T) => unknown,
): Route[] {
  return [
    route('GET', `/subscriptions/{subscriptionId}/providers/${resourceType}`, family, (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      // The collection holds only this type, so the subscription prefix alone selects its resources.
      return { status: 200, body: paged(listUnder(records(ctx.state), `/subscriptions/${sub.subscriptionId}`).map((r) => render(ctx, r)), req, ctx) };
    }),
    route('GET', `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${resourceType}`, family, (req, ctx) => {
      const rg = requireGroup(ctx, param(req, 'subscriptionId'), param(req, 'resourceGroupName'));
      return { status: 200, body: paged(listUnder(records(ctx.state), `${rg.id}/providers/${resourceType}`).map((r) => render(ctx, r)), req, ctx) };
    }),
  ];
}
