// A subnet's private endpoint network policies decide what of its network security group and route
// table applies to the private endpoints in it: `Enabled` both, `NetworkSecurityGroupEnabled` and
// `RouteTableEnabled` one each, `Disabled` neither (Azure's default for new subnets since 2023).
import type { Subnet } from './types';

/** The subnet's network security group filters traffic to its private endpoints. */
export function securityGroupApplies(subnet: Pick<Subnet, 'privateEndpointNetworkPolicies'>): boolean {
  const policies = subnet.privateEndpointNetworkPolicies.toLowerCase();
  return policies === 'enabled' || policies === 'networksecuritygroupenabled';
}

/** The subnet's user-defined routes apply to its private endpoints (and can override the /32 route each endpoint propagates). */
export function routeTableApplies(subnet: Pick<Subnet, 'privateEndpointNetworkPolicies'>): boolean {
  const policies = subnet.privateEndpointNetworkPolicies.toLowerCase();
  return policies === 'enabled' || policies === 'routetableenabled';
}
