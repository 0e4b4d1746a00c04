// The loader reads one registry at a time (its endpoints, NICs, zones, links, records); the engine
// reads a snapshot. This puts the one into the shape of the other, for the tree, the status panel
// and the CLI alike. It imports no SDK, so the extension bundle can use it without loading them.
import type { RegistryDetails } from './loader';
import { emptySnapshot, type Registry, type Snapshot, type Subscription } from '../model/types';

export function registrySnapshot(subscription: Subscription | undefined, registry: Registry, details: RegistryDetails, takenAt = new Date().toISOString()): Snapshot {
  const snapshot = emptySnapshot(takenAt);
  if (subscription) snapshot.subscriptions.push(subscription);
  // The registry object from the list may omit its connections; the details read them separately.
  snapshot.registries.push({
    ...registry,
    privateEndpointConnections: details.privateEndpointConnections.length > 0 ? details.privateEndpointConnections : registry.privateEndpointConnections,
  });
  snapshot.replications = details.replications;
  snapshot.privateEndpoints = details.privateEndpoints;
  snapshot.networkInterfaces = details.networkInterfaces;
  snapshot.virtualNetworks = details.virtualNetworks;
  snapshot.privateDnsZones = details.privateDnsZones;
  snapshot.virtualNetworkLinks = details.virtualNetworkLinks;
  snapshot.aRecordSets = details.aRecordSets;
  snapshot.privateDnsZoneGroups = details.privateDnsZoneGroups;
  if (details.dnsResolverInboundEndpoints) snapshot.dnsResolverInboundEndpoints = details.dnsResolverInboundEndpoints;
  if (details.dnsForwardingRulesets) snapshot.dnsForwardingRulesets = details.dnsForwardingRulesets;
  snapshot.usages[registry.id] = details.usages;
  if (details.tasks) snapshot.tasks = { [registry.id]: details.tasks };
  if (details.agentPools) snapshot.agentPools = { [registry.id]: details.agentPools };
  if (details.networkRuleSet) snapshot.networkRuleSets = { [registry.id]: details.networkRuleSet };
  if (details.networkSecurityGroups) snapshot.networkSecurityGroups = details.networkSecurityGroups;
  if (details.routeTables) snapshot.routeTables = details.routeTables;
  snapshot.errors = details.errors;
  return snapshot;
}
