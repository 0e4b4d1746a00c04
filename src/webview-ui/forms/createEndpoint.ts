// The create-private-endpoint form page. The form is built once and updated in place, so focus and
// typing are never lost; every change is validated at once (the extension validates again) and kept
// with setState, so a reload restores the draft. The first paint is the heading and the loading
// line; the form's components load when the inventory arrives and the form is first shown, the
// run's view when the first run starts.
// First: the page's message bundle, before any module that renders words.
import * as l10n from '@vscode/l10n';
import '../l10n';
import type { CreateEndpointField, CreateEndpointForm, CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import { maxRequestMessageLength, registryZoneName } from '../../provisioning/namingRules';
import { registryProblem, requiredAddressCount, selectedRegistry, selectedVirtualNetwork, validateCreateEndpoint } from '../../provisioning/validateCreateEndpoint';
import { createEndpointStateElementId, type CreateEndpointExtensionMessage, type CreateEndpointPersisted, type RunView } from '../../webviews/forms/createEndpointProtocol';
import { defineComponentsIn } from '../components';
import { h } from '../dom';
import { button, checkbox, selectField, textField, type Choice } from './controls';
import { vscode } from './formApi';
import { adoptStyles } from './styles';
import { rememberFocus } from '../focusMemory';

adoptStyles();
rememberFocus();

const initial = JSON.parse(document.getElementById(createEndpointStateElementId)?.textContent ?? 'null') as CreateEndpointPersisted;
const stored = vscode.getState() as CreateEndpointPersisted | undefined;
const persisted: CreateEndpointPersisted = stored && stored.registryId === initial.registryId ? { ...initial, ...stored } : initial;

let inventory: CreateEndpointInventory | undefined;
let form: CreateEndpointForm | undefined = persisted.draft;
let run: RunView | undefined;
/** Fields the person has touched: errors show for them (and for all after a submit attempt). */
const touched = new Set<CreateEndpointField>();
let showAllErrors = false;

const NEW_ZONE = '';

function save(): void {
  vscode.setState({ registryId: persisted.registryId, subscriptionId: form?.subscriptionId ?? persisted.subscriptionId, ...(form ? { draft: form } : {}) });
}

function set<K extends keyof CreateEndpointForm>(key: K, value: CreateEndpointForm[K]): void {
  if (!form) return;
  form = { ...form, [key]: value };
  touched.add(key as CreateEndpointField);
  save();
  update();
}

// ---- fields
const subscription = selectField('subscriptionId', l10n.t('Subscription'), (v) => {
  if (form && v !== form.subscriptionId) vscode.postMessage({ type: 'changeSubscription', subscriptionId: v });
});
const newGroup = checkbox('createResourceGroup', l10n.t('Create a new resource group'), (c) => set('createResourceGroup', c));
const groupSelect = selectField('resourceGroup', l10n.t('Resource group'), (v) => set('resourceGroup', v));
const groupName = textField('newResourceGroup', l10n.t('New resource group name'), (v) => set('resourceGroup', v));
const name = textField('name', l10n.t('Name'), (v) => set('name', v));
const location = selectField('location', l10n.t('Region'), (v) => set('location', v));
const registry = selectField('registryId', l10n.t('Target registry'), (v) => set('registryId', v));
const subResource = selectField('groupId', l10n.t('Target sub-resource'), () => undefined);
const connection = textField('connectionName', l10n.t('Connection name'), (v) => set('connectionName', v));
const manual = checkbox('manualApproval', l10n.t('Request approval from the registry owner (manual connection, e.g. a registry in another tenant)'), (c) => set('manualApproval', c));
const message = textField('requestMessage', l10n.t('Request message (at most {0} characters)', maxRequestMessageLength), (v) => set('requestMessage', v), maxRequestMessageLength);
const vnet = selectField('virtualNetworkId', l10n.t('Virtual network'), (v) => {
  if (!form || !inventory) return;
  const chosen = inventory.virtualNetworks.find((x) => x.id === v);
  form = { ...form, virtualNetworkId: v, subnetName: chosen?.subnets[0]?.name ?? '', location: chosen?.location ?? form.location };
  set('virtualNetworkId', v);
});
const subnet = selectField('subnetName', l10n.t('Subnet'), (v) => set('subnetName', v));
const policies = checkbox('disableSubnetPolicies', l10n.t('Disable private endpoint network policies on this subnet'), (c) => set('disableSubnetPolicies', c));
const provider = checkbox('registerProvider', l10n.t('Register the Microsoft.ContainerRegistry resource provider in this subscription'), (c) => set('registerProvider', c));
const integrate = checkbox('privateDnsIntegration', l10n.t('Integrate with a private DNS zone'), (c) => set('privateDnsIntegration', c));
const zone = selectField('privateDnsZoneId', l10n.t('Private DNS zone ({0})', registryZoneName), (v) => {
  if (!form) return;
  form = { ...form, zoneMode: v === NEW_ZONE ? 'new' : 'existing' };
  set('privateDnsZoneId', v);
});
const zoneGroup = selectField('zoneResourceGroup', l10n.t('Resource group of the new zone'), (v) => set('zoneResourceGroup', v));
const link = textField('linkName', l10n.t('Virtual network link name (the zone is not linked to this network yet)'), (v) => set('linkName', v));

const submit = button('submit', l10n.t('Create'), () => {
  showAllErrors = true;
  update();
  if (form && inventory && validateCreateEndpoint(form, inventory).valid) vscode.postMessage({ type: 'submit', form });
});
const cli = button('showCli', l10n.t('Show as Azure CLI'), () => form && vscode.postMessage({ type: 'showCli', form }), true);

const errorBanner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
const loading = h('div', { class: 'row', attrs: { role: 'status', hidden: true } }, h('vscode-progress-ring'), h('span'));
const summary = h('p', { class: 'field-note', attrs: { id: 'summary', 'aria-live': 'polite' } });
const fields = h(
  'form',
  { class: 'form', attrs: { 'aria-label': l10n.t('Create a private endpoint'), novalidate: true }, on: { submit: (e) => e.preventDefault() } },
  h('fieldset', {}, h('legend', {}, l10n.t('Basics')), subscription.wrapper, newGroup.wrapper, groupSelect.wrapper, groupName.wrapper, name.wrapper, location.wrapper),
  h('fieldset', {}, h('legend', {}, l10n.t('Resource')), registry.wrapper, subResource.wrapper, connection.wrapper, manual.wrapper, message.wrapper, provider.wrapper),
  h('fieldset', {}, h('legend', {}, l10n.t('Virtual network')), vnet.wrapper, subnet.wrapper, policies.wrapper),
  h('fieldset', {}, h('legend', {}, l10n.t('DNS')), integrate.wrapper, zone.wrapper, zoneGroup.wrapper, link.wrapper),
  h('div', { class: 'row' }, submit, cli),
  summary,
);
const runArea = h('section', { attrs: { 'aria-label': l10n.t('Progress'), hidden: true } });
document.getElementById('app')?.append(h('h1', {}, l10n.t('Create a private endpoint')), errorBanner, loading, fields, runArea);

// ---- choices from the inventory

function freeText(count: number | undefined): string {
  return count === undefined ? l10n.t('free addresses unknown') : l10n.t('{0} free', count);
}

function fillChoices(): void {
  if (!inventory || !form) return;
  const inv = inventory;
  const f = form;
  subscription.setChoices(inv.subscriptions.map((s) => ({ value: s.subscriptionId, label: `${s.displayName} (${s.subscriptionId})` })), f.subscriptionId);
  const groups: Choice[] = inv.resourceGroups.map((g) => ({ value: g.name, label: `${g.name} (${g.location})` }));
  groupSelect.setChoices(groups, f.createResourceGroup ? (groups[0]?.value ?? '') : f.resourceGroup);
  groupName.control.value = f.createResourceGroup ? f.resourceGroup : '';
  name.control.value = f.name;
  location.setChoices(inv.locations.map((l) => ({ value: l, label: l })), f.location);
  registry.setChoices(
    inv.registries.map((r) => ({ value: r.id, label: registryProblem(r) ? l10n.t('{0} — {1}, needs Premium', r.name, r.sku) : `${r.name} (${r.location}${r.regions.length > 1 ? l10n.t(', replicas {0}', r.regions.slice(1).join(', ')) : ''})`, disabled: registryProblem(r) !== undefined })),
    f.registryId,
  );
  subResource.setChoices([{ value: 'registry', label: 'registry' }], 'registry');
  connection.control.value = f.connectionName;
  message.control.value = f.requestMessage;
  vnet.setChoices(inv.virtualNetworks.map((v) => ({ value: v.id, label: `${v.name} (${v.resourceGroup}, ${v.location})` })), f.virtualNetworkId);
  fillSubnets();
  const zoneChoices: Choice[] = inv.zones.filter((z) => z.name === registryZoneName).map((z) => ({ value: z.id, label: `${z.name} in ${z.resourceGroup}` }));
  zone.setChoices([{ value: NEW_ZONE, label: l10n.t('(new) {0}', registryZoneName) }, ...zoneChoices], f.zoneMode === 'new' ? NEW_ZONE : f.privateDnsZoneId);
  fillZoneGroups();
  link.control.value = f.linkName;
}

function fillSubnets(): void {
  if (!inventory || !form) return;
  const chosen = selectedVirtualNetwork(form, inventory);
  subnet.setChoices(
    (chosen?.subnets ?? []).map((s) => ({
      value: s.name,
      label: l10n.t('{0} ({1}, {2}, network policies {3}{4})', s.name, s.addressPrefix, freeText(s.freeIpCount), s.privateEndpointNetworkPolicies, s.delegated ? l10n.t(', delegated') : ''),
    })),
    form.subnetName,
  );
}

function fillZoneGroups(): void {
  if (!inventory || !form) return;
  const names = inventory.resourceGroups.map((g) => g.name);
  if (form.createResourceGroup && form.resourceGroup && !names.includes(form.resourceGroup)) names.push(form.resourceGroup);
  zoneGroup.setChoices(names.map((n) => ({ value: n, label: n })), form.zoneResourceGroup);
}

// ---- validation as you type

const errorTargets: Partial<Record<CreateEndpointField, { setError(text: string | undefined): void }>> = {
  subscriptionId: subscription,
  name,
  location,
  registryId: registry,
  connectionName: connection,
  requestMessage: message,
  virtualNetworkId: vnet,
  subnetName: subnet,
  disableSubnetPolicies: policies,
  registerProvider: provider,
  privateDnsZoneId: zone,
  zoneResourceGroup: zoneGroup,
  linkName: link,
};

let lastVnet: string | undefined;
let lastCreateGroup: boolean | undefined;

function update(): void {
  if (!inventory || !form) {
    fields.hidden = true;
    return;
  }
  fields.hidden = false;
  const f = form;
  if (lastVnet !== f.virtualNetworkId) {
    lastVnet = f.virtualNetworkId;
    fillSubnets();
    location.control.value = f.location;
  }
  if (lastCreateGroup !== f.createResourceGroup) {
    lastCreateGroup = f.createResourceGroup;
    fillZoneGroups();
  }
  newGroup.control.checked = f.createResourceGroup;
  groupSelect.wrapper.hidden = f.createResourceGroup;
  groupName.wrapper.hidden = !f.createResourceGroup;
  manual.control.checked = f.manualApproval;
  message.wrapper.hidden = !f.manualApproval;
  policies.control.checked = f.disableSubnetPolicies;
  provider.control.checked = f.registerProvider;
  provider.wrapper.hidden = inventory.providerRegistrationState === 'Registered';
  integrate.control.checked = f.privateDnsIntegration;
  zone.wrapper.hidden = !f.privateDnsIntegration;
  zoneGroup.wrapper.hidden = !f.privateDnsIntegration || f.zoneMode !== 'new';
  const chosenZone = inventory.zones.find((z) => z.id === f.privateDnsZoneId);
  const linked = f.zoneMode === 'existing' && chosenZone?.linkedVirtualNetworkIds.some((id) => id.toLowerCase() === f.virtualNetworkId.toLowerCase());
  link.wrapper.hidden = !f.privateDnsIntegration || linked === true;

  const validation = validateCreateEndpoint(f, inventory);
  const groupError = validation.errors.resourceGroup;
  const shown = (field: CreateEndpointField): boolean => showAllErrors || touched.has(field);
  for (const [field, target] of Object.entries(errorTargets) as [CreateEndpointField, { setError(text: string | undefined): void }][]) {
    target.setError(shown(field) || field === 'registerProvider' || field === 'disableSubnetPolicies' || field === 'subnetName' ? validation.errors[field] : undefined);
  }
  (f.createResourceGroup ? groupName : groupSelect).setError(groupError);
  (f.createResourceGroup ? groupSelect : groupName).setError(undefined);
  message.setNote(f.manualApproval ? `${f.requestMessage.length} / ${maxRequestMessageLength}` : undefined);
  integrate.setError(validation.notes.privateDnsIntegration);
  // A warning, never blocking: shown under the VNet until an error there takes its place.
  if (!(shown('virtualNetworkId') && validation.errors.virtualNetworkId)) vnet.setError(validation.notes.virtualNetworkId);
  const reg = selectedRegistry(f, inventory);
  subnet.setNote(reg ? l10n.t('The endpoint takes {0} addresses: the registry and one data endpoint per region.', requiredAddressCount(reg)) : undefined);
  const running = run?.status === 'running';
  submit.disabled = !validation.valid || running;
  const count = Object.keys(validation.errors).length;
  summary.textContent = summaryText(validation.valid, count, run?.status);
}

/** The line beside "Create": what the form is waiting for, or what the run under it did. */
function summaryText(valid: boolean, errorCount: number, runStatus: RunView['status'] | undefined): string {
  if (runStatus === 'running') return l10n.t('Creating the endpoint: the steps are below.');
  if (runStatus === 'succeeded') return l10n.t('Created. Start a new form to create another endpoint.');
  if (!valid) return errorCount === 1 ? l10n.t('1 field to correct before the endpoint can be created.') : l10n.t('{0} fields to correct before the endpoint can be created.', errorCount);
  return runStatus === 'failed' || runStatus === 'cancelled' ? l10n.t('Ready to try again: the last run is below.') : l10n.t('Ready to create.');
}

// ---- messages from the extension

type RunViewModule = typeof import('./runView');
let runView: Promise<RunViewModule> | undefined;

/** Whether the keyboard focus is in `part` of the page (a component's host counts for the control in it). */
function hasFocusIn(part: Element): boolean {
  return document.hasFocus() && document.activeElement !== null && part.contains(document.activeElement);
}

async function showRun(): Promise<void> {
  runArea.hidden = run === undefined;
  if (!run) return;
  runView ??= import('./runView');
  const { renderRun } = await runView;
  const locked = run.status === 'running' || run.status === 'succeeded';
  // Focus in what is replaced or locked here would drop to the page's body, and a keyboard user would
  // start again from the top: it goes to the same button in the new view, or else to the headline.
  const focusedId = hasFocusIn(runArea) ? document.activeElement?.id : undefined;
  const refocus = focusedId !== undefined || (locked && hasFocusIn(fields));
  runArea.replaceChildren(renderRun(run, {
    cancel: () => vscode.postMessage({ type: 'cancel' }),
    cleanUp: () => vscode.postMessage({ type: 'cleanUp' }),
    again: startOver,
  }));
  fields.inert = locked;
  await defineComponentsIn(runArea);
  if (!refocus) return;
  const same = focusedId ? document.getElementById(focusedId) : null;
  (same && runArea.contains(same) ? same : runArea.querySelector<HTMLElement>('#run-status'))?.focus();
}

/** Set when "Start a new form" had the focus: the fresh form takes it once it shows. */
let focusFormWhenShown = false;

/**
 * "Start a new form": the page forgets the finished run and its draft itself; otherwise the draft
 * (same subscription) would win over the fresh defaults and the fields would stay locked.
 */
function startOver(): void {
  focusFormWhenShown = hasFocusIn(runArea);
  run = undefined;
  form = undefined;
  touched.clear();
  showAllErrors = false;
  save();
  runArea.hidden = true;
  fields.inert = false;
  update();
  vscode.postMessage({ type: 'newForm' });
}

async function receive(m: CreateEndpointExtensionMessage): Promise<void> {
  switch (m.type) {
    case 'loading':
      loading.hidden = false;
      loading.lastElementChild!.textContent = m.label;
      break;
    case 'inventory': {
      // The form is about to show: its components first, so values go to upgraded elements.
      await defineComponentsIn(fields);
      loading.hidden = true;
      errorBanner.hidden = true;
      inventory = m.inventory;
      // A draft for this subscription wins over the extension's defaults.
      form = form && form.subscriptionId === m.inventory.subscriptionId ? form : m.form;
      if (run === undefined) fields.inert = false;
      lastVnet = undefined;
      lastCreateGroup = undefined;
      fillChoices();
      save();
      break;
    }
    case 'run':
      run = m.run;
      if (run.status === 'running') errorBanner.hidden = true;
      await showRun();
      break;
    case 'error':
      showError(m.message);
      break;
  }
  update();
  if (focusFormWhenShown && !fields.hidden && !fields.inert) {
    focusFormWhenShown = false;
    subscription.control.focus();
  }
}

function showError(text: string): void {
  loading.hidden = true;
  errorBanner.textContent = text;
  errorBanner.hidden = false;
}

// One message after another, each once the part of the page it shows has loaded.
let received = Promise.resolve();
window.addEventListener('message', (event: MessageEvent<CreateEndpointExtensionMessage>) => {
  received = received.then(() => receive(event.data)).catch((e: unknown) => showError(l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e))));
});

update();
defineComponentsIn(loading).catch((e: unknown) => showError(l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e))));
vscode.postMessage({ type: 'ready' });
