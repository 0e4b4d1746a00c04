// After a create: repaint the registry in the tree and select the new endpoint there.
import type { Services } from '../../services';
import { sameId } from '../../model/armId';
import { findRegistryNode } from '../registryLookup';
import { PrivateEndpointNode, PrivateEndpointsGroupNode } from '../../tree/nodes/privateEndpointNodes';

export async function revealPrivateEndpoint(services: Services, registryId: string, privateEndpointId: string): Promise<PrivateEndpointNode | undefined> {
  const registry = await findRegistryNode(services, registryId);
  if (!registry) return undefined;
  services.tree.refresh(registry);
  const group = (await registry.getChildren()).find((n): n is PrivateEndpointsGroupNode => n instanceof PrivateEndpointsGroupNode);
  const node = (await group?.getChildren())?.find((n): n is PrivateEndpointNode => n instanceof PrivateEndpointNode && sameId(n.id, privateEndpointId));
  if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true });
  return node;
}
