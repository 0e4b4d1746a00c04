// A provisioning run is data before it is an action: the ordered steps a form produces, each one ARM
// write with its precondition. The Azure layer executes them; the form shows them, the CLI rendering
// prints them, and the unit tests compare them.
import * as l10n from '@vscode/l10n';
import type { ResourceId } from '../model/types';

export interface CreateResourceGroupStep {
  kind: 'createResourceGroup';
  subscriptionId: string;
  resourceGroup: string;
  location: string;
}

/** `az provider register --namespace Microsoft.ContainerRegistry` in the endpoint's subscription. */
export interface RegisterProviderStep {
  kind: 'registerProvider';
  subscriptionId: string;
  namespace: 'Microsoft.ContainerRegistry';
}

/** `az network vnet subnet update --disable-private-endpoint-network-policies`. */
export interface DisableSubnetPoliciesStep {
  kind: 'disableSubnetPolicies';
  subnetId: ResourceId;
}

/** PUT the zone with `If-None-Match: *`: never overwrite a zone someone else just made. */
export interface CreatePrivateDnsZoneStep {
  kind: 'createPrivateDnsZone';
  subscriptionId: string;
  resourceGroup: string;
  zoneName: string;
  ifNoneMatch: '*';
}

export interface CreateVirtualNetworkLinkStep {
  kind: 'createVirtualNetworkLink';
  privateDnsZoneId: ResourceId;
  linkName: string;
  virtualNetworkId: ResourceId;
  registrationEnabled: false;
  ifNoneMatch: '*';
}

export interface CreatePrivateEndpointStep {
  kind: 'createPrivateEndpoint';
  privateEndpointId: ResourceId;
  location: string;
  subnetId: ResourceId;
  /** `manualPrivateLinkServiceConnections` when true (approval by the registry owner). */
  manual: boolean;
  connection: {
    name: string;
    privateLinkServiceId: ResourceId;
    groupIds: ['registry'];
    requestMessage?: string;
  };
}

/** PUT a Premium registry (the only tier with private endpoints), public network access as chosen. */
export interface CreateRegistryStep {
  kind: 'createRegistry';
  registryId: ResourceId;
  location: string;
  sku: 'Premium';
  publicNetworkAccess: 'Enabled' | 'Disabled';
}

/** A geo-replica, named after its region as `az acr replication create` names it. */
export interface CreateReplicationStep {
  kind: 'createReplication';
  registryId: ResourceId;
  replicationName: string;
  location: string;
}

/** The zone group writes (and on deletion removes) one A record per NIC member. */
export interface CreatePrivateDnsZoneGroupStep {
  kind: 'createPrivateDnsZoneGroup';
  privateEndpointId: ResourceId;
  name: string;
  privateDnsZoneConfigs: { name: string; privateDnsZoneId: ResourceId }[];
}

export type ProvisioningStep =
  | CreateResourceGroupStep
  | RegisterProviderStep
  | DisableSubnetPoliciesStep
  | CreateRegistryStep
  | CreateReplicationStep
  | CreatePrivateDnsZoneStep
  | CreateVirtualNetworkLinkStep
  | CreatePrivateEndpointStep
  | CreatePrivateDnsZoneGroupStep;

export interface ProvisioningPlan {
  title: string;
  steps: ProvisioningStep[];
}

/** What a step left behind, so a failed run can say what exists now and clean up only that. */
export type CreatedResource =
  | { kind: 'resourceGroup'; id: ResourceId }
  | { kind: 'registry'; id: ResourceId }
  | { kind: 'replication'; id: ResourceId }
  | { kind: 'privateDnsZone'; id: ResourceId }
  | { kind: 'virtualNetworkLink'; id: ResourceId }
  | { kind: 'privateEndpoint'; id: ResourceId }
  | { kind: 'privateDnsZoneGroup'; id: ResourceId }
  /** Not created but changed: clean-up puts the previous value back. */
  | { kind: 'subnetPolicies'; id: ResourceId; previous: string }
  /** Registration is never undone: other resources in the subscription may need it. */
  | { kind: 'providerRegistration'; id: ResourceId };

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface StepOutcome {
  index: number;
  status: StepStatus;
  /** What the step made or changed (empty when it found the work already done). */
  created: CreatedResource[];
  message?: string;
  code?: string;
}

export interface RunResult {
  outcomes: StepOutcome[];
  /** Everything this run created or changed, in the order it happened. */
  created: CreatedResource[];
  status: 'succeeded' | 'failed' | 'cancelled';
  /** The endpoint's id when it was created. */
  privateEndpointId?: ResourceId;
}

function last(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}

/** One line per step, as the progress list and the confirmation show it. */
export function describeStep(step: ProvisioningStep): string {
  switch (step.kind) {
    case 'createResourceGroup':
      return l10n.t('Create resource group {0} in {1}', step.resourceGroup, step.location);
    case 'registerProvider':
      return l10n.t('Register the {0} resource provider in subscription {1}', step.namespace, step.subscriptionId);
    case 'disableSubnetPolicies':
      return l10n.t('Disable private endpoint network policies on subnet {0}', last(step.subnetId));
    case 'createRegistry':
      return l10n.t('Create Premium container registry {0} in {1} (public network access {2})', last(step.registryId), step.location, step.publicNetworkAccess);
    case 'createReplication':
      return l10n.t('Create geo-replica {0} of {1} in {2}', step.replicationName, last(step.registryId), step.location);
    case 'createPrivateDnsZone':
      return l10n.t('Create private DNS zone {0} in {1}, only if it does not exist', step.zoneName, step.resourceGroup);
    case 'createVirtualNetworkLink':
      return l10n.t('Link the zone to virtual network {0} as {1} (auto-registration off)', last(step.virtualNetworkId), step.linkName);
    case 'createPrivateEndpoint':
      return l10n.t('Create private endpoint {0} to {1} ({2}) — takes a minute or two', last(step.privateEndpointId), last(step.connection.privateLinkServiceId), step.manual ? l10n.t('approval requested') : l10n.t('automatic approval'));
    case 'createPrivateDnsZoneGroup':
      return l10n.t('Create DNS zone group {0}: A records for every registry host name', step.name);
  }
}

/** How a person reads what a run left behind. */
export function describeCreated(resource: CreatedResource): string {
  switch (resource.kind) {
    case 'resourceGroup':
      return l10n.t('resource group {0}', last(resource.id));
    case 'registry':
      return l10n.t('container registry {0}', last(resource.id));
    case 'replication':
      return l10n.t('geo-replica {0}', last(resource.id));
    case 'privateDnsZone':
      return l10n.t('private DNS zone {0}', last(resource.id));
    case 'virtualNetworkLink':
      return l10n.t('virtual network link {0}', last(resource.id));
    case 'privateEndpoint':
      return l10n.t('private endpoint {0} (and its network interface)', last(resource.id));
    case 'privateDnsZoneGroup':
      return l10n.t('DNS zone group {0} (and the A records it wrote)', last(resource.id));
    case 'subnetPolicies':
      return l10n.t('network policies of subnet {0} (were {1})', last(resource.id), resource.previous);
    case 'providerRegistration':
      return l10n.t('registration of Microsoft.ContainerRegistry in {0}', resource.id);
  }
}
