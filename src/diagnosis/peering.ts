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


/**
 * Whether clients in one VNet can reach an address in another through a Connected peering that
 * either VNet lists; 'unknown' when none is seen and one of them could not be read. Routes through an appliance or
 * a gateway are not in what we read, so 'notPeered' means "not directly".
 */
export function peeringBetween(ctx: RegistryContext, a: ResourceId, b: ResourceId): 'same' | 'peered' | 'notPeered' | 'unknown' {
  if (sameId(a, b)) return 'same';
  const index = indexSnapshot(ctx.snapshot);
  const va = index.virtualNetwork(a);
  const vb = index.virtualNetwork(b);
  const lists = (from: typeof va, to: ResourceId): boolean =>
    (from?.virtualNetworkPeerings ?? []).some((p) => sameId(p.remoteVirtualNetworkId, to) && (p.peeringState === undefined || p.peeringState.toLowerCase() === 'connected'));
  if (lists(va, b) || lists(vb, a)) return 'peered';
  return va && vb ? 'notPeered' : 'unknown';
}
