// Validation of the create-registry form: the registry's own fields here (Azure's naming rule, the
// live name check, the regions), the endpoint half by the create-endpoint form's validator on the
// same data. The webview runs it as the person types; the extension runs it again on every message,
// with a name check it made itself.
import * as l10n from '@vscode/l10n';
import { endpointFormOf, endpointInventoryOf, type CreateRegistryField, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from './createRegistryForm';
import type { CreateEndpointField } from './createEndpointForm';
import { registryNameProblem } from './namingRules';
import { clause } from '../common/sentence';
import { validateCreateEndpoint } from './validateCreateEndpoint';

export type RegistryFieldProblems = Partial<Record<CreateRegistryField, string>>;

export interface RegistryValidation {
  errors: RegistryFieldProblems;
  notes: RegistryFieldProblems;
  valid: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Where the endpoint validator's findings show on this form. */
const endpointFieldOf: Partial<Record<CreateEndpointField, CreateRegistryField>> = {
  subscriptionId: 'subscriptionId',
  resourceGroup: 'resourceGroup',
  name: 'endpointName',
  location: 'virtualNetworkId',
  registryId: 'registryName',
  virtualNetworkId: 'virtualNetworkId',
  subnetName: 'subnetName',
  disableSubnetPolicies: 'disableSubnetPolicies',
  connectionName: 'connectionName',
  registerProvider: 'registerProvider',
  privateDnsIntegration: 'privateDnsIntegration',
  privateDnsZoneId: 'privateDnsZoneId',
  zoneResourceGroup: 'zoneResourceGroup',
  linkName: 'linkName',
};

/** What the name check says about the name in the form: an error, a note, or nothing. */
function nameCheckProblem(form: CreateRegistryForm, check: RegistryNameCheck | undefined): { error?: string; note?: string } {
  if (!check || check.name !== form.registryName) return { error: l10n.t('Checking whether {0} is available…', form.registryName) };
  if (check.error !== undefined) return { note: l10n.t('Could not check whether {0} is available ({1}); it is checked again when you create.', form.registryName, clause(check.error)) };
  if (check.nameAvailable === true) return { note: l10n.t('{0} is available.', form.registryName) };
  if (check.reason === 'AlreadyExists') {
    return { error: l10n.t('{0} is taken: {1}. Registry names are unique across Azure; choose another.', form.registryName, clause(check.message) || l10n.t('another registry in Azure has this name')) };
  }
  return { error: l10n.t('Azure refuses the name {0} ({1}): {2}.', form.registryName, check.reason ?? '?', clause(check.message) || l10n.t('it is not a valid registry name')) };
}

export function validateCreateRegistry(form: CreateRegistryForm, inventory: CreateRegistryInventory, nameCheck: RegistryNameCheck | undefined): RegistryValidation {
  const errors: RegistryFieldProblems = {};
  const notes: RegistryFieldProblems = {};
  const regionNames = inventory.regions.map((r) => r.name);
  const known = (region: string): boolean => regionNames.some((r) => same(r, region));

  const nameProblem = registryNameProblem(form.registryName);
  const ownRegistry = inventory.registries.find((r) => same(r.name, form.registryName));
  if (nameProblem) errors.registryName = nameProblem;
  else if (ownRegistry) errors.registryName = l10n.t('{0} already exists in this subscription ({1}); registry names are unique across Azure.', ownRegistry.name, ownRegistry.location);
  else {
    const { error, note } = nameCheckProblem(form, nameCheck);
    if (error) errors.registryName = error;
    if (note) notes.registryName = note;
  }

  if (form.location === '') errors.location = l10n.t("Choose the registry's region.");
  else if (!known(form.location)) errors.location = l10n.t('{0} is not a region this subscription can deploy to.', form.location);

  const seen = new Set<string>();
  for (const replica of form.replicaLocations) {
    const k = replica.toLowerCase();
    if (!known(replica)) errors.replicaLocations = l10n.t('{0} is not a region this subscription can deploy to.', replica);
    else if (same(replica, form.location)) errors.replicaLocations = l10n.t("{0} is the registry's home region; a geo-replica must be in another region.", replica);
    else if (seen.has(k)) errors.replicaLocations = l10n.t('{0} is chosen twice; a registry has at most one replica per region.', replica);
    seen.add(k);
  }

  if (form.publicNetworkAccess === 'Disabled') {
    notes.publicNetworkAccess = l10n.t('Only clients that reach the private endpoint can use the registry. ACR Tasks and az acr build then need a dedicated agent pool in the virtual network (the trusted-services bypass does not make them work).');
  }

  // The endpoint half, on the inventory with this registry in it. A registry name that is not valid
  // yet makes a registry the endpoint validator would call missing: that error is the name's.
  const endpoint = validateCreateEndpoint(endpointFormOf(form, inventory), endpointInventoryOf(form, inventory));
  for (const [field, problem] of Object.entries(endpoint.errors) as [CreateEndpointField, string][]) {
    const target = endpointFieldOf[field];
    if (!target || errors[target] !== undefined) continue;
    if (field === 'registryId' && errors.registryName !== undefined) continue;
    errors[target] = problem;
  }
  for (const [field, note] of Object.entries(endpoint.notes) as [CreateEndpointField, string][]) {
    const target = endpointFieldOf[field];
    if (target && notes[target] === undefined) notes[target] = note;
  }

  return { errors, notes, valid: Object.keys(errors).length === 0 };
}
