// The create-private-endpoint form page: the shared form page (runFormPage.ts) with the endpoint's
// own fields — name, region, target registry and sub-resource, manual approval with its request
// message. The first paint is the heading and the loading line; the form's components load when the
// inventory arrives and the form is first shown, the run's view when the first run starts.
// First: the page's message bundle, before any module that renders words.
import * as l10n from '@vscode/l10n';
import '../l10n';
import type { CreateEndpointForm, CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import { maxRequestMessageLength } from '../../provisioning/namingRules';
import { registryProblem, requiredAddressCount, selectedRegistry, validateCreateEndpoint } from '../../provisioning/validateCreateEndpoint';
import { createEndpointStateElementId, type CreateEndpointPersisted } from '../../webviews/forms/createEndpointProtocol';
import { h } from '../dom';
import { checkbox, selectField, textField } from './controls';
import { RunFormPage } from './runFormPage';

const page = new RunFormPage<CreateEndpointInventory, CreateEndpointForm, CreateEndpointPersisted>(
  createEndpointStateElementId,
  (stored, initial) => stored.registryId === initial.registryId,
  validateCreateEndpoint,
  // The endpoint goes in the region of its virtual network.
  (form, vnet) => ({ ...form, location: vnet?.location ?? form.location }),
);
const { subscription, newGroup, groupSelect, groupName, connection, vnet, subnet, policies, provider, integrate, zone, zoneGroup, link } = page;

const name = textField('name', l10n.t('Name'), (v) => page.set('name', v));
const location = selectField('location', l10n.t('Region'), (v) => page.set('location', v));
const registry = selectField('registryId', l10n.t('Target registry'), (v) => page.set('registryId', v));
const subResource = selectField('groupId', l10n.t('Target sub-resource'), () => undefined);
const manual = checkbox('manualApproval', l10n.t('Request approval from the registry owner (manual connection, e.g. a registry in another tenant)'), (c) => page.set('manualApproval', c));
const message = textField('requestMessage', l10n.t('Request message (at most {0} characters)', maxRequestMessageLength), (v) => page.set('requestMessage', v), maxRequestMessageLength);

page.mount({
  heading: l10n.t('Create a private endpoint'),
  fieldsets: [
    h('fieldset', {}, h('legend', {}, l10n.t('Basics')), subscription.wrapper, newGroup.wrapper, groupSelect.wrapper, groupName.wrapper, name.wrapper, location.wrapper),
    h('fieldset', {}, h('legend', {}, l10n.t('Resource')), registry.wrapper, subResource.wrapper, connection.wrapper, manual.wrapper, message.wrapper, provider.wrapper),
    h('fieldset', {}, h('legend', {}, l10n.t('Virtual network')), vnet.wrapper, subnet.wrapper, policies.wrapper),
    h('fieldset', {}, h('legend', {}, l10n.t('DNS')), integrate.wrapper, zone.wrapper, zoneGroup.wrapper, link.wrapper),
  ],
  errorTargets: { name, location, registryId: registry, requestMessage: message },

  alwaysShown: ['resourceGroup', 'registerProvider', 'disableSubnetPolicies', 'subnetName'],
  summary: {
    running: l10n.t('Creating the endpoint: the steps are below.'),
    succeeded: l10n.t('Created. Start a new form to create another endpoint.'),
    fieldsToCorrect: (count) => (count === 1 ? l10n.t('1 field to correct before the endpoint can be created.') : l10n.t('{0} fields to correct before the endpoint can be created.', count)),
  },
  fill(inventory, f) {
    name.control.value = f.name;
    location.setChoices(inventory.locations.map((l) => ({ value: l, label: l })), f.location);
    registry.setChoices(
      inventory.registries.map((r) => ({
        value: r.id,
        label: registryProblem(r) ? l10n.t('{0} — {1}, needs Premium', r.name, r.sku) : `${r.name} (${r.location}${r.regions.length > 1 ? l10n.t(', replicas {0}', r.regions.slice(1).join(', ')) : ''})`,
        disabled: registryProblem(r) !== undefined,
      })),
      f.registryId,
    );
    subResource.setChoices([{ value: 'registry', label: 'registry' }], 'registry');
    message.control.value = f.requestMessage;
  },
  virtualNetworkShown(f) {
    location.control.value = f.location;
  },
  update(f, inventory, validation, shown) {
    manual.control.checked = f.manualApproval;
    message.wrapper.hidden = !f.manualApproval;
    message.setNote(f.manualApproval ? `${f.requestMessage.length} / ${maxRequestMessageLength}` : undefined);
    // A warning, never blocking: shown under the VNet until an error there takes its place.
    if (!(shown('virtualNetworkId') && validation.errors.virtualNetworkId)) vnet.setError(validation.notes.virtualNetworkId);
    const reg = selectedRegistry(f, inventory);
    subnet.setNote(reg ? l10n.t('The endpoint takes {0} addresses: the registry and one data endpoint per region.', requiredAddressCount(reg)) : undefined);
  },
});
