// Removes what a provisioning run created, newest first (zone group before the endpoint, link before
// the zone), and puts a changed subnet policy back. Only resources the run itself created are
// touched; each removal is attempted even when an earlier one failed, and each outcome is reported.
import * as l10n from '@vscode/l10n';
import { parseResourceId, resourceName } from '../../model/armId';
import type { CleanUpOutcome } from '../../provisioning/api';
import type { CreatedResource } from '../../provisioning/steps';
import type { ArmClients } from '../clients';
import { errorMessageOf } from '../errors';
import { armRequest } from './armRequest';

export interface CleanUpContext {
  clients: ArmClients;
  pollIntervalMs: number;
  signal?: AbortSignal;
  invalidate?: (resourceId: string) => void;
}

function scope(id: string): { subscriptionId: string; resourceGroup: string; names: string[] } {
  const p = parseResourceId(id);
  return { subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup ?? '', names: p.types.map(([, n]) => n) };
}

async function removeOne(ctx: CleanUpContext, resource: CreatedResource): Promise<CleanUpOutcome> {
  const lro = { updateIntervalInMs: ctx.pollIntervalMs, ...(ctx.signal ? { abortSignal: ctx.signal } : {}) };
  const { subscriptionId, resourceGroup, names } = scope(resource.id);
  switch (resource.kind) {
    case 'privateDnsZoneGroup':
      await ctx.clients.network(subscriptionId).privateDnsZoneGroups.beginDeleteAndWait(resourceGroup, names[0] ?? '', names[1] ?? '', lro);
      return { resource, status: 'removed' };
    case 'privateEndpoint':
      await ctx.clients.network(subscriptionId).privateEndpoints.beginDeleteAndWait(resourceGroup, resourceName(resource.id), lro);
      return { resource, status: 'removed' };
    case 'virtualNetworkLink':
      await ctx.clients.privateDns(subscriptionId).virtualNetworkLinks.beginDeleteAndWait(resourceGroup, names[0] ?? '', names[1] ?? '', lro);
      return { resource, status: 'removed' };
    case 'replication':
      await ctx.clients.containerRegistry(subscriptionId).replications.beginDeleteAndWait(resourceGroup, names[0] ?? '', names[1] ?? '', lro);
      return { resource, status: 'removed' };
    case 'registry':
      // Its replications and its side of any connection go with it.
      await ctx.clients.containerRegistry(subscriptionId).registries.beginDeleteAndWait(resourceGroup, resourceName(resource.id), lro);
      return { resource, status: 'removed' };
    case 'privateDnsZone':
      await ctx.clients.privateDns(subscriptionId).privateZones.beginDeleteAndWait(resourceGroup, resourceName(resource.id), lro);
      return { resource, status: 'removed' };
    case 'subnetPolicies': {
      const subnets = ctx.clients.network(subscriptionId).subnets;
      const subnet = await subnets.get(resourceGroup, names[0] ?? '', names[1] ?? '', ctx.signal ? { abortSignal: ctx.signal } : {});
      await subnets.beginCreateOrUpdateAndWait(resourceGroup, names[0] ?? '', names[1] ?? '', { ...subnet, privateEndpointNetworkPolicies: resource.previous }, lro);
      return { resource, status: 'restored' };
    }
    case 'resourceGroup': {
      // Deleted only when empty: a resource group someone filled meanwhile is never taken down.
      const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups/${encodeURIComponent(resourceName(resource.id))}`;
      const { body } = await armRequest(ctx.clients, 'GET', `${path}/resources`, undefined, ctx.signal).catch(() => ({ body: undefined }));
      const count = (body as { value?: unknown[] } | undefined)?.value?.length;
      if (count !== 0) return { resource, status: 'kept', message: l10n.t('Kept: it may hold other resources; delete it yourself if it is empty.') };
      await armRequest(ctx.clients, 'DELETE', path, undefined, ctx.signal);
      return { resource, status: 'removed' };
    }
    case 'providerRegistration':
      return { resource, status: 'kept', message: l10n.t('Kept registered: other resources in the subscription may need it.') };
  }
}

export async function cleanUp(ctx: CleanUpContext, created: CreatedResource[]): Promise<CleanUpOutcome[]> {
  const outcomes: CleanUpOutcome[] = [];
  for (const resource of [...created].reverse()) {
    try {
      outcomes.push(await removeOne(ctx, resource));
    } catch (e) {
      outcomes.push({ resource, status: 'failed', message: errorMessageOf(e) });
    } finally {
      ctx.invalidate?.(resource.id);
    }
  }
  return outcomes.reverse();
}
