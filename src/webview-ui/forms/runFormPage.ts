// What the pages of the forms that run a provisioning plan (create endpoint, create registry) share:
// the draft kept with setState; the fields both have (subscription, resource group, virtual network,
// subnet, connection, private DNS); validation shown as you type, for the fields touched (all after a
// submit attempt) and for those that come from Azure's state at once; Create and Show as Azure CLI;
// the line that says what the form waits for; the run's steps view (loaded when the first run
// starts), which keeps the keyboard focus where it was; and "Start a new form". Built once and
// updated in place, so focus and typing are never lost. Each page adds its own fields and words.
import * as l10n from '@vscode/l10n';
import type { CreateEndpointForm, CreateEndpointInventory, VirtualNetworkChoice } from '../../provisioning/createEndpointForm';
import { registryZoneName } from '../../provisioning/namingRules';
import type { RunExtensionMessage, RunView, RunWebviewMessage } from '../../webviews/forms/runProtocol';
import { defineComponentsIn } from '../components';
import { h } from '../dom';
import { rememberFocus } from '../focusMemory';
import { button, checkbox, selectField, textField, type Choice } from './controls';
import { adoptStyles } from './styles';

/** The fields both forms have, by the same names. */
export type NetworkForm = Pick<
  CreateEndpointForm,
  | 'subscriptionId'
  | 'resourceGroup'
  | 'createResourceGroup'
  | 'connectionName'
  | 'virtualNetworkId'
  | 'subnetName'
  | 'disableSubnetPolicies'
  | 'registerProvider'
  | 'privateDnsIntegration'
  | 'zoneMode'
  | 'privateDnsZoneId'
  | 'zoneResourceGroup'
  | 'linkName'
>;

export interface FormValidation {
  valid: boolean;
  errors: Partial<Record<string, string>>;
  notes: Partial<Record<string, string>>;
}

interface ErrorTarget {
  setError(text: string | undefined): void;
}

interface PageApi<Out, State> {
  postMessage(message: Out): void;
  getState(): unknown;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): PageApi<unknown, unknown>;

/** What a page says and does besides the shared part. */
export interface RunFormPageParts<Inventory, Form, Run extends RunView, In> {
  /** The page's heading, and the form's name for assistive technology. */
  heading: string;
  /** The form's fieldsets, the shared fields placed among the page's own. */
  fieldsets: HTMLElement[];
  /** Where the errors of the page's own fields show. */
  errorTargets: Partial<Record<Extract<keyof Form, string>, ErrorTarget>>;
  /** Shown as soon as they apply, touched or not: they come from Azure's state, not from typing. */
  alwaysShown: Extract<keyof Form, string>[];
  /** The line beside "Create" while running, after success, and with fields to correct. */
  summary: { running: string; succeeded: string; fieldsToCorrect(count: number): string };
  /** The run's headline per status (the steps view has the endpoint's) and what shows after the steps. */
  headline?: Record<RunView['status'], string>;
  afterSteps?(run: Run): HTMLElement | undefined;
  /** Before the form's components load for a new inventory (controls they must upgrade). */
  prepare?(inventory: Inventory): void;
  /** The page's own choices from the inventory. */
  fill(inventory: Inventory, form: Form): void;
  /** A new virtual network shows (its subnets are filled). */
  virtualNetworkShown?(form: Form): void;
  /** The page's own parts of an update: what shows, its notes. */
  update(form: Form, inventory: Inventory, validation: FormValidation, shown: (field: Extract<keyof Form, string>) => boolean): void;
  /** After a new inventory has filled the form. */
  shown?(): void;
  /** The page's own messages from the extension. */
  receive?(message: In): void;
  /** "Start a new form": what the page forgets besides the draft. */
  startOver?(): void;
}

const NEW_ZONE = '';

const freeText = (count: number | undefined): string => (count === undefined ? l10n.t('free addresses unknown') : l10n.t('{0} free', count));

const errorText = (e: unknown): string => l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e));

/** Whether the keyboard focus is in `part` of the page (a component's host counts for the control in it). */
function hasFocusIn(part: Element): boolean {
  return document.hasFocus() && document.activeElement !== null && part.contains(document.activeElement);
}

export class RunFormPage<
  Inventory extends CreateEndpointInventory,
  Form extends NetworkForm,
  Persisted extends { subscriptionId: string; draft?: Form },
  Run extends RunView = RunView,
  In extends { type: string } = never,
  Out extends { type: string } = never,
> {
  private readonly api = acquireVsCodeApi() as PageApi<RunWebviewMessage<Form> | Out, Persisted>;
  private readonly persisted: Persisted;
  inventory: Inventory | undefined;
  form: Form | undefined;
  run: Run | undefined;
  /** Fields the person has touched: errors show for them (and for all after a submit attempt). */
  readonly touched = new Set<string>();
  private showAllErrors = false;
  private parts!: RunFormPageParts<Inventory, Form, Run, In>;
  private lastVnet: string | undefined;
  private lastCreateGroup: boolean | undefined;
  /** Set when "Start a new form" had the focus: the fresh form takes it once it shows. */
  private focusFormWhenShown = false;
  private runView: Promise<typeof import('./runView')> | undefined;

  readonly subscription = selectField('subscriptionId', l10n.t('Subscription'), (v) => {
    if (this.form && v !== this.form.subscriptionId) this.post({ type: 'changeSubscription', subscriptionId: v });
  });
  readonly newGroup = checkbox('createResourceGroup', l10n.t('Create a new resource group'), (c) => this.set('createResourceGroup', c));
  readonly groupSelect = selectField('resourceGroup', l10n.t('Resource group'), (v) => this.set('resourceGroup', v));
  readonly groupName = textField('newResourceGroup', l10n.t('New resource group name'), (v) => this.set('resourceGroup', v));
  readonly connection = textField('connectionName', l10n.t('Connection name'), (v) => this.set('connectionName', v));
  readonly vnet = selectField('virtualNetworkId', l10n.t('Virtual network'), (v) => {
    if (!this.form || !this.inventory) return;
    const chosen = this.inventory.virtualNetworks.find((x) => x.id === v);
    this.form = this.vnetChosen({ ...this.form, virtualNetworkId: v, subnetName: chosen?.subnets[0]?.name ?? '' }, chosen);
    this.set('virtualNetworkId', v);
  });
  readonly subnet = selectField('subnetName', l10n.t('Subnet'), (v) => this.set('subnetName', v));
  readonly policies = checkbox('disableSubnetPolicies', l10n.t('Disable private endpoint network policies on this subnet'), (c) => this.set('disableSubnetPolicies', c));
  readonly provider = checkbox('registerProvider', l10n.t('Register the Microsoft.ContainerRegistry resource provider in this subscription'), (c) => this.set('registerProvider', c));
  readonly integrate = checkbox('privateDnsIntegration', l10n.t('Integrate with a private DNS zone'), (c) => this.set('privateDnsIntegration', c));
  readonly zone = selectField('privateDnsZoneId', l10n.t('Private DNS zone ({0})', registryZoneName), (v) => {
    if (!this.form) return;
    this.form = { ...this.form, zoneMode: v === NEW_ZONE ? 'new' : 'existing' };
    this.set('privateDnsZoneId', v);
  });
  readonly zoneGroup = selectField('zoneResourceGroup', l10n.t('Resource group of the new zone'), (v) => this.set('zoneResourceGroup', v));
  readonly link = textField('linkName', l10n.t('Virtual network link name (the zone is not linked to this network yet)'), (v) => this.set('linkName', v));

  private readonly submit = button('submit', l10n.t('Create'), () => {
    this.showAllErrors = true;
    this.update();
    if (this.form && this.inventory && this.validate(this.form, this.inventory).valid) this.post({ type: 'submit', form: this.form });
  });
  private readonly cli = button('showCli', l10n.t('Show as Azure CLI'), () => this.form && this.post({ type: 'showCli', form: this.form }), true);
  private readonly errorBanner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
  private readonly loading = h('div', { class: 'row', attrs: { role: 'status', hidden: true } }, h('vscode-progress-ring'), h('span'));
  private readonly summary = h('p', { class: 'field-note', attrs: { id: 'summary', 'aria-live': 'polite' } });
  private fields!: HTMLFormElement;
  private readonly runArea = h('section', { attrs: { 'aria-label': l10n.t('Progress'), hidden: true } });

  /**
   * `keeps`: whether the state VS Code kept is this panel's; `validate`: the rules the extension runs
   * again; `vnetChosen`: the form with what else follows from a new virtual network.
   */
  constructor(
    stateElementId: string,
    keeps: (stored: Persisted, initial: Persisted) => boolean,
    private readonly validate: (form: Form, inventory: Inventory) => FormValidation,
    private readonly vnetChosen: (form: Form, vnet: VirtualNetworkChoice | undefined) => Form = (form) => form,
  ) {
    adoptStyles();
    rememberFocus();
    const initial = JSON.parse(document.getElementById(stateElementId)?.textContent ?? 'null') as Persisted;
    const stored = this.api.getState() as Persisted | undefined;
    this.persisted = stored && keeps(stored, initial) ? { ...initial, ...stored } : initial;
    this.form = this.persisted.draft;
  }

  post(message: RunWebviewMessage<Form> | Out): void {
    this.api.postMessage(message);
  }

  private save(): void {
    const state: Persisted = { ...this.persisted, subscriptionId: this.form?.subscriptionId ?? this.persisted.subscriptionId };
    if (this.form) state.draft = this.form;
    else delete state.draft;
    this.api.setState(state);
  }

  /** A field changed: the form, what is kept and what shows follow. */
  set<K extends keyof Form & string>(key: K, value: Form[K]): void {
    if (!this.form) return;
    this.form = { ...this.form, [key]: value };
    this.touched.add(key);
    this.save();
    this.update();
  }

  /** Builds the page with its own parts, and asks the extension for the inventory. */
  mount(parts: RunFormPageParts<Inventory, Form, Run, In>): void {
    this.parts = parts;
    this.fields = h(
      'form',
      { class: 'form', attrs: { 'aria-label': parts.heading, novalidate: true }, on: { submit: (e) => e.preventDefault() } },
      ...parts.fieldsets,
      h('div', { class: 'row' }, this.submit, this.cli),
      this.summary,
    ) as HTMLFormElement;
    document.getElementById('app')?.append(h('h1', {}, parts.heading), this.errorBanner, this.loading, this.fields, this.runArea);
    // One message after another, each once the part of the page it shows has loaded.
    let received = Promise.resolve();
    window.addEventListener('message', (event: MessageEvent<RunExtensionMessage<Inventory, Form, Run> | In>) => {
      received = received.then(() => this.receive(event.data)).catch((e: unknown) => this.showError(errorText(e)));
    });
    this.update();
    defineComponentsIn(this.loading).catch((e: unknown) => this.showError(errorText(e)));
    this.post({ type: 'ready' });
  }

  // ---- choices from the inventory

  private fillChoices(): void {
    if (!this.inventory || !this.form) return;
    const inv = this.inventory;
    const f = this.form;
    this.subscription.setChoices(inv.subscriptions.map((s) => ({ value: s.subscriptionId, label: `${s.displayName} (${s.subscriptionId})` })), f.subscriptionId);
    const groups: Choice[] = inv.resourceGroups.map((g) => ({ value: g.name, label: `${g.name} (${g.location})` }));
    this.groupSelect.setChoices(groups, f.createResourceGroup ? (groups[0]?.value ?? '') : f.resourceGroup);
    this.groupName.control.value = f.createResourceGroup ? f.resourceGroup : '';
    this.connection.control.value = f.connectionName;
    this.parts.fill(inv, f);
    this.vnet.setChoices(inv.virtualNetworks.map((v) => ({ value: v.id, label: `${v.name} (${v.resourceGroup}, ${v.location})` })), f.virtualNetworkId);
    this.fillSubnets();
    const zoneChoices: Choice[] = inv.zones.filter((z) => z.name === registryZoneName).map((z) => ({ value: z.id, label: l10n.t('{0} in {1}', z.name, z.resourceGroup) }));
    this.zone.setChoices([{ value: NEW_ZONE, label: l10n.t('(new) {0}', registryZoneName) }, ...zoneChoices], f.zoneMode === 'new' ? NEW_ZONE : f.privateDnsZoneId);
    this.fillZoneGroups();
    this.link.control.value = f.linkName;
  }

  private fillSubnets(): void {
    if (!this.inventory || !this.form) return;
    const id = this.form.virtualNetworkId.toLowerCase();
    const chosen = this.inventory.virtualNetworks.find((v) => v.id.toLowerCase() === id);
    this.subnet.setChoices(
      (chosen?.subnets ?? []).map((s) => ({
        value: s.name,
        label: l10n.t('{0} ({1}, {2}, network policies {3}{4})', s.name, s.addressPrefix, freeText(s.freeIpCount), s.privateEndpointNetworkPolicies, s.delegated ? l10n.t(', delegated') : ''),
      })),
      this.form.subnetName,
    );
  }

  private fillZoneGroups(): void {
    if (!this.inventory || !this.form) return;
    const names = this.inventory.resourceGroups.map((g) => g.name);
    if (this.form.createResourceGroup && this.form.resourceGroup && !names.includes(this.form.resourceGroup)) names.push(this.form.resourceGroup);
    this.zoneGroup.setChoices(names.map((n) => ({ value: n, label: n })), this.form.zoneResourceGroup);
  }

  // ---- validation as you type

  update(): void {
    const inventory = this.inventory;
    const f = this.form;
    if (!inventory || !f) {
      this.fields.hidden = true;
      return;
    }
    this.fields.hidden = false;
    if (this.lastVnet !== f.virtualNetworkId) {
      this.lastVnet = f.virtualNetworkId;
      this.fillSubnets();
      this.parts.virtualNetworkShown?.(f);
    }
    if (this.lastCreateGroup !== f.createResourceGroup) {
      this.lastCreateGroup = f.createResourceGroup;
      this.fillZoneGroups();
    }
    this.newGroup.control.checked = f.createResourceGroup;
    this.groupSelect.wrapper.hidden = f.createResourceGroup;
    this.groupName.wrapper.hidden = !f.createResourceGroup;
    this.policies.control.checked = f.disableSubnetPolicies;
    this.provider.control.checked = f.registerProvider;
    this.provider.wrapper.hidden = inventory.providerRegistrationState === 'Registered';
    this.integrate.control.checked = f.privateDnsIntegration;
    this.zone.wrapper.hidden = !f.privateDnsIntegration;
    this.zoneGroup.wrapper.hidden = !f.privateDnsIntegration || f.zoneMode !== 'new';
    const chosenZone = inventory.zones.find((z) => z.id === f.privateDnsZoneId);
    const linked = f.zoneMode === 'existing' && chosenZone?.linkedVirtualNetworkIds.some((id) => id.toLowerCase() === f.virtualNetworkId.toLowerCase());
    this.link.wrapper.hidden = !f.privateDnsIntegration || linked === true;

    const validation = this.validate(f, inventory);
    const shown = (field: Extract<keyof Form, string>): boolean => this.showAllErrors || this.touched.has(field) || this.parts.alwaysShown.includes(field);
    for (const [field, target] of Object.entries({ ...this.errorTargets(), ...this.parts.errorTargets }) as [Extract<keyof Form, string>, ErrorTarget][]) {
      target.setError(shown(field) ? validation.errors[field] : undefined);
    }
    (f.createResourceGroup ? this.groupName : this.groupSelect).setError(shown('resourceGroup' as Extract<keyof Form, string>) ? validation.errors.resourceGroup : undefined);
    (f.createResourceGroup ? this.groupSelect : this.groupName).setError(undefined);
    this.integrate.setError(validation.notes.privateDnsIntegration);
    this.parts.update(f, inventory, validation, shown);
    this.submit.disabled = !validation.valid || this.run?.status === 'running';
    this.summary.textContent = this.summaryText(validation.valid, Object.keys(validation.errors).length);
  }

  /** Where the errors of the shared fields show (the resource group's shows by itself). */
  private errorTargets(): Partial<Record<keyof NetworkForm, ErrorTarget>> {
    return {
      subscriptionId: this.subscription,
      connectionName: this.connection,
      virtualNetworkId: this.vnet,
      subnetName: this.subnet,
      disableSubnetPolicies: this.policies,
      registerProvider: this.provider,
      privateDnsZoneId: this.zone,
      zoneResourceGroup: this.zoneGroup,
      linkName: this.link,
    };
  }

  /** The line beside "Create": what the form is waiting for, or what the run under it did. */
  private summaryText(valid: boolean, errorCount: number): string {
    const status = this.run?.status;
    if (status === 'running') return this.parts.summary.running;
    if (status === 'succeeded') return this.parts.summary.succeeded;
    if (!valid) return this.parts.summary.fieldsToCorrect(errorCount);
    return status === 'failed' || status === 'cancelled' ? l10n.t('Ready to try again: the last run is below.') : l10n.t('Ready to create.');
  }

  // ---- messages from the extension

  private async showRun(): Promise<void> {
    const run = this.run;
    this.runArea.hidden = run === undefined;
    if (!run) return;
    this.runView ??= import('./runView');
    const { renderRun } = await this.runView;
    const locked = run.status === 'running' || run.status === 'succeeded';
    // Focus in what is replaced or locked here would drop to the page's body, and a keyboard user would
    // start again from the top: it goes to the same button in the new view, or else to the headline.
    const focusedId = hasFocusIn(this.runArea) ? document.activeElement?.id : undefined;
    const refocus = focusedId !== undefined || (locked && hasFocusIn(this.fields));
    const actions = { cancel: () => this.post({ type: 'cancel' }), cleanUp: () => this.post({ type: 'cleanUp' }), again: () => this.startOver() };
    this.runArea.replaceChildren(renderRun(run, actions, this.parts.headline, this.parts.afterSteps?.(run)));
    this.fields.inert = locked;
    await defineComponentsIn(this.runArea);
    if (!refocus) return;
    const same = focusedId ? document.getElementById(focusedId) : null;
    (same && this.runArea.contains(same) ? same : this.runArea.querySelector<HTMLElement>('#run-status'))?.focus();
  }

  /**
   * "Start a new form": the page forgets the finished run and its draft itself; otherwise the draft
   * (same subscription) would win over the fresh defaults and the fields would stay locked.
   */
  private startOver(): void {
    this.focusFormWhenShown = hasFocusIn(this.runArea);
    this.run = undefined;
    this.form = undefined;
    this.parts.startOver?.();
    this.touched.clear();
    this.showAllErrors = false;
    this.save();
    this.runArea.hidden = true;
    this.fields.inert = false;
    this.update();
    this.post({ type: 'newForm' });
  }

  private async receive(m: RunExtensionMessage<Inventory, Form, Run> | In): Promise<void> {
    const message = m as RunExtensionMessage<Inventory, Form, Run>;
    switch (message.type) {
      case 'loading':
        this.loading.hidden = false;
        this.loading.lastElementChild!.textContent = message.label;
        break;
      case 'inventory':
        this.parts.prepare?.(message.inventory);
        // The form is about to show: its components first, so values go to upgraded elements.
        await defineComponentsIn(this.fields);
        this.loading.hidden = true;
        this.errorBanner.hidden = true;
        this.inventory = message.inventory;
        // A draft for this subscription wins over the extension's defaults.
        this.form = this.form && this.form.subscriptionId === message.inventory.subscriptionId ? this.form : message.form;
        if (this.run === undefined) this.fields.inert = false;
        this.lastVnet = undefined;
        this.lastCreateGroup = undefined;
        this.fillChoices();
        this.save();
        this.parts.shown?.();
        break;
      case 'run':
        this.run = message.run;
        if (message.run.status === 'running') this.errorBanner.hidden = true;
        await this.showRun();
        break;
      case 'error':
        this.showError(message.message);
        break;
      default:
        this.parts.receive?.(m as In);
    }
    this.update();
    if (this.focusFormWhenShown && !this.fields.hidden && !this.fields.inert) {
      this.focusFormWhenShown = false;
      this.subscription.control.focus();
    }
  }

  private showError(text: string): void {
    this.loading.hidden = true;
    this.errorBanner.textContent = text;
    this.errorBanner.hidden = false;
  }
}
