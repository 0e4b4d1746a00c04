// The create-private-endpoint form: one panel at a time. It reads the pickers' inventory from Azure,
// re-validates every form the page sends against that inventory, runs the plan step by step with its
// progress on the page, offers clean-up after a failure, and at the end reads the registry again
// through the registry store (the tree and an open status panel follow) and reveals the endpoint in
// the tree. When the store reads the registry again for another reason, the inventory is read again. The page keeps the draft with setState, so a reload loses no typing.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { parseResourceId, resourceName } from '../../model/armId';
import type { CreateEndpointForm, CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import { defaultCreateEndpointForm } from '../../provisioning/createEndpointForm';
import { planCreateEndpoint } from '../../provisioning/planCreateEndpoint';
import { renderAzureCli } from '../../provisioning/azureCli';
import { describeCreated, describeStep, type CreatedResource, type ProvisioningPlan, type RunResult } from '../../provisioning/steps';
import { validateCreateEndpoint } from '../../provisioning/validateCreateEndpoint';
import {
  createEndpointStateElementId,
  parseCreateEndpointMessage,
  type CreateEndpointExtensionMessage,
  type CreateEndpointPersisted,
  type CreateEndpointWebviewMessage,
  type RunView,
} from './createEndpointProtocol';
import { FormPanel, OpenFormPanel } from './formPanel';
import { revealPrivateEndpoint } from './revealEndpoint';
import type { RegistryChange } from '../../state/registryStore';

export const createEndpointViewType = 'acrPrivateLink.createEndpoint';

const loadingLabel = (): string => vscode.l10n.t('Reading subscriptions, resource groups, registries, virtual networks and zones…');

const openPanel = new OpenFormPanel<CreateEndpointPanel>({
  viewType: createEndpointViewType,
  get title() {
    return vscode.l10n.t('Create private endpoint');
  },
  script: 'createEndpoint.js',
  stateElementId: createEndpointStateElementId,
});

export class CreateEndpointPanel extends FormPanel<CreateEndpointPersisted> {
  private inventory: CreateEndpointInventory | undefined;
  private loading: Promise<void> | undefined;
  private inventoryLoading = false;
  private run: RunView | undefined;
  private result: RunResult | undefined;
  private running: AbortController | undefined;
  private finished: Promise<void> = Promise.resolve();

  static createOrShow(services: Services, target: CreateEndpointPersisted): CreateEndpointPanel {
    return openPanel.createOrShow(
      services,
      (existing) => existing.running !== undefined || existing.target.registryId.toLowerCase() === target.registryId.toLowerCase(),
      (panel) => new CreateEndpointPanel(services, panel, target),
    );
  }

  static revive(services: Services, panel: vscode.WebviewPanel, target: CreateEndpointPersisted): CreateEndpointPanel {
    return openPanel.revive(services, panel, () => new CreateEndpointPanel(services, panel, target));
  }

  /** The open form, if any (tests drive it through `receive`). */
  static get open(): CreateEndpointPanel | undefined {
    return openPanel.current;
  }

  private constructor(services: Services, panel: vscode.WebviewPanel, target: CreateEndpointPersisted) {
    super(openPanel, services, panel, target);
    this.loading = this.loadInventory(target.subscriptionId);
    this.disposables.push(services.store.onDidChangeRegistry(target.registryId, (change) => this.storeChanged(change)));
  }

  /**
   * The registry was read again (a write or a refresh elsewhere) while the form is being filled in:
   * its endpoints may have changed, so the pickers' inventory is read again. The page keeps what the
   * person typed. A run's outcome stays on screen as it is.
   */
  private storeChanged(change: RegistryChange): void {
    if (this.running || this.run || change.reason !== 'reread') return;
    this.loading = this.loadInventory(this.target.subscriptionId);
  }

  private post(message: CreateEndpointExtensionMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async loadInventory(subscriptionId: string): Promise<void> {
    this.inventoryLoading = true;
    this.post({ type: 'loading', label: loadingLabel() });
    try {
      await this.services.session.requireReady();
      this.inventory = await this.services.session.getServices().provisioning.loadCreateEndpointInventory(subscriptionId, [this.target.registryId]);
      this.target.subscriptionId = subscriptionId;
      this.sendInventory();
    } catch (e) {
      this.fail(vscode.l10n.t('Could not read the inventory'), e);
    } finally {
      this.inventoryLoading = false;
    }
  }

  /** A form that could not read its inventory (revived before Azure could answer) tries again. */
  private loadMissingInventory(): void {
    if (!this.inventory && !this.inventoryLoading) this.loading = this.loadInventory(this.target.subscriptionId);
  }

  protected override sessionChanged(): void {
    this.loadMissingInventory();
  }

  private sendInventory(): void {
    if (!this.inventory) return;
    const fallback = defaultCreateEndpointForm(this.inventory, this.target.registryId);
    const draft = this.target.draft && this.target.draft.subscriptionId === this.inventory.subscriptionId ? this.target.draft : fallback;
    this.post({ type: 'inventory', inventory: this.inventory, form: draft });
    if (this.run) this.post({ type: 'run', run: this.run });
  }

  private fail(what: string, e: unknown): void {
    const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    this.services.log.error(vscode.l10n.t('Create private endpoint: {0}', message));
    this.post({ type: 'error', message });
  }

  /** Every message from the page goes through here; unknown or malformed ones are dropped and logged. */
  override async receive(data: unknown): Promise<void> {
    const message = parseCreateEndpointMessage(data);
    if (!message) {
      this.services.log.warn(vscode.l10n.t('Create private endpoint: ignored a message it does not know: {0}', JSON.stringify(data)?.slice(0, 200)));
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.fail(message.type, e);
    }
  }

  private async handle(message: CreateEndpointWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // What was posted before the page listened is lost: say again that it is loading, or load.
        if (this.inventoryLoading) this.post({ type: 'loading', label: loadingLabel() });
        this.loadMissingInventory();
        await this.loading;
        this.sendInventory();
        return;
      case 'changeSubscription':
        if (this.running) throw new Error(vscode.l10n.t('Wait for the run to finish before changing the subscription.'));
        this.loading = this.loadInventory(message.subscriptionId);
        return this.loading;
      case 'showCli': {
        const plan = this.plan(message.form);
        const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: renderAzureCli(plan) });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'submit':
        return this.submit(message.form);
      case 'cancel':
        this.running?.abort();
        return;
      case 'cleanUp':
        return this.cleanUp();
      case 'newForm':
        if (this.running) return;
        this.run = undefined;
        this.result = undefined;
        this.target.draft = undefined;
        this.loading = this.loadInventory(this.target.subscriptionId);
        return this.loading;
    }
  }

  /** Validation again, on the extension's own inventory: the page's verdict is never trusted. */
  private plan(form: CreateEndpointForm): ProvisioningPlan {
    if (!this.inventory) throw new Error(vscode.l10n.t('The inventory has not been read yet.'));
    const validation = validateCreateEndpoint(form, this.inventory);
    if (!validation.valid) throw new Error(`Not submitted: ${Object.values(validation.errors).join(' ')}`);
    return planCreateEndpoint(form, this.inventory);
  }

  private async submit(form: CreateEndpointForm): Promise<void> {
    // An inventory being read again (the registry changed meanwhile) is the one to validate against.
    await this.loading;
    if (this.running) throw new Error(vscode.l10n.t('A run is already in progress.'));
    const plan = this.plan(form);
    this.target.draft = form;
    const controller = new AbortController();
    this.running = controller;
    const run: RunView = { status: 'running', steps: plan.steps.map((s) => ({ title: describeStep(s), status: 'pending' })), created: [] };
    this.run = run;
    this.post({ type: 'run', run });
    let done!: () => void;
    this.finished = new Promise((resolve) => (done = resolve));
    try {
      const result = await this.services.session.getServices().provisioning.run(plan, {
        signal: controller.signal,
        onProgress: (o) => {
          const step = run.steps[o.index];
          if (step) {
            step.status = o.status;
            if (o.message !== undefined) step.message = o.message;
          }
          run.created.push(...o.created.map(describeCreated));
          this.post({ type: 'run', run });
        },
      });
      this.result = result;
      run.status = result.status;
      if (result.privateEndpointId) run.privateEndpointName = resourceName(result.privateEndpointId);
      this.post({ type: 'run', run });
      await this.afterRun(form, result);
    } finally {
      this.running = undefined;
      done();
    }
  }

  private async afterRun(form: CreateEndpointForm, result: RunResult): Promise<void> {
    if (result.status === 'succeeded' && result.privateEndpointId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Private endpoint {0} is ready.', form.name));
      await revealPrivateEndpoint(this.services, form.registryId, result.privateEndpointId).catch((e: unknown) =>
        this.services.log.warn(vscode.l10n.t('Could not reveal the new endpoint in the tree: {0}', e instanceof Error ? e.message : String(e))),
      );
      return;
    }
    await this.services.store.reread(form.registryId).catch((e: unknown) => this.services.log.warn(vscode.l10n.t('Could not read {0} again: {1}', form.registryId, e instanceof Error ? e.message : String(e))));
    if (result.created.length === 0) return;
    const what = result.created.map(describeCreated).join(', ');
    // Not awaited: the page offers the same clean-up, and the run is over either way.
    void vscode.window
      .showWarningMessage(result.status === 'cancelled' ? vscode.l10n.t('Creating {0} was cancelled. This run created: {1}.', form.name, what) : vscode.l10n.t('Creating {0} failed. This run created: {1}.', form.name, what), vscode.l10n.t('Clean Up'), vscode.l10n.t('Keep'))
      .then((choice) => (choice === vscode.l10n.t('Clean Up') ? this.cleanUp() : undefined))
      .then(undefined, (e: unknown) => this.fail('Clean-up', e));
  }

  /** Removes what the last run created (only that), newest first. */
  private async cleanUp(): Promise<void> {
    const created: CreatedResource[] = this.result?.created ?? [];
    if (!this.run || this.running || created.length === 0) return;
    const outcomes = await this.services.session.getServices().provisioning.cleanUp(created);
    this.run.cleanUp = outcomes.map((o) => `${describeCreated(o.resource)}: ${o.status}${o.message ? ` — ${o.message}` : ''}`);
    this.result = { ...(this.result as RunResult), created: outcomes.filter((o) => o.status === 'failed').map((o) => o.resource) };
    this.run.created = this.result.created.map(describeCreated);
    this.post({ type: 'run', run: this.run });
    await this.services.store.reread(this.target.registryId);
  }

  /** Resolves when the current run (if any) has finished; tests wait on it instead of sleeping. */
  whenFinished(): Promise<void> {
    return this.finished;
  }

  /** The inventory the form was last filled from (tests build their forms on it). */
  currentInventory(): CreateEndpointInventory | undefined {
    return this.inventory;
  }

  lastRun(): RunView | undefined {
    return this.run;
  }

  lastResult(): RunResult | undefined {
    return this.result;
  }

  subscriptionOfTarget(): string {
    return parseResourceId(this.target.registryId).subscriptionId;
  }

  override dispose(): void {
    this.running?.abort();
    super.dispose();
  }
}
