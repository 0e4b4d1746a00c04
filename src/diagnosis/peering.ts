// Hub and spoke: the VNets peered to a VNet with an endpoint of the registry. Peering shares
// addresses, never private DNS zones, so what they resolve is worked out on its own.
import { sameId } from '../model/armId';
import type { ResourceId } from '../model/types';
import type { RegistryContext } from './context';
import { indexSnapshot } from './snapshotIndex';

export interface PeeredVnet {
  /** The VNet peered to an endpoint's VNet, without an endpoint of its own. */
  virtualNetworkId: ResourceId;
  /** The endpoint's VNet it is peered to. */
  hubVirtualNetworkId: ResourceId;
}

/** VNets peered (not Disconnected) to a VNet with an endpoint of the registry, that have none themselves. */
export function peeredVirtualNetworks(ctx: RegistryContext): PeeredVnet[] {
  const index = indexSnapshot(ctx.snapshot);
  const hubs = ctx.configured.endpointVirtualNetworkIds;
  const out: PeeredVnet[] = [];
  for (const hubId of hubs) {
    for (const p of index.virtualNetwork(hubId)?.virtualNetworkPeerings ?? []) {
      if (p.peeringState?.toLowerCase() === 'disconnected') continue;
      const spoke = p.remoteVirtualNetworkId;
      if (!spoke || hubs.some((h) => sameId(h, spoke)) || out.some((o) => sameId(o.virtualNetworkId, spoke))) continue;
      out.push({ virtualNetworkId: spoke, hubVirtualNetworkId: hubId });
    }
  }
  return out;
}

