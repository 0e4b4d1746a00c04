// The create-registry-with-private-endpoint form page. Built once and updated in place (focus and
// typing are never lost); every change is validated at once with the same rules the extension runs
// again, and kept with setState. The registry name is checked against Azure's naming rule as it is
// typed and, once it follows it, with Azure's checkNameAvailability after a pause in typing (the
// extension asks; only the answer for the name now in the field counts). The run shows the
// create-endpoint form's steps view, then the verdict of the check of the new registry.
// First: the page's message bundle, before any module that renders words.
import '../l10n';
import * as l10n from '@vscode/l10n';
import type { CreateRegistryField, CreateRegistryForm, CreateRegistryInventory, RegistryNameCheck } from '../../provisioning/createRegistryForm';
import { newRegistryChoice } from '../../provisioning/createRegistryForm';
import { registryNameProblem, registryZoneName } from '../../provisioning/namingRules';
import { requiredAddressCount } from '../../provisioning/validateCreateEndpoint';
import { validateCreateRegistry } from '../../provisioning/validateCreateRegistry';
import type { RunView } from '../../webviews/forms/createEndpointProtocol';
import {
  createRegistryStateElementId,
  type CreateRegistryExtensionMessage,
  type CreateRegistryPersisted,
  type CreateRegistryWebviewMessage,
  type RegistryRunView,
} from '../../webviews/forms/createRegistryProtocol';
import { defineComponentsIn } from '../components';
import { h } from '../dom';
import { button, checkbox, selectField, textField, type Choice } from './controls';
import { adoptStyles } from './styles';

interface PageApi {
  postMessage(message: CreateRegistryWebviewMessage): void;
  getState(): unknown;
  setState(state: CreateRegistryPersisted): void;
}
declare function acquireVsCodeApi(): PageApi;
const vscode = acquireVsCodeApi();

adoptStyles();

/** A pause in typing this long sends the name to Azure. */
const NAME_CHECK_DELAY_MS = 400;

const initial = JSON.parse(document.getElementById(createRegistryStateElementId)?.textContent ?? 'null') as CreateRegistryPersisted;
const stored = vscode.getState() as CreateRegistryPersisted | undefined;
const persisted: CreateRegistryPersisted = stored ? { ...initial, ...stored } : initial;

let inventory: CreateRegistryInventory | undefined;
let form: CreateRegistryForm | undefined = persisted.draft;
let run: RegistryRunView | undefined;
let nameCheck: RegistryNameCheck | undefined;
let nameTimer: ReturnType<typeof setTimeout> | undefined;
const touched = new Set<CreateRegistryField>();
let showAllErrors = false;

const NEW_ZONE = '';

function save(): void {
  vscode.setState({ subscriptionId: form?.subscriptionId ?? persisted.subscriptionId, ...(form ? { draft: form } : {}) });
}

function set<K extends keyof CreateRegistryForm>(key: K, value: CreateRegistryForm[K]): void {
  if (!form) return;
  form = { ...form, [key]: value };
  touched.add(key as CreateRegistryField);
  save();
  update();
}

/** Asks for Azure's answer on the name once typing pauses; a name that breaks the rule is not sent. */
function scheduleNameCheck(): void {
  if (nameTimer !== undefined) clearTimeout(nameTimer);
  nameTimer = undefined;
  const name = form?.registryName ?? '';
  if (registryNameProblem(name)) return;
  if (nameCheck?.name === name && nameCheck.error === undefined) return;
  nameTimer = setTimeout(() => {
    nameTimer = undefined;
    vscode.postMessage({ type: 'checkName', name });
  }, NAME_CHECK_DELAY_MS);
}

// ---- fields
const subscription = selectField('subscriptionId', l10n.t('Subscription'), (v) => {
  if (form && v !== form.subscriptionId) vscode.postMessage({ type: 'changeSubscription', subscriptionId: v });
});
const newGroup = checkbox('createResourceGroup', l10n.t('Create a new resource group'), (c) => set('createResourceGroup', c));
const groupSelect = selectField('resourceGroup', l10n.t('Resource group'), (v) => set('resourceGroup', v));
const groupName = textField('newResourceGroup', l10n.t('New resource group name'), (v) => set('resourceGroup', v));
const registryName = textField('registryName', l10n.t('Registry name (5–50 letters and digits, unique across Azure)'), (v) => {
  if (!form) return;
  // The endpoint's names follow the registry's until the person edits them.
  const derived = !touched.has('endpointName');
  form = { ...form, registryName: v, ...(derived ? { endpointName: v ? `${v}-pe` : '', connectionName: v ? `${v}-pe-connection` : '' } : {}) };
  if (derived) {
    endpointName.control.value = form.endpointName;
    connection.control.value = form.connectionName;
  }
  set('registryName', v);
  scheduleNameCheck();
});
const location = selectField('location', l10n.t('Region'), (v) => {
  if (!form) return;
  // The home region cannot be a replica too.
  form = { ...form, replicaLocations: form.replicaLocations.filter((r) => r !== v) };
  set('location', v);
});
const sku = selectField('sku', l10n.t('Pricing plan'), () => undefined);
const access = selectField('publicNetworkAccess', l10n.t('Network connectivity'), (v) => set('publicNetworkAccess', v === 'Enabled' ? 'Enabled' : 'Disabled'));
const replicaList = h('div', { class: 'field', attrs: { id: 'replicaLocations', role: 'group', 'aria-labelledby': 'replicaLocations-label' } });
const replicaError = h('div', { class: 'field-error', attrs: { id: 'replicaLocations-error', 'aria-live': 'polite' } });
const replicas = h('div', {}, h('p', { attrs: { id: 'replicaLocations-label' } }, l10n.t('Geo-replicas (optional): one per region; the endpoint takes one more address for each')), replicaList, replicaError);
const endpointName = textField('endpointName', l10n.t('Private endpoint name'), (v) => set('endpointName', v));
const connection = textField('connectionName', l10n.t('Connection name'), (v) => set('connectionName', v));
const vnet = selectField('virtualNetworkId', l10n.t('Virtual network'), (v) => {
  if (!form || !inventory) return;
  const chosen = inventory.virtualNetworks.find((x) => x.id === v);
  form = { ...form, virtualNetworkId: v, subnetName: chosen?.subnets[0]?.name ?? '' };
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
  if (form && inventory && validateCreateRegistry(form, inventory, nameCheck).valid) vscode.postMessage({ type: 'submit', form });
});
const cli = button('showCli', l10n.t('Show as Azure CLI'), () => form && vscode.postMessage({ type: 'showCli', form }), true);

const errorBanner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
const loading = h('div', { class: 'row', attrs: { role: 'status', hidden: true } }, h('vscode-progress-ring'), h('span'));
const summary = h('p', { class: 'field-note', attrs: { id: 'summary', 'aria-live': 'polite' } });
const fields = h(
  'form',
  { class: 'form', attrs: { 'aria-label': l10n.t('Create a container registry with a private endpoint'), novalidate: true }, on: { submit: (e) => e.preventDefault() } },
  h('fieldset', {}, h('legend', {}, l10n.t('Basics')), subscription.wrapper, newGroup.wrapper, groupSelect.wrapper, groupName.wrapper, registryName.wrapper, location.wrapper, sku.wrapper, provider.wrapper),
  h('fieldset', {}, h('legend', {}, l10n.t('Geo-replication')), replicas),
  h('fieldset', {}, h('legend', {}, l10n.t('Networking')), access.wrapper, endpointName.wrapper, connection.wrapper, vnet.wrapper, subnet.wrapper, policies.wrapper),
  h('fieldset', {}, h('legend', {}, l10n.t('DNS')), integrate.wrapper, zone.wrapper, zoneGroup.wrapper, link.wrapper),
  h('div', { class: 'row' }, submit, cli),
  summary,
);
const runArea = h('section', { attrs: { 'aria-label': l10n.t('Progress'), hidden: true } });
document.getElementById('app')?.append(h('h1', {}, l10n.t('Create a container registry with a private endpoint')), errorBanner, loading, fields, runArea);

// ---- choices from the inventory

const replicaBoxes = new Map<string, { wrapper: HTMLElement; control: HTMLElement & { checked: boolean } }>();

function fillReplicas(): void {
  if (!inventory) return;
  replicaBoxes.clear();
  replicaList.replaceChildren(
    ...inventory.regions.map((r) => {
      const box = checkbox(`replica-${r.name}`, `${r.displayName} (${r.name})`, (checked) => {
        if (!form) return;
        const others = form.replicaLocations.filter((x) => x !== r.name);
        set('replicaLocations', checked ? [...others, r.name] : others);
      });
      replicaBoxes.set(r.name, box);
      return box.wrapper;
    }),
  );
}

function fillChoices(): void {
  if (!inventory || !form) return;
  const inv = inventory;
  const f = form;
  subscription.setChoices(inv.subscriptions.map((s) => ({ value: s.subscriptionId, label: `${s.displayName} (${s.subscriptionId})` })), f.subscriptionId);
  const groups: Choice[] = inv.resourceGroups.map((g) => ({ value: g.name, label: `${g.name} (${g.location})` }));
  groupSelect.setChoices(groups, f.createResourceGroup ? (groups[0]?.value ?? '') : f.resourceGroup);
  groupName.control.value = f.createResourceGroup ? f.resourceGroup : '';
  registryName.control.value = f.registryName;
  location.setChoices(inv.regions.map((r) => ({ value: r.name, label: `${r.displayName} (${r.name})` })), f.location);
  sku.setChoices([{ value: 'Premium', label: l10n.t('Premium (the only tier with private endpoints and geo-replication)') }], 'Premium');
  access.setChoices(
    [
      { value: 'Disabled', label: l10n.t('Private access: public network access disabled') },
      { value: 'Enabled', label: l10n.t('Public access enabled, and the private endpoint') },
    ],
    f.publicNetworkAccess,
  );
  fillReplicas();
  endpointName.control.value = f.endpointName;
  connection.control.value = f.connectionName;
  vnet.setChoices(inv.virtualNetworks.map((v) => ({ value: v.id, label: `${v.name} (${v.resourceGroup}, ${v.location})` })), f.virtualNetworkId);
  fillSubnets();
  const zoneChoices: Choice[] = inv.zones.filter((z) => z.name === registryZoneName).map((z) => ({ value: z.id, label: l10n.t('{0} in {1}', z.name, z.resourceGroup) }));
  zone.setChoices([{ value: NEW_ZONE, label: l10n.t('(new) {0}', registryZoneName) }, ...zoneChoices], f.zoneMode === 'new' ? NEW_ZONE : f.privateDnsZoneId);
  fillZoneGroups();
  link.control.value = f.linkName;
}

function fillSubnets(): void {
  if (!inventory || !form) return;
  const id = form.virtualNetworkId.toLowerCase();
  const chosen = inventory.virtualNetworks.find((v) => v.id.toLowerCase() === id);
  subnet.setChoices(
    (chosen?.subnets ?? []).map((s) => ({
      value: s.name,
      label: s.delegated
        ? l10n.t('{0} ({1}, {2}, network policies {3}, delegated)', s.name, s.addressPrefix, s.freeIpCount === undefined ? l10n.t('free addresses unknown') : l10n.t('{0} free', s.freeIpCount), s.privateEndpointNetworkPolicies)
        : l10n.t('{0} ({1}, {2}, network policies {3})', s.name, s.addressPrefix, s.freeIpCount === undefined ? l10n.t('free addresses unknown') : l10n.t('{0} free', s.freeIpCount), s.privateEndpointNetworkPolicies),
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

const errorTargets: Partial<Record<CreateRegistryField, { setError(text: string | undefined): void }>> = {
  subscriptionId: subscription,
  registryName,
  location,
  endpointName,
  connectionName: connection,
  virtualNetworkId: vnet,
  subnetName: subnet,
  disableSubnetPolicies: policies,
  registerProvider: provider,
  privateDnsZoneId: zone,
  zoneResourceGroup: zoneGroup,
  linkName: link,
};
/** Shown as soon as they apply, touched or not: they come from Azure's state, not from typing. */
const alwaysShown = new Set<CreateRegistryField>(['registerProvider', 'disableSubnetPolicies', 'subnetName']);

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
  }
  if (lastCreateGroup !== f.createResourceGroup) {
    lastCreateGroup = f.createResourceGroup;
    fillZoneGroups();
  }
  newGroup.control.checked = f.createResourceGroup;
  groupSelect.wrapper.hidden = f.createResourceGroup;
  groupName.wrapper.hidden = !f.createResourceGroup;
  for (const [region, box] of replicaBoxes) {
    box.control.checked = f.replicaLocations.includes(region);
    box.wrapper.hidden = region === f.location;
  }
  policies.control.checked = f.disableSubnetPolicies;
  provider.control.checked = f.registerProvider;
  provider.wrapper.hidden = inventory.providerRegistrationState === 'Registered';
  integrate.control.checked = f.privateDnsIntegration;
  zone.wrapper.hidden = !f.privateDnsIntegration;
  zoneGroup.wrapper.hidden = !f.privateDnsIntegration || f.zoneMode !== 'new';
  const chosenZone = inventory.zones.find((z) => z.id === f.privateDnsZoneId);
  const linked = f.zoneMode === 'existing' && chosenZone?.linkedVirtualNetworkIds.some((id) => id.toLowerCase() === f.virtualNetworkId.toLowerCase());
  link.wrapper.hidden = !f.privateDnsIntegration || linked === true;

  const validation = validateCreateRegistry(f, inventory, nameCheck);
  const shown = (field: CreateRegistryField): boolean => showAllErrors || touched.has(field) || alwaysShown.has(field);
  for (const [field, target] of Object.entries(errorTargets) as [CreateRegistryField, { setError(text: string | undefined): void }][]) {
    target.setError(shown(field) ? validation.errors[field] : undefined);
  }
  (f.createResourceGroup ? groupName : groupSelect).setError(shown('resourceGroup') ? validation.errors.resourceGroup : undefined);
  (f.createResourceGroup ? groupSelect : groupName).setError(undefined);
  replicaError.textContent = validation.errors.replicaLocations ?? '';
  registryName.setNote(validation.errors.registryName === undefined ? validation.notes.registryName : undefined);
  access.setNote(validation.notes.publicNetworkAccess);
  integrate.setError(validation.notes.privateDnsIntegration);
  subnet.setNote(l10n.t('The endpoint takes {0} addresses: the registry and one data endpoint per region.', requiredAddressCount(newRegistryChoice(f))));
  const running = run?.status === 'running';
  submit.disabled = !validation.valid || running;
  const count = Object.keys(validation.errors).length;
  summary.textContent = summaryText(validation.valid, count, run?.status);
}

/** The line beside "Create": what the form is waiting for, or what the run under it did. */
function summaryText(valid: boolean, errorCount: number, runStatus: RunView['status'] | undefined): string {
  if (runStatus === 'running') return l10n.t('Creating the registry and its endpoint: the steps are below.');
  if (runStatus === 'succeeded') return l10n.t('Created. Start a new form to create another registry.');
  if (!valid) return errorCount === 1 ? l10n.t('1 field to correct before the registry can be created.') : l10n.t('{0} fields to correct before the registry can be created.', errorCount);
  return runStatus === 'failed' || runStatus === 'cancelled' ? l10n.t('Ready to try again: the last run is below.') : l10n.t('Ready to create.');
}

// ---- messages from the extension

type RunViewModule = typeof import('./runView');
let runView: Promise<RunViewModule> | undefined;

const headline: Record<RunView['status'], string> = {
  running: l10n.t('Creating…'),
  succeeded: l10n.t('The registry and its private endpoint are ready.'),
  failed: l10n.t('A step failed; the run stopped there.'),
  cancelled: l10n.t('The run was cancelled.'),
};

function hasFocusIn(part: Element): boolean {
  return document.hasFocus() && document.activeElement !== null && part.contains(document.activeElement);
}

/** The verdict of the check of the new registry, once the run succeeded. */
function checkSection(r: RegistryRunView): HTMLElement | undefined {
  if (r.status !== 'succeeded') return undefined;
  if (!r.check) return h('p', { attrs: { id: 'check', 'data-verdict': 'checking' } }, l10n.t('Checking {0}…', r.registryName ?? ''));
  const verdict = { healthy: l10n.t('Healthy'), problems: l10n.t('Problems found'), unknown: l10n.t('Could not check everything') }[r.check.verdict];
  return h(
    'div',
    { attrs: { id: 'check', 'data-verdict': r.check.verdict, role: 'status' } },
    h('h3', {}, l10n.t('Check: {0}', verdict)),
    h('p', {}, r.check.summary),
    r.check.lines.length > 0 ? h('ul', {}, ...r.check.lines.map((line) => h('li', {}, line))) : undefined,
  );
}

async function showRun(): Promise<void> {
  runArea.hidden = run === undefined;
  if (!run) return;
  runView ??= import('./runView');
  const { renderRun } = await runView;
  const locked = run.status === 'running' || run.status === 'succeeded';
  const focusedId = hasFocusIn(runArea) ? document.activeElement?.id : undefined;
  const refocus = focusedId !== undefined || (locked && hasFocusIn(fields));
  runArea.replaceChildren(
    renderRun(run, { cancel: () => vscode.postMessage({ type: 'cancel' }), cleanUp: () => vscode.postMessage({ type: 'cleanUp' }), again: startOver }, headline, checkSection(run)),
  );
  fields.inert = locked;
  await defineComponentsIn(runArea);
  if (!refocus) return;
  const same = focusedId ? document.getElementById(focusedId) : null;
  (same && runArea.contains(same) ? same : runArea.querySelector<HTMLElement>('#run-status'))?.focus();
}

function startOver(): void {
  run = undefined;
  form = undefined;
  nameCheck = undefined;
  touched.clear();
  showAllErrors = false;
  save();
  runArea.hidden = true;
  fields.inert = false;
  update();
  vscode.postMessage({ type: 'newForm' });
}

async function receive(m: CreateRegistryExtensionMessage): Promise<void> {
  switch (m.type) {
    case 'loading':
      loading.hidden = false;
      loading.lastElementChild!.textContent = m.label;
      break;
    case 'inventory': {
      inventory = m.inventory;
      form = form && form.subscriptionId === m.inventory.subscriptionId ? form : m.form;
      fillReplicas();
      await defineComponentsIn(fields);
      loading.hidden = true;
      errorBanner.hidden = true;
      if (run === undefined) fields.inert = false;
      lastVnet = undefined;
      lastCreateGroup = undefined;
      fillChoices();
      save();
      scheduleNameCheck();
      break;
    }
    case 'nameCheck':
      // Only the answer for the name now in the field counts; an older one is dropped.
      if (form && m.check.name === form.registryName) nameCheck = m.check;
      break;
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
}

function showError(text: string): void {
  loading.hidden = true;
  errorBanner.textContent = text;
  errorBanner.hidden = false;
}

let received = Promise.resolve();
window.addEventListener('message', (event: MessageEvent<CreateRegistryExtensionMessage>) => {
  received = received.then(() => receive(event.data)).catch((e: unknown) => showError(l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e))));
});

update();
defineComponentsIn(loading).catch((e: unknown) => showError(l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e))));
vscode.postMessage({ type: 'ready' });
