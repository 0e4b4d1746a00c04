// Fixed identifiers of the named scenarios; tests and demos may hard-code them.

export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const OTHER_TENANT_ID = '72f988bf-0000-4000-8000-000000000002';
export const SUBSCRIPTION_PRODUCTION = '00000000-0000-4000-8000-000000000001';
export const SUBSCRIPTION_DEV = '00000000-0000-4000-8000-000000000002';
/** A subscription in another tenant that the caller cannot see (the source of devregistry's Pending connection). */
export const SUBSCRIPTION_FOREIGN = '00000000-0000-4000-8000-0000000000f1';

export const SEED = {
  resourceGroup: 'myResourceGroup',
  location: 'westeurope',
  registry: 'myregistry',
  replicaLocation: 'eastus',
  vnet: 'myDockerVMVNET',
  subnet: 'myDockerVMSubnet',
  vmNic: 'myDockerVMVMNic',
  privateEndpoint: 'myPrivateEndpoint',
  connection: 'myConnection',
  nic: 'myPrivateEndpoint.nic.5d8f0a3b-7c1e-4f2a-9b6d-0e4c2a1f8b37',
  /** The registry's side of myConnection: Azure names it after the endpoint plus a GUID. */
  registryConnection: 'myPrivateEndpoint.8e1b9c52-4a07-4d3e-a6f1-2c9d7b5e0f14',
  zone: 'privatelink.azurecr.io',
  link: 'MyDNSLink',
  devResourceGroup: 'devResourceGroup',
  devRegistry: 'devregistry',
  devPendingConnection: 'partner-endpoint.3f6a2d81-95c4-4b7e-8d0a-71e5c9b2f463',
  basicRegistry: 'basicregistry',
} as const;

/**
 * The `dnl` scenario: a registry created with a domain-name-label scope, so its login server, data
 * endpoints, NIC FQDNs and private DNS records all carry a hash (`contosoacrregistry-<hash>`).
 */
export const DNL = {
  resourceGroup: 'contosoResourceGroup',
  location: 'westeurope',
  /** Microsoft Learn's example name for a registry with a domain-name-label scope. */
  registry: 'contosoacrregistry',
  scope: 'TenantReuse',
  replicaLocation: 'eastus',
  vnet: 'contosoVNet',
  subnet: 'endpoints',
  privateEndpoint: 'contosoPrivateEndpoint',
  connection: 'contosoConnection',
  nic: 'contosoPrivateEndpoint.nic.0b7e4c1d-2f3a-4e5b-8c6d-7e8f9a0b1c2d',
  registryConnection: 'contosoPrivateEndpoint.4d2c8e61-7b3a-4f19-9e05-c1a2b3d4e5f6',
  zone: 'privatelink.azurecr.io',
  link: 'contosoDNSLink',
  /** A second network, in a group of its own, without an endpoint: where a new endpoint to the registry goes. */
  buildResourceGroup: 'buildAgentsResourceGroup',
  buildVnet: 'buildAgentsVNet',
  buildSubnet: 'agents',
} as const;
