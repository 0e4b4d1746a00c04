// Validation of the create-endpoint form against Azure's naming rules and the live inventory. The
// webview runs it as the person types; the extension runs it again on every message it receives.
import * as l10n from '@vscode/l10n';
import { endpointsOfRegistryIn, type CreateEndpointField, type CreateEndpointForm, type CreateEndpointInventory, type RegistryChoice, type SubnetChoice, type VirtualNetworkChoice, type ZoneChoice } from './createEndpointForm';
import {
  connectionNameProblem,
  privateEndpointNameProblem,
  registryZoneName,
  requestMessageProblem,
  resourceGroupNameProblem,
  virtualNetworkLinkNameProblem,
  zoneNameProblem,
} from './namingRules';

export type FieldProblems = Partial<Record<CreateEndpointField, string>>;

export interface Validation {
  /** Problems that block submission, by field. */
  errors: FieldProblems;
  /** What the person should know but may accept (shown, never blocking). */
  notes: FieldProblems;
  valid: boolean;
}

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const region = (location: string): string => location.replace(/\s+/g, '').toLowerCase();

export function selectedRegistry(form: CreateEndpointForm, inventory: CreateEndpointInventory): RegistryChoice | undefined {
  return inventory.registries.find((r) => same(r.id, form.registryId));
}

export function selectedVirtualNetwork(form: CreateEndpointForm, inventory: CreateEndpointInventory): VirtualNetworkChoice | undefined {
  return inventory.virtualNetworks.find((v) => same(v.id, form.virtualNetworkId));
}

export function selectedSubnet(form: CreateEndpointForm, inventory: CreateEndpointInventory): SubnetChoice | undefined {
  return selectedVirtualNetwork(form, inventory)?.subnets.find((s) => same(s.name, form.subnetName));
}

export function selectedZone(form: CreateEndpointForm, inventory: CreateEndpointInventory): ZoneChoice | undefined {
  return form.zoneMode === 'existing' ? inventory.zones.find((z) => same(z.id, form.privateDnsZoneId)) : undefined;
}

/** NIC addresses the endpoint takes: one for `registry`, one per region the registry serves data from. */
export function requiredAddressCount(registry: RegistryChoice | undefined): number {
  return 1 + Math.max(1, registry?.regions.length ?? 1);
}

/** Why a registry cannot be the target, or undefined; shown next to it in the picker. */
export function registryProblem(registry: RegistryChoice): string | undefined {
  return registry.sku === 'Premium' ? undefined : l10n.t('{0} is {1}; private endpoints need the Premium tier (upgrade the registry first).', registry.name, registry.sku);
}

/** The zone the VNet already resolves privatelink.azurecr.io with, other than the one chosen. */
function otherLinkedZone(form: CreateEndpointForm, inventory: CreateEndpointInventory): ZoneChoice | undefined {
  return inventory.zones.find(
    (z) => same(z.name, registryZoneName) && !same(z.id, form.zoneMode === 'existing' ? form.privateDnsZoneId : undefined) && z.linkedVirtualNetworkIds.some((id) => same(id, form.virtualNetworkId)),
  );
}

/**
 * Azure allows a second endpoint of a registry in a VNet that has one, but it gives clients there no
 * second path: both DNS zone groups write the same record sets, the last written replaces the IPs,
 * and deleting either endpoint deletes what its zone group wrote (MicrosoftDocs/azure-docs#58044).
 */
export function secondEndpointNote(vnetName: string, registryName: string, existingIds: string[]): string {
  const names = existingIds.map((id) => id.slice(id.lastIndexOf('/') + 1)).join(', ');
  return (
    l10n.t('{0} already has a private endpoint for {1} ({2}). A second one there adds no path clients can use: ', vnetName, registryName, names) +
    l10n.t('with DNS integration both zone groups write the same A records in {0}, the one written last replaces the other\'s IPs, ', registryZoneName) +
    l10n.t('and deleting either endpoint deletes the records its zone group wrote, leaving {0} without an answer until they are written again. ', vnetName) +
    l10n.t('For high availability the seed document recommends endpoints in several regions, each region in its own resource group with its own VNet ') +
    l10n.t('and its own private DNS zone, because regions sharing one zone get unpredictable DNS resolution.')
  );
}

export function validateCreateEndpoint(form: CreateEndpointForm, inventory: CreateEndpointInventory): Validation {
  const errors: FieldProblems = {};
  const notes: FieldProblems = {};

  if (!inventory.subscriptions.some((s) => same(s.subscriptionId, form.subscriptionId)) || !same(form.subscriptionId, inventory.subscriptionId)) {
    errors.subscriptionId = l10n.t('Choose one of your subscriptions.');
  }

  const rgProblem = resourceGroupNameProblem(form.resourceGroup);
  const rgExists = inventory.resourceGroups.some((g) => same(g.name, form.resourceGroup));
  if (rgProblem) errors.resourceGroup = rgProblem;
  else if (form.createResourceGroup && rgExists) errors.resourceGroup = l10n.t('Resource group {0} already exists; choose it as an existing group.', form.resourceGroup);
  else if (!form.createResourceGroup && !rgExists) errors.resourceGroup = l10n.t('There is no resource group {0} in this subscription; choose one, or create it as new.', form.resourceGroup);

  const nameProblem = privateEndpointNameProblem(form.name);
  if (nameProblem) errors.name = nameProblem;
  else if (inventory.privateEndpointIds.some((id) => same(id.split('/')[4], form.resourceGroup) && same(id.split('/').pop(), form.name))) {
    errors.name = l10n.t('A private endpoint named {0} already exists in {1}.', form.name, form.resourceGroup);
  }

  const registry = selectedRegistry(form, inventory);
  if (!registry) errors.registryId = l10n.t('Choose the container registry the endpoint connects to.');
  else {
    const problem = registryProblem(registry);
    if (problem) errors.registryId = problem;
  }

  const vnet = selectedVirtualNetwork(form, inventory);
  const subnet = selectedSubnet(form, inventory);
  if (form.location === '') errors.location = 'Choose a region.';
  if (!vnet) errors.virtualNetworkId = l10n.t('Choose the virtual network the endpoint gets its addresses from.');
  else if (region(vnet.location) !== region(form.location)) {
    errors.location = l10n.t('The endpoint must be in the region of its virtual network ({0}).', vnet.location);
  }
  if (vnet && !subnet) errors.subnetName = l10n.t('Choose a subnet of {0}.', vnet.name);
  if (vnet && registry) {
    const existing = endpointsOfRegistryIn(inventory, registry.id, vnet.id);
    if (existing.length > 0) notes.virtualNetworkId = secondEndpointNote(vnet.name, registry.name, existing);
  }
  if (subnet) {
    const needed = requiredAddressCount(registry);
    if (subnet.delegated) errors.subnetName = l10n.t('Subnet {0} is delegated to a service; private endpoints cannot use it.', subnet.name);
    else if (subnet.freeIpCount !== undefined && subnet.freeIpCount < needed) {
      errors.subnetName =
        subnet.freeIpCount === 1
          ? l10n.t('Subnet {0} has 1 free address; the endpoint needs {1} (registry and one per data endpoint region).', subnet.name, needed)
          : l10n.t('Subnet {0} has {1} free addresses; the endpoint needs {2} (registry and one per data endpoint region).', subnet.name, subnet.freeIpCount, needed);
    } else if (subnet.privateEndpointNetworkPolicies === 'Enabled' && !form.disableSubnetPolicies) {
      errors.disableSubnetPolicies = l10n.t('Private endpoint network policies are enabled on {0}; disable them, or choose another subnet.', subnet.name);
    }
  }

  const connectionProblem = connectionNameProblem(form.connectionName);
  if (connectionProblem) errors.connectionName = connectionProblem;
  if (form.manualApproval) {
    const messageProblem = requestMessageProblem(form.requestMessage);
    if (messageProblem) errors.requestMessage = messageProblem;
  } else if (form.requestMessage !== '') {
    notes.requestMessage = l10n.t('A request message is sent only with a manual approval request.');
  }

  if (inventory.providerRegistrationState !== 'Registered' && !form.registerProvider) {
    errors.registerProvider = l10n.t('Microsoft.ContainerRegistry is {0} in this subscription; register it (needed when the registry is in another subscription or tenant).', inventory.providerRegistrationState);
  }

  if (form.privateDnsIntegration) {
    const zone = selectedZone(form, inventory);
    if (form.zoneMode === 'existing') {
      if (!zone) errors.privateDnsZoneId = l10n.t('Choose a {0} zone, or create a new one.', registryZoneName);
      else {
        const zoneProblem = zoneNameProblem(zone.name);
        if (zoneProblem) errors.privateDnsZoneId = zoneProblem;
      }
    } else {
      const zrgProblem = resourceGroupNameProblem(form.zoneResourceGroup);
      const zoneRgIsNew = form.createResourceGroup && same(form.zoneResourceGroup, form.resourceGroup);
      if (zrgProblem) errors.zoneResourceGroup = zrgProblem;
      else if (!zoneRgIsNew && !inventory.resourceGroups.some((g) => same(g.name, form.zoneResourceGroup))) {
        errors.zoneResourceGroup = l10n.t('There is no resource group {0} in this subscription.', form.zoneResourceGroup);
      } else if (inventory.zones.some((z) => same(z.name, registryZoneName) && same(z.resourceGroup, form.zoneResourceGroup))) {
        errors.zoneResourceGroup = l10n.t('{0} already has a {1} zone; choose it as the existing zone.', form.zoneResourceGroup, registryZoneName);
      }
    }
    const other = otherLinkedZone(form, inventory);
    if (other && vnet) {
      errors.privateDnsZoneId = l10n.t('{0} is already linked to the {1} zone in {2}; a VNet can resolve the name with one zone only, so choose that zone.', vnet.name, registryZoneName, other.resourceGroup);
    }
    const needsLink = !zone || !zone.linkedVirtualNetworkIds.some((id) => same(id, form.virtualNetworkId));
    if (needsLink) {
      const linkProblem = virtualNetworkLinkNameProblem(form.linkName);
      if (linkProblem) errors.linkName = linkProblem;
    }
  } else {
    notes.privateDnsIntegration = l10n.t('Without DNS integration, clients keep resolving the public address until you create the A records (Create DNS Records).');
  }

  return { errors, notes, valid: Object.keys(errors).length === 0 };
}
