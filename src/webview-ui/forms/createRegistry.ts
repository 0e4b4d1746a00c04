// The create-registry-with-private-endpoint form page: the shared form page (runFormPage.ts) with the
// registry's own fields — name, region, pricing plan, geo-replicas, network connectivity, the
// endpoint's name. The registry name is checked against Azure's naming rule as it is typed and, once
// it follows it, with Azure's checkNameAvailability after a pause in typing (the extension asks; only
// the answer for the name now in the field counts). The run shows the create-endpoint form's steps
// view, then the verdict of the check of the new registry.
// First: the page's message bundle, before any module that renders words.
import '../l10n';
import * as l10n from '@vscode/l10n';
import type { CreateRegistryForm, CreateRegistryInventory, RegistryNameCheck } from '../../provisioning/createRegistryForm';
import { newRegistryChoice } from '../../provisioning/createRegistryForm';
import { registryNameProblem } from '../../provisioning/namingRules';
import { requiredAddressCount } from '../../provisioning/validateCreateEndpoint';
import { validateCreateRegistry } from '../../provisioning/validateCreateRegistry';
import { createRegistryStateElementId, type CreateRegistryPersisted, type NameCheckMessage, type RegistryRunView } from '../../webviews/forms/createRegistryProtocol';
import { h } from '../dom';
import { checkbox, selectField, textField } from './controls';
import { RunFormPage } from './runFormPage';

/** A pause in typing this long sends the name to Azure. */
const NAME_CHECK_DELAY_MS = 400;

let nameCheck: RegistryNameCheck | undefined;
let nameTimer: ReturnType<typeof setTimeout> | undefined;

const page = new RunFormPage<CreateRegistryInventory, CreateRegistryForm, CreateRegistryPersisted, RegistryRunView, NameCheckMessage, { type: 'checkName'; name: string }>(
  createRegistryStateElementId,
  () => true,
  (form, inventory) => validateCreateRegistry(form, inventory, nameCheck),
);
const { subscription, newGroup, groupSelect, groupName, connection, vnet, subnet, policies, provider, integrate, zone, zoneGroup, link } = page;

/** Asks for Azure's answer on the name once typing pauses; a name that breaks the rule is not sent. */
function scheduleNameCheck(): void {
  if (nameTimer !== undefined) clearTimeout(nameTimer);
  nameTimer = undefined;
  const name = page.form?.registryName ?? '';
  if (registryNameProblem(name)) return;
  if (nameCheck?.name === name && nameCheck.error === undefined) return;
  nameTimer = setTimeout(() => {
    nameTimer = undefined;
    page.post({ type: 'checkName', name });
  }, NAME_CHECK_DELAY_MS);
}

const registryName = textField('registryName', l10n.t('Registry name (5–50 letters and digits, unique across Azure)'), (v) => {
  if (!page.form) return;
  // The endpoint's names follow the registry's until the person edits them.
  const derived = !page.touched.has('endpointName');
  page.form = { ...page.form, registryName: v, ...(derived ? { endpointName: v ? `${v}-pe` : '', connectionName: v ? `${v}-pe-connection` : '' } : {}) };
  if (derived) {
    endpointName.control.value = page.form.endpointName;
    connection.control.value = page.form.connectionName;
  }
  page.set('registryName', v);
  scheduleNameCheck();
});
const location = selectField('location', l10n.t('Region'), (v) => {
  if (!page.form) return;
  // The home region cannot be a replica too.
  page.form = { ...page.form, replicaLocations: page.form.replicaLocations.filter((r) => r !== v) };
  page.set('location', v);
});
const sku = selectField('sku', l10n.t('Pricing plan'), () => undefined);
const access = selectField('publicNetworkAccess', l10n.t('Network connectivity'), (v) => page.set('publicNetworkAccess', v === 'Enabled' ? 'Enabled' : 'Disabled'));
const replicaList = h('div', { class: 'field', attrs: { id: 'replicaLocations', role: 'group', 'aria-labelledby': 'replicaLocations-label' } });
const replicaError = h('div', { class: 'field-error', attrs: { id: 'replicaLocations-error', 'aria-live': 'polite' } });
const replicas = h('div', {}, h('p', { attrs: { id: 'replicaLocations-label' } }, l10n.t('Geo-replicas (optional): one per region; the endpoint takes one more address for each')), replicaList, replicaError);
const endpointName = textField('endpointName', l10n.t('Private endpoint name'), (v) => page.set('endpointName', v));

const replicaBoxes = new Map<string, { wrapper: HTMLElement; control: HTMLElement & { checked: boolean } }>();

function fillReplicas(inventory: CreateRegistryInventory): void {
  replicaBoxes.clear();
  replicaList.replaceChildren(
    ...inventory.regions.map((r) => {
      const box = checkbox(`replica-${r.name}`, `${r.displayName} (${r.name})`, (checked) => {
        if (!page.form) return;
        const others = page.form.replicaLocations.filter((x) => x !== r.name);
        page.set('replicaLocations', checked ? [...others, r.name] : others);
      });
      replicaBoxes.set(r.name, box);
      return box.wrapper;
    }),
  );
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

page.mount({
  heading: l10n.t('Create a container registry with a private endpoint'),
  fieldsets: [
    h('fieldset', {}, h('legend', {}, l10n.t('Basics')), subscription.wrapper, newGroup.wrapper, groupSelect.wrapper, groupName.wrapper, registryName.wrapper, location.wrapper, sku.wrapper, provider.wrapper),
    h('fieldset', {}, h('legend', {}, l10n.t('Geo-replication')), replicas),
    h('fieldset', {}, h('legend', {}, l10n.t('Networking')), access.wrapper, endpointName.wrapper, connection.wrapper, vnet.wrapper, subnet.wrapper, policies.wrapper),
    h('fieldset', {}, h('legend', {}, l10n.t('DNS')), integrate.wrapper, zone.wrapper, zoneGroup.wrapper, link.wrapper),
  ],
  errorTargets: { registryName, location, endpointName },

  alwaysShown: ['registerProvider', 'disableSubnetPolicies', 'subnetName'],
  summary: {
    running: l10n.t('Creating the registry and its endpoint: the steps are below.'),
    succeeded: l10n.t('Created. Start a new form to create another registry.'),
    fieldsToCorrect: (count) => (count === 1 ? l10n.t('1 field to correct before the registry can be created.') : l10n.t('{0} fields to correct before the registry can be created.', count)),
  },
  headline: {
    running: l10n.t('Creating…'),
    succeeded: l10n.t('The registry and its private endpoint are ready.'),
    failed: l10n.t('A step failed; the run stopped there.'),
    cancelled: l10n.t('The run was cancelled.'),
  },
  afterSteps: checkSection,
  prepare: fillReplicas,
  fill(inventory, f) {
    registryName.control.value = f.registryName;
    location.setChoices(inventory.regions.map((r) => ({ value: r.name, label: `${r.displayName} (${r.name})` })), f.location);
    sku.setChoices([{ value: 'Premium', label: l10n.t('Premium (the only tier with private endpoints and geo-replication)') }], 'Premium');
    access.setChoices(
      [
        { value: 'Disabled', label: l10n.t('Private access: public network access disabled') },
        { value: 'Enabled', label: l10n.t('Public access enabled, and the private endpoint') },
      ],
      f.publicNetworkAccess,
    );
    fillReplicas(inventory);
    endpointName.control.value = f.endpointName;
  },
  update(f, _inventory, validation) {
    for (const [region, box] of replicaBoxes) {
      box.control.checked = f.replicaLocations.includes(region);
      box.wrapper.hidden = region === f.location;
    }
    replicaError.textContent = validation.errors.replicaLocations ?? '';
    registryName.setNote(validation.errors.registryName === undefined ? validation.notes.registryName : undefined);
    access.setNote(validation.notes.publicNetworkAccess);
    subnet.setNote(l10n.t('The endpoint takes {0} addresses: the registry and one data endpoint per region.', requiredAddressCount(newRegistryChoice(f))));
  },
  shown: scheduleNameCheck,
  receive(m) {
    // Only the answer for the name now in the field counts; an older one is dropped.
    if (page.form && m.check.name === page.form.registryName) nameCheck = m.check;
  },
  startOver() {
    nameCheck = undefined;
  },
});
