// The steps a valid create-endpoint form produces, in the order of the seed document: resource
// group, provider, subnet policies, zone, link, endpoint, zone group.
import * as l10n from '@vscode/l10n';
import { buildId } from '../model/armId';
import type { CreateEndpointForm, CreateEndpointInventory } from './createEndpointForm';
import { registryZoneName } from './namingRules';
import type { ProvisioningPlan, ProvisioningStep } from './steps';
import { selectedSubnet, selectedZone, validateCreateEndpoint } from './validateCreateEndpoint';

const NETWORK = 'Microsoft.Network';

export function privateEndpointIdOf(form: CreateEndpointForm): string {
  return buildId(form.subscriptionId, form.resourceGroup, NETWORK, 'privateEndpoints', form.name);
}

/** The zone id the run uses: the chosen one, or the one it creates. */
export function zoneIdOf(form: CreateEndpointForm, inventory: CreateEndpointInventory): string {
  return selectedZone(form, inventory)?.id ?? buildId(form.subscriptionId, form.zoneResourceGroup, NETWORK, 'privateDnsZones', registryZoneName);
}

/** Throws when the form is not valid: the extension never plans what the webview merely claims is valid. */
export function planCreateEndpoint(form: CreateEndpointForm, inventory: CreateEndpointInventory): ProvisioningPlan {
  const validation = validateCreateEndpoint(form, inventory);
  if (!validation.valid) {
    throw new Error(l10n.t('The form is not valid: {0}', Object.entries(validation.errors).map(([field, problem]) => `${field}: ${problem}`).join(' ')));
  }
  const steps: ProvisioningStep[] = [];
  if (form.createResourceGroup) {
    steps.push({ kind: 'createResourceGroup', subscriptionId: form.subscriptionId, resourceGroup: form.resourceGroup, location: form.location });
  }
  if (inventory.providerRegistrationState !== 'Registered' && form.registerProvider) {
    steps.push({ kind: 'registerProvider', subscriptionId: form.subscriptionId, namespace: 'Microsoft.ContainerRegistry' });
  }
  const subnetId = `${form.virtualNetworkId}/subnets/${form.subnetName}`;
  const subnet = selectedSubnet(form, inventory);
  if (form.disableSubnetPolicies && subnet?.privateEndpointNetworkPolicies !== 'Disabled') {
    steps.push({ kind: 'disableSubnetPolicies', subnetId });
  }
  const zone = selectedZone(form, inventory);
  const zoneId = zoneIdOf(form, inventory);
  if (form.privateDnsIntegration) {
    if (!zone) {
      steps.push({ kind: 'createPrivateDnsZone', subscriptionId: form.subscriptionId, resourceGroup: form.zoneResourceGroup, zoneName: registryZoneName, ifNoneMatch: '*' });
    }
    if (!zone?.linkedVirtualNetworkIds.some((id) => id.toLowerCase() === form.virtualNetworkId.toLowerCase())) {
      steps.push({ kind: 'createVirtualNetworkLink', privateDnsZoneId: zoneId, linkName: form.linkName, virtualNetworkId: form.virtualNetworkId, registrationEnabled: false, ifNoneMatch: '*' });
    }
  }
  const privateEndpointId = privateEndpointIdOf(form);
  steps.push({
    kind: 'createPrivateEndpoint',
    privateEndpointId,
    location: form.location,
    subnetId,
    manual: form.manualApproval,
    connection: {
      name: form.connectionName,
      privateLinkServiceId: form.registryId,
      groupIds: ['registry'],
      ...(form.manualApproval && form.requestMessage !== '' ? { requestMessage: form.requestMessage } : {}),
    },
  });
  if (form.privateDnsIntegration) {
    steps.push({
      kind: 'createPrivateDnsZoneGroup',
      privateEndpointId,
      name: 'default',
      // The portal names the config after the zone with dashes; Azure accepts any name.
      privateDnsZoneConfigs: [{ name: registryZoneName.replace(/\./g, '-'), privateDnsZoneId: zoneId }],
    });
  }
  return { title: l10n.t('Create private endpoint {0}', form.name), steps };
}
