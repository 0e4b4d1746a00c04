import type { AzureSession } from '../session/azureSession';
import type { TreeNode } from './nodes/node';
import type { RegistryDetails } from '../session/azureModule';
import type { Registry, Snapshot, Subscription } from '../model/types';
import type { RegistryDiagnosis } from './registryDiagnosis';

/** What every node needs: Azure access, a way to ask for a repaint, and the registry's diagnosis. */
export interface TreeContext {
  readonly session: AzureSession;
  /** Repaint this node (and re-ask its children). */
  changed(node: TreeNode): void;
  diagnose(subscription: Subscription, registry: Registry, details: RegistryDetails): RegistryDiagnosis;
  /** Called by each registry node the tree shows, so commands and panels can find the node on screen. */
  shown(node: TreeNode): void;
}

export function registrySnapshot(subscription: Subscription, registry: Registry, details: RegistryDetails): Snapshot {
  return {
    takenAt: new Date().toISOString(),
    subscriptions: [subscription],
    registries: [{ ...registry, privateEndpointConnections: details.privateEndpointConnections }],
    replications: details.replications,
    privateEndpoints: details.privateEndpoints,
    networkInterfaces: details.networkInterfaces,
    virtualNetworks: details.virtualNetworks,
    privateDnsZones: details.privateDnsZones,
    virtualNetworkLinks: details.virtualNetworkLinks,
    aRecordSets: details.aRecordSets,
    privateDnsZoneGroups: details.privateDnsZoneGroups,
    usages: { [registry.id]: details.usages },
    providerRegistrationState: {},
    errors: details.errors,
  };
}
