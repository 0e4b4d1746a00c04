// contextValue strings used by `view/item/context` menus (package.json). Several tags are joined by
// spaces so a menu can match one with a regular expression: `azureResource` marks every node that is
// an Azure resource (Open in portal, Copy resource id).
export const ContextValue = {
  subscription: 'subscription azureResource',
  registry: 'registry azureResource',
  privateEndpointsGroup: 'privateEndpoints',
  replicationsGroup: 'replications',
  dnsGroup: 'dns',
  networkSettingsGroup: 'networkSettings',
  /** `networkFinding` and, with a fix plan, `networkFinding.fixable`. */
  networkFinding: (fixable: boolean) => `networkFinding${fixable ? ' networkFinding.fixable' : ''}`,
  virtualNetworkLinksGroup: 'virtualNetworkLinks',
  connectivityGroup: 'connectivity',
  hostConnectivity: 'hostConnectivity',
  privateEndpoint: (status: string) => `privateEndpoint azureResource connection.${status.toLowerCase()}`,
  connection: (status: string) => `connection connection.${status.toLowerCase()}`,
  ipConfiguration: 'ipConfiguration',
  replication: 'replication azureResource',
  privateDnsZone: 'privateDnsZone azureResource',
  virtualNetworkLink: 'virtualNetworkLink azureResource',
  /** `dnsRecord.ok`, `dnsRecord.missing`, `dnsRecord.wrongIp`, `dnsRecord.orphaned`; missing ones are not Azure resources yet. */
  dnsRecord: (verdict: string, exists: boolean) => `dnsRecord.${verdict}${exists ? ' azureResource' : ''}`,
  /** A VNet whose answer depends on its DNS servers, or a peered VNet without the zone (the node's resource is the VNet); `virtualNetworkDns.fixable` with a fix plan. */
  virtualNetworkDns: (fixable: boolean) => `virtualNetworkDns azureResource${fixable ? ' virtualNetworkDns.fixable' : ''}`,
  error: 'error',
  empty: 'empty',
  loadMore: 'loadMore',
  signIn: 'signIn',
} as const;
