// After an endpoint is created: read the registry again through the store (its connections come with
// the registry) and select the new endpoint in the tree.
import type { Services } from '../../services';
import { sameId } from '../../model/armId';
import type { PrivateEndpointNode } from '../../tree/nodes/privateEndpointNodes';
import { isPrivateEndpointNode, isPrivateEndpointsGroupNode } from '../../tree/nodes/kinds';

export async function revealPrivateEndpoint(services: Services, registryId: string, privateEndpointId: string): Promise<PrivateEndpointNode | undefined> {
  await services.store.reread(registryId);
  const registry = services.tree.registryNode(registryId);
  if (!registry) return undefined;
  const group = (await registry.getChildren()).find(isPrivateEndpointsGroupNode);
  const node = (await group?.getChildren())?.find((n): n is PrivateEndpointNode => isPrivateEndpointNode(n) && sameId(n.id, privateEndpointId));
  if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true });
  return node;
}
