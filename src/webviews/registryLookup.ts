// Finds registries among those the tree has listed, for the palette's quick pick and for a panel
// restored after a reload (which has only the registry id it stored).
import type { Services } from '../services';
import { sameId } from '../model/armId';
import type { RegistryNode } from '../tree/nodes/registryNode';
import { isRegistryNode, isSubscriptionNode } from '../tree/nodes/kinds';

/** Every registry under the tree's subscriptions; listings are cached by the Azure layer. */
export async function loadedRegistryNodes(services: Services): Promise<RegistryNode[]> {
  const roots = (await services.tree.rootNodes()).filter(isSubscriptionNode);
  const children = await Promise.all(roots.map((s) => s.getChildren()));
  return children.flat().filter(isRegistryNode);
}

/** By resource id, or by name when it is unique (a registry name is unique in Azure per cloud). */
export async function findRegistryNode(services: Services, idOrName: string): Promise<RegistryNode | undefined> {
  const shown = services.tree.registryNode(idOrName);
  if (shown) return shown;
  const nodes = await loadedRegistryNodes(services);
  return nodes.find((n) => sameId(n.registry.id, idOrName)) ?? nodes.find((n) => n.registry.name.toLowerCase() === idOrName.toLowerCase());
}
