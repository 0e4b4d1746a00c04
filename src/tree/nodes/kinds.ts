// Which kind of tree node a value is, by the `kind` each node class declares. Code bundled apart from
// the tree (dist/panels.js, required on first use) cannot use `instanceof`: a class bundled a second
// time is another class, and the nodes it is given are instances of the copy in dist/extension.js.
// This module holds no class, so any bundle may include it.
import type { SubscriptionNode } from './subscriptionNode';
import type { RegistryNode } from './registryNode';
import type { PrivateEndpointNode, PrivateEndpointsGroupNode } from './privateEndpointNodes';
import type { DnsRecordNode, PrivateDnsZoneNode } from './dnsNodes';
import type { NetworkFindingNode } from './networkSettingsNodes';

export type NodeKind = 'subscription' | 'registry' | 'privateEndpointsGroup' | 'privateEndpoint' | 'privateDnsZone' | 'dnsRecord' | 'virtualNetworkDns' | 'networkFinding';

/** The check for one class: `kind` must be the literal that class declares. */
function isKind<T extends { readonly kind: NodeKind }>(kind: T['kind']): (node: unknown) => node is T {
  return (node: unknown): node is T => typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === kind;
}

export const isSubscriptionNode = isKind<SubscriptionNode>('subscription');
export const isRegistryNode = isKind<RegistryNode>('registry');
export const isPrivateEndpointsGroupNode = isKind<PrivateEndpointsGroupNode>('privateEndpointsGroup');
export const isPrivateEndpointNode = isKind<PrivateEndpointNode>('privateEndpoint');
export const isPrivateDnsZoneNode = isKind<PrivateDnsZoneNode>('privateDnsZone');
export const isDnsRecordNode = isKind<DnsRecordNode>('dnsRecord');
export const isNetworkFindingNode = isKind<NetworkFindingNode>('networkFinding');
