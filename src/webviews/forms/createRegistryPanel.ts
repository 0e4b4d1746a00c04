// The create-registry-with-private-endpoint form: one panel at a time. It reads the subscription's
// inventory and regions, answers the page's (debounced) name checks with Azure's checkNameAvailability,
// checks the name again itself and re-validates every form the page sends, runs the plan step by step
// with its progress on the page (the create-endpoint form's steps view), offers clean-up after a
// failure, and at the end reads the new registry through the registry store and shows the check's
// verdict on the page (the tree's subscription is read again, so the registry appears there too).
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { resourceName } from '../../model/armId';
import { defaultCreateRegistryForm, registryIdOf, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from '../../provisioning/createRegistryForm';
import { planCreateRegistry } from '../../provisioning/planCreateRegistry';
import { validateCreateRegistry } from '../../provisioning/validateCreateRegistry';
import { registryNameProblem } from '../../provisioning/namingRules';
import { renderAzureCli } from '../../provisioning/azureCli';
import { describeCreated, describeStep, type CreatedResource, type ProvisioningPlan, type RunResult } from '../../provisioning/steps';
import { isSubscriptionNode } from '../../tree/nodes/kinds';
import {
  createRegistryStateElementId,
  parseCreateRegistryMessage,
  type CreateRegistryExtensionMessage,
  type CreateRegistryPersisted,
  type CreateRegistryWebviewMessage,
  type RegistryRunView,
} from './createRegistryProtocol';
import { FormPanel, OpenFormPanel } from './formPanel';
import { checkView } from './registryCheckView';

export const createRegistryViewType = 'acrPrivateLink.createRegistry';

const loadingLabel = (): string => vscode.l10n.t('Reading subscriptions, resource groups, regions, virtual networks and zones…');

const openPanel = new OpenFormPanel<CreateRegistryPanel>({
  viewType: createRegistryViewType,
  title: vscode.l10n.t('Create registry with private endpoint'),
  script: 'createRegistry.js',
  stateElementId: createRegistryStateElementId,
});

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class CreateRegistryPanel extends FormPanel<CreateRegistryPersisted> {
  private inventory: CreateRegistryInventory | undefined;
  private loading: Promise<void> | undefined;
  private inventoryLoading = false;
  private run: RegistryRunView | undefined;
  private result: RunResult | undefined;
  private running: AbortController | undefined;
  private finished: Promise<void> = Promise.resolve();
  /** The name check under way: a newer one aborts it, so only the latest answer reaches the page. */
  private checking: AbortController | undefined;
  /** The last name check sent to the page. */
  private lastCheck: RegistryNameCheck | undefined;

  static createOrShow(services: Services, target: CreateRegistryPersisted): CreateRegistryPanel {
    return openPanel.createOrShow(
      services,
      (existing) => existing.running !== undefined || existing.target.subscriptionId.toLowerCase() === target.subscriptionId.toLowerCase(),
      (panel) => new CreateRegistryPanel(services, panel, target),
    );
  }

  static revive(services: Services, panel: vscode.WebviewPanel, target: CreateRegistryPersisted): CreateRegistryPanel {
    return openPanel.revive(services, panel, () => new CreateRegistryPanel(services, panel, target));
  }

  /** The open form, if any (tests drive it through `receive`). */
  static get open(): CreateRegistryPanel | undefined {
    return openPanel.current;
  }

  private constructor(services: Services, panel: vscode.WebviewPanel, target: CreateRegistryPersisted) {
    super(openPanel, services, panel, target);
    this.loading = this.loadInventory(target.subscriptionId);
  }

  private post(message: CreateRegistryExtensionMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async loadInventory(subscriptionId: string): Promise<void> {
    this.inventoryLoading = true;
    this.post({ type: 'loading', label: loadingLabel() });
    try {
      await this.services.session.requireReady();
      this.inventory = await this.services.session.getServices().provisioning.loadCreateRegistryInventory(subscriptionId);
      this.target.subscriptionId = subscriptionId;
      this.sendInventory();
    } catch (e) {
      this.fail(vscode.l10n.t('Could not read the inventory'), e);
    } finally {
      this.inventoryLoading = false;
    }
  }

  private loadMissingInventory(): void {
    if (!this.inventory && !this.inventoryLoading) this.loading = this.loadInventory(this.target.subscriptionId);
  }

  protected override sessionChanged(): void {
    this.loadMissingInventory();
  }

  private sendInventory(): void {
    if (!this.inventory) return;
    const draft = this.target.draft && this.target.draft.subscriptionId === this.inventory.subscriptionId ? this.target.draft : defaultCreateRegistryForm(this.inventory);
    this.post({ type: 'inventory', inventory: this.inventory, form: draft });
    if (this.run) this.post({ type: 'run', run: this.run });
  }

  private fail(what: string, e: unknown): void {
    const message = `${what}: ${messageOf(e)}`;
    this.services.log.error(`Create registry with private endpoint: ${message}`);
    this.post({ type: 'error', message });
  }

  override async receive(data: unknown): Promise<void> {
    const message = parseCreateRegistryMessage(data);
    if (!message) {
      this.services.log.warn(`Create registry with private endpoint: ignored a message it does not know: ${JSON.stringify(data)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.fail(message.type, e);
    }
  }

  private async handle(message: CreateRegistryWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.inventoryLoading) this.post({ type: 'loading', label: loadingLabel() });
        this.loadMissingInventory();
        await this.loading;
        this.sendInventory();
        return;
      case 'changeSubscription':
        if (this.running) throw new Error(vscode.l10n.t('Wait for the run to finish before changing the subscription.'));
        this.loading = this.loadInventory(message.subscriptionId);
        return this.loading;
      case 'checkName':
        return this.checkName(message.name);
      case 'showCli': {
        const plan = await this.plan(message.form);
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

  /** Azure's answer for a name that follows the naming rule (one that does not is the page's to refuse). */
  private async askAzure(name: string, signal?: AbortSignal): Promise<RegistryNameCheck> {
    return this.services.session.getServices().provisioning.checkRegistryName(this.target.subscriptionId, name, signal ? { signal } : {});
  }

  private async checkName(name: string): Promise<void> {
    if (registryNameProblem(name)) return;
    this.checking?.abort();
    const controller = new AbortController();
    this.checking = controller;
    try {
      const check = await this.askAzure(name, controller.signal);
      if (!controller.signal.aborted) this.sendCheck(check);
    } catch (e) {
      if (!controller.signal.aborted) this.sendCheck({ name, error: messageOf(e) });
    } finally {
      if (this.checking === controller) this.checking = undefined;
    }
  }

  private sendCheck(check: RegistryNameCheck): void {
    this.lastCheck = check;
    this.post({ type: 'nameCheck', check });
  }

  /** Validation again, on the extension's inventory and a name check of its own: the page's verdict is never trusted. */
  private async plan(form: CreateRegistryForm): Promise<ProvisioningPlan> {
    await this.loading;
    if (!this.inventory) throw new Error(vscode.l10n.t('The inventory has not been read yet.'));
    const check = registryNameProblem(form.registryName) ? undefined : await this.askAzure(form.registryName);
    if (check) this.sendCheck(check);
    const validation = validateCreateRegistry(form, this.inventory, check);
    if (!validation.valid) throw new Error(vscode.l10n.t('Not submitted: {0}', Object.values(validation.errors).join(' ')));
    return planCreateRegistry(form, this.inventory, check);
  }

  private async submit(form: CreateRegistryForm): Promise<void> {
    if (this.running) throw new Error(vscode.l10n.t('A run is already in progress.'));
    const plan = await this.plan(form);
    this.target.draft = form;
    const controller = new AbortController();
    this.running = controller;
    const run: RegistryRunView = { status: 'running', steps: plan.steps.map((s) => ({ title: describeStep(s), status: 'pending' })), created: [], registryName: form.registryName };
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

  /** The subscription's node in the tree is read again, so a new registry (or one removed) shows. */
  private async refreshSubscriptionInTree(subscriptionId: string): Promise<void> {
    const roots = await this.services.tree.rootNodes();
    const node = roots.find((n) => isSubscriptionNode(n) && n.subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    this.services.tree.refresh(node);
  }

  private async afterRun(form: CreateRegistryForm, result: RunResult): Promise<void> {
    await this.refreshSubscriptionInTree(form.subscriptionId).catch((e: unknown) => this.services.log.warn(`Could not refresh the tree: ${messageOf(e)}`));
    if (result.status === 'succeeded') {
      await this.checkNewRegistry(registryIdOf(form));
      return;
    }
    if (result.created.length === 0) return;
    const what = result.created.map(describeCreated).join(', ');
    const cleanUp = vscode.l10n.t('Clean Up');
    const message =
      result.status === 'cancelled'
        ? vscode.l10n.t('Creating {0} was cancelled. This run created: {1}.', form.registryName, what)
        : vscode.l10n.t('Creating {0} failed. This run created: {1}.', form.registryName, what);
    void vscode.window
      .showWarningMessage(message, cleanUp, vscode.l10n.t('Keep'))
      .then((choice) => (choice === cleanUp ? this.cleanUp() : undefined))
      .then(undefined, (e: unknown) => this.fail(vscode.l10n.t('Clean-up'), e));
  }

  /** The check the tree's badge shows, on a complete read of the new registry, and its verdict on the page. */
  private async checkNewRegistry(registryId: string): Promise<void> {
    if (!this.run) return;
    try {
      const entry = await this.services.store.reread(registryId, { complete: true, everything: true });
      this.run.check = checkView(entry.registry.name, entry.diagnosis);
    } catch (e) {
      this.run.check = { verdict: 'unknown', summary: vscode.l10n.t('Could not check {0}: {1}', resourceName(registryId), messageOf(e)), lines: [] };
    }
    this.post({ type: 'run', run: this.run });
    const check = this.run.check;
    if (check.verdict === 'healthy') void vscode.window.showInformationMessage(check.summary);
    else void vscode.window.showWarningMessage(check.summary);
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
    await this.refreshSubscriptionInTree(this.target.subscriptionId).catch((e: unknown) => this.services.log.warn(`Could not refresh the tree: ${messageOf(e)}`));
  }

  /** Resolves when the current run (if any) has finished, its check included; tests wait on it. */
  whenFinished(): Promise<void> {
    return this.finished;
  }

  currentInventory(): CreateRegistryInventory | undefined {
    return this.inventory;
  }

  lastNameCheck(): RegistryNameCheck | undefined {
    return this.lastCheck;
  }

  lastRun(): RegistryRunView | undefined {
    return this.run;
  }

  lastResult(): RunResult | undefined {
    return this.result;
  }

  override dispose(): void {
    this.running?.abort();
    this.checking?.abort();
    super.dispose();
  }
}
