// The create-registry-with-private-endpoint form: one panel at a time. It reads the subscription's
// inventory and regions, answers the page's (debounced) name checks with Azure's checkNameAvailability,
// checks the name again itself and re-validates every form the page sends, runs the plan step by step
// with its progress on the page and offers clean-up after a failure (the shared run controller, as the
// create-endpoint form), and at the end reads the new registry through the registry store and shows
// the check's verdict on the page (the tree's subscription is read again, so the registry appears
// there too).
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { resourceName } from '../../model/armId';
import { defaultCreateRegistryForm, registryIdOf, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from '../../provisioning/createRegistryForm';
import { planCreateRegistry } from '../../provisioning/planCreateRegistry';
import { validateCreateRegistry } from '../../provisioning/validateCreateRegistry';
import { registryNameProblem } from '../../provisioning/namingRules';
import type { ProvisioningPlan, RunResult } from '../../provisioning/steps';
import { isSubscriptionNode } from '../../tree/nodes/kinds';
import { createRegistryStateElementId, parseCreateRegistryMessage, parseCreateRegistryPersisted, type CreateRegistryPersisted, type NameCheckMessage, type RegistryRunView } from './createRegistryProtocol';
import { OpenFormPanel } from './formPanel';
import { messageOf, requireValid } from './formRunController';
import { checkView } from './registryCheckView';
import { RunFormPanel } from './runFormPanel';
import type { RunView } from './runProtocol';

export const createRegistryViewType = 'acrPrivateLink.createRegistry';

export class CreateRegistryPanel extends RunFormPanel<CreateRegistryPersisted, CreateRegistryInventory, CreateRegistryForm, RegistryRunView, NameCheckMessage> {
  /** The name check under way: a newer one aborts it, so only the latest answer reaches the page. */
  private checking: AbortController | undefined;
  /** The last name check sent to the page. */
  private lastCheck: RegistryNameCheck | undefined;

  /** The one open form of this kind: `createOrShow` from its command, `revive` from the serializer. */
  static readonly panels = new OpenFormPanel<CreateRegistryPanel, CreateRegistryPersisted>({
    viewType: createRegistryViewType,
    get title() {
      return vscode.l10n.t('Create registry with private endpoint');
    },
    script: 'createRegistry.js',
    stateElementId: createRegistryStateElementId,
    parse: parseCreateRegistryPersisted,
    keeps: (existing, target) => existing.isRunning() || existing.target.subscriptionId.toLowerCase() === target.subscriptionId.toLowerCase(),
    make: (services, panel, target) => new CreateRegistryPanel(services, panel, target),
  });

  private constructor(services: Services, panel: vscode.WebviewPanel, target: CreateRegistryPersisted) {
    super(CreateRegistryPanel.panels, services, panel, target);
  }

  override receive(data: unknown): Promise<void> {
    const message = parseCreateRegistryMessage(data);
    return message?.type === 'checkName' ? this.checkName(message.name) : this.form.receive(message, data);
  }

  loadingLabel(): string {
    return vscode.l10n.t('Reading subscriptions, resource groups, regions, virtual networks and zones…');
  }

  async readInventory(subscriptionId: string): Promise<CreateRegistryInventory> {
    await this.services.session.requireReady();
    return this.services.session.getServices().provisioning.loadCreateRegistryInventory(subscriptionId);
  }

  defaultForm(inventory: CreateRegistryInventory): CreateRegistryForm {
    return defaultCreateRegistryForm(inventory);
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

  /** Validation again, with a name check of its own besides the inventory: the page's verdict is never trusted. */
  async plan(form: CreateRegistryForm, inventory: CreateRegistryInventory): Promise<ProvisioningPlan> {
    const check = registryNameProblem(form.registryName) ? undefined : await this.askAzure(form.registryName);
    if (check) this.sendCheck(check);
    requireValid(validateCreateRegistry(form, inventory, check));
    return planCreateRegistry(form, inventory, check);
  }

  startView(form: CreateRegistryForm, view: RunView): RegistryRunView {
    return { ...view, registryName: form.registryName };
  }

  subject(form: CreateRegistryForm): string {
    return form.registryName;
  }

  /** The subscription's node in the tree is read again, so a new registry (or one removed) shows. */
  private async refreshSubscriptionInTree(subscriptionId: string): Promise<void> {
    try {
      const roots = await this.services.tree.rootNodes();
      const node = roots.find((n) => isSubscriptionNode(n) && n.subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
      this.services.tree.refresh(node);
    } catch (e) {
      this.services.log.warn(vscode.l10n.t('Could not refresh the tree: {0}', messageOf(e)));
    }
  }

  async settled(form: CreateRegistryForm, result: RunResult): Promise<void> {
    await this.refreshSubscriptionInTree(form.subscriptionId);
    if (result.status === 'succeeded') await this.checkNewRegistry(registryIdOf(form));
  }

  /** The check the tree's badge shows, on a complete read of the new registry, and its verdict on the page. */
  private async checkNewRegistry(registryId: string): Promise<void> {
    const run = this.form.run;
    if (!run) return;
    try {
      const entry = await this.services.store.reread(registryId, { complete: true, everything: true });
      run.check = checkView(entry.registry.name, entry.diagnosis);
    } catch (e) {
      run.check = { verdict: 'unknown', summary: vscode.l10n.t('Could not check {0}: {1}', resourceName(registryId), messageOf(e)), lines: [] };
    }
    this.form.postRun();
    if (run.check.verdict === 'healthy') void vscode.window.showInformationMessage(run.check.summary);
    else void vscode.window.showWarningMessage(run.check.summary);
  }

  cleanedUp(): Promise<void> {
    return this.refreshSubscriptionInTree(this.target.subscriptionId);
  }

  lastNameCheck(): RegistryNameCheck | undefined {
    return this.lastCheck;
  }

  override dispose(): void {
    this.checking?.abort();
    super.dispose();
  }
}
