// A generated world for benchmarks: S subscriptions × R Premium registries × E endpoints per registry.
// Endpoint j of every registry sits in hub network j of its subscription, which has its own
// privatelink.azurecr.io zone (linked to that network) holding the records a zone group wrote.

import { formatIpv4 } from '../ipam';
import { emptyState, type SandboxState } from '../state';
import { addARecord, addEndpoint, addGroup, addLink, addRegistry, addSubscription, addVnet, addZone } from './build';
import { TENANT_ID } from './ids';

export interface ScaleOptions {
  subscriptions: number;
  registries: number;
  endpoints: number;
}

export const scaleSubscriptionId = (i: number): string => `00000000-0000-4000-8000-${(0x100000 + i).toString(16).padStart(12, '0')}`;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

export function scaleScenario(options: ScaleOptions): SandboxState {
  const state = emptyState(TENANT_ID, 'scale');
  const location = 'westeurope';
  for (let s = 0; s < options.subscriptions; s++) {
    const sub = scaleSubscriptionId(s);
    addSubscription(state, sub, `Scale ${s + 1}`, { 'Microsoft.ContainerRegistry': 'Registered' });
    addGroup(state, sub, 'registries', location);
    const registries = Array.from({ length: options.registries }, (_, r) => addRegistry(state, sub, 'registries', `scale${hex(s, 3)}reg${hex(r, 4)}`, location, 'Premium'));
    for (let e = 0; e < options.endpoints; e++) {
      const rg = `network-${e}`;
      addGroup(state, sub, rg, location);
      // One /16 per hub network gives room for 32 000 registries at two addresses each.
      const base = (10 << 24) + (e << 16);
      const vnet = addVnet(state, sub, rg, `hub-${e}`, location, `${formatIpv4(base)}/16`, [
        { name: 'endpoints', addressPrefix: `${formatIpv4(base)}/16`, privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
      ]);
      if (s === 0 && e === 0) state.dnsVirtualNetworkId = vnet.id;
      const zoneId = addZone(state, sub, rg, 'privatelink.azurecr.io', `${hex(s, 8)}-0000-4000-8000-${hex(e, 12)}`);
      addLink(state, zoneId, `link-hub-${e}`, vnet.id, `${hex(s, 8)}-0001-4000-8000-${hex(e, 12)}`);
      registries.forEach((registry, r) => {
        const addresses = [formatIpv4(base + 4 + 2 * r), formatIpv4(base + 5 + 2 * r)];
        const suffix = `${hex(s, 4)}${hex(e, 4)}-${hex(r, 4)}-4000-8000-${hex(r, 12)}`;
        const { pe } = addEndpoint(state, {
          subscriptionId: sub,
          resourceGroup: rg,
          name: `pe-${registry.name}`,
          location,
          subnetId: vnet.subnets[0]?.id ?? '',
          registry,
          regions: [location],
          connectionName: `pe-${registry.name}`,
          registryConnectionName: `pe-${registry.name}.${suffix}`,
          nicName: `pe-${registry.name}.nic.${suffix}`,
          addresses,
          approved: true,
        });
        const groupId = `${pe.id}/privateDnsZoneGroups/default`;
        state.privateDnsZoneGroups[groupId.toLowerCase()] = { id: groupId, name: 'default', privateEndpointId: pe.id, privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: zoneId }] };
        addARecord(state, zoneId, registry.name, [addresses[0] ?? ''], `${suffix}-a`, groupId);
        addARecord(state, zoneId, `${registry.name}.${location}.data`, [addresses[1] ?? ''], `${suffix}-b`, groupId);
      });
    }
  }
  return state;
}
