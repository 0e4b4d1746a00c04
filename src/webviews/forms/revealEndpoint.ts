// After a create or delete: re-list the registry (its connections come with the registry listing, so
// refreshing the registry alone would not show a new endpoint) and select the new endpoint in the tree.
import type { Services } from '../../services';
import { sameId } from '../../model/armId';
import { findRegistryNode } from '../registryLookup';
import { PrivateEndpointNode, PrivateEndpointsGroupNode } from '../../tree/nodes/privateEndpointNodes';
import { RegistryNode } from '../../tree/nodes/registryNode';

/** The registry's node after its subscription was read again. */
export async function freshRegistryNode(services: Services, registryId: string): Promise<RegistryNode | undefined> {
  const shown = await findRegistryNode(services, registryId);
  if (!shown) return undefined;
  services.tree.refresh(shown.parent);
  const children = await shown.parent.getChildren();
  return children.find((n): n is RegistryNode => n instanceof RegistryNode && sameId(n.registry.id, registryId));
}

export async function revealPrivateEndpoint(services: Services, registryId: string, privateEndpointId: string): Promise<PrivateEndpointNode | undefined> {
  const registry = await freshRegistryNode(services, registryId);
  if (!registry) return undefined;
  const group = (await registry.getChildren()).find((n): n is PrivateEndpointsGroupNode => n instanceof PrivateEndpointsGroupNode);
  const node = (await group?.getChildren())?.find((n): n is PrivateEndpointNode => n instanceof PrivateEndpointNode && sameId(n.id, privateEndpointId));
  if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true });
  return node;
}
