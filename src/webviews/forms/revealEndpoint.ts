// After a create or delete: re-list the registry (its connections come with the registry listing, so
// refreshing the registry alone would not show a new endpoint) and select the new endpoint in the tree.
import type { Services } from '../../services';
import { parseResourceId, sameId } from '../../model/armId';
import type { SubscriptionNode } from '../../tree/nodes/subscriptionNode';
import type { PrivateEndpointNode } from '../../tree/nodes/privateEndpointNodes';
import type { RegistryNode } from '../../tree/nodes/registryNode';
import { isPrivateEndpointNode, isPrivateEndpointsGroupNode, isRegistryNode, isSubscriptionNode } from '../../tree/nodes/kinds';

/**
 * The registry's node after its subscription was read again. The subscription is taken from the
 * tree's current roots, not from a registry node found earlier: that node may belong to roots a
 * refresh has since replaced, and refreshing those would leave what is on screen stale.
 */
export async function freshRegistryNode(services: Services, registryId: string): Promise<RegistryNode | undefined> {
  const subscriptionId = parseResourceId(registryId).subscriptionId.toLowerCase();
  const roots = await services.tree.rootNodes();
  const subscription = roots.find((n): n is SubscriptionNode => isSubscriptionNode(n) && n.subscription.subscriptionId.toLowerCase() === subscriptionId);
  if (!subscription) return undefined;
  services.tree.refresh(subscription);
  const children = await subscription.getChildren();
  return children.find((n): n is RegistryNode => isRegistryNode(n) && sameId(n.registry.id, registryId));
}

export async function revealPrivateEndpoint(services: Services, registryId: string, privateEndpointId: string): Promise<PrivateEndpointNode | undefined> {
  const registry = await freshRegistryNode(services, registryId);
  if (!registry) return undefined;
  const group = (await registry.getChildren()).find(isPrivateEndpointsGroupNode);
  const node = (await group?.getChildren())?.find((n): n is PrivateEndpointNode => isPrivateEndpointNode(n) && sameId(n.id, privateEndpointId));
  if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true });
  return node;
}
