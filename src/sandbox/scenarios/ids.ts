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
