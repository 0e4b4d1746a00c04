// The clean-up actions on existing resources: an endpoint, a connection, a VNet link.
import * as l10n from '@vscode/l10n';
import { parseResourceId, resourceName } from '../../model/armId';
import type { ResourceId } from '../../model/types';
import type { ArmClients } from '../clients';

export interface DeleteContext {
  clients: ArmClients;
  pollIntervalMs: number;
  signal?: AbortSignal;
  invalidate?: (resourceId: string) => void;
}

function lroOf(ctx: DeleteContext): { updateIntervalInMs: number; abortSignal?: AbortSignal } {
  return { updateIntervalInMs: ctx.pollIntervalMs, ...(ctx.signal ? { abortSignal: ctx.signal } : {}) };
}

export async function deletePrivateEndpoint(ctx: DeleteContext, privateEndpointId: ResourceId): Promise<void> {
  const p = parseResourceId(privateEndpointId);
  try {
    await ctx.clients.network(p.subscriptionId).privateEndpoints.beginDeleteAndWait(p.resourceGroup ?? '', resourceName(privateEndpointId), lroOf(ctx));
  } finally {
    // The NIC, the registry's connection and the zone group's records go with it.
    ctx.invalidate?.(privateEndpointId);
    ctx.invalidate?.(`/subscriptions/${p.subscriptionId}`);
  }
}

export async function deleteConnection(ctx: DeleteContext, connectionId: ResourceId): Promise<void> {
  const p = parseResourceId(connectionId);
  const [registry, connection] = p.types;
  if (!registry || !connection) throw new Error(l10n.t('Not a private endpoint connection id: {0}', connectionId));
  try {
    await ctx.clients.containerRegistry(p.subscriptionId).privateEndpointConnections.delete(p.resourceGroup ?? '', registry[1], connection[1], lroOf(ctx));
  } finally {
    ctx.invalidate?.(connectionId);
  }
}

export async function deleteVirtualNetworkLink(ctx: DeleteContext, linkId: ResourceId, etag: string | undefined): Promise<void> {
  const p = parseResourceId(linkId);
  const [zone, link] = p.types;
  if (!zone || !link) throw new Error(l10n.t('Not a virtual network link id: {0}', linkId));
  const links = ctx.clients.privateDns(p.subscriptionId).virtualNetworkLinks;
  // A link from Resource Graph has no etag: read the current one, so the delete is still conditional.
  const ifMatch = etag ?? (await links.get(p.resourceGroup ?? '', zone[1], link[1], ctx.signal ? { abortSignal: ctx.signal } : {})).etag;
  try {
    await links.beginDeleteAndWait(p.resourceGroup ?? '', zone[1], link[1], { ...lroOf(ctx), ...(ifMatch ? { ifMatch } : {}) });
  } finally {
    ctx.invalidate?.(linkId);
  }
}

export async function privateEndpointsInVirtualNetwork(ctx: DeleteContext, virtualNetworkId: ResourceId): Promise<ResourceId[]> {
  const subscriptionId = parseResourceId(virtualNetworkId).subscriptionId;
  const prefix = `${virtualNetworkId.toLowerCase()}/subnets/`;
  const ids: ResourceId[] = [];
  for await (const pe of ctx.clients.network(subscriptionId).privateEndpoints.listBySubscription(ctx.signal ? { abortSignal: ctx.signal } : {})) {
    if (pe.id && pe.subnet?.id?.toLowerCase().startsWith(prefix)) ids.push(pe.id);
  }
  return ids;
}
