// The create-private-endpoint form: one panel at a time. It reads the pickers' inventory from Azure,
// re-validates every form the page sends against that inventory, runs the plan step by step with its
// progress on the page, offers clean-up after a failure (the shared run controller), and at the end
// reads the registry again through the registry store (the tree and an open status panel follow) and
// reveals the endpoint in the tree. When the store reads the registry again for another reason, the
// inventory is read again. The page keeps the draft with setState, so a reload loses no typing.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { parseResourceId } from '../../model/armId';
import type { CreateEndpointForm, CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import { defaultCreateEndpointForm } from '../../provisioning/createEndpointForm';
import { planCreateEndpoint } from '../../provisioning/planCreateEndpoint';
import type { ProvisioningPlan, RunResult } from '../../provisioning/steps';
import { validateCreateEndpoint } from '../../provisioning/validateCreateEndpoint';
import { createEndpointStateElementId, parseCreateEndpointMessage, parseCreateEndpointPersisted, type CreateEndpointPersisted } from './createEndpointProtocol';
import { OpenFormPanel } from './formPanel';
import { messageOf, requireValid } from './formRunController';
import { revealPrivateEndpoint } from './revealEndpoint';
import { RunFormPanel } from './runFormPanel';
import type { RunView } from './runProtocol';
import type { RegistryChange } from '../../state/registryStore';

export const createEndpointViewType = 'acrPrivateLink.createEndpoint';

export class CreateEndpointPanel extends RunFormPanel<CreateEndpointPersisted, CreateEndpointInventory, CreateEndpointForm, RunView> {
  /** The one open form of this kind: `createOrShow` from its command, `revive` from the serializer. */
  static readonly panels = new OpenFormPanel<CreateEndpointPanel, CreateEndpointPersisted>({
    viewType: createEndpointViewType,
    get title() {
      return vscode.l10n.t('Create private endpoint');
    },
    script: 'createEndpoint.js',
    stateElementId: createEndpointStateElementId,
    parse: parseCreateEndpointPersisted,
    keeps: (existing, target) => existing.isRunning() || existing.target.registryId.toLowerCase() === target.registryId.toLowerCase(),
    make: (services, panel, target) => new CreateEndpointPanel(services, panel, target),
  });

  private constructor(services: Services, panel: vscode.WebviewPanel, target: CreateEndpointPersisted) {
    super(CreateEndpointPanel.panels, services, panel, target);
    this.disposables.push(services.store.onDidChangeRegistry(target.registryId, (change) => this.storeChanged(change)));
  }

  /**
   * The registry was read again (a write or a refresh elsewhere) while the form is being filled in:
   * its endpoints may have changed, so the pickers' inventory is read again. The page keeps what the
   * person typed. A run's outcome stays on screen as it is.
   */
  private storeChanged(change: RegistryChange): void {
    if (change.reason === 'reread') this.form.reloadInventory();
  }

  override receive(data: unknown): Promise<void> {
    return this.form.receive(parseCreateEndpointMessage(data), data);
  }

  loadingLabel(): string {
    return vscode.l10n.t('Reading subscriptions, resource groups, registries, virtual networks and zones…');
  }

  async readInventory(subscriptionId: string): Promise<CreateEndpointInventory> {
    await this.services.session.requireReady();
    return this.services.session.getServices().provisioning.loadCreateEndpointInventory(subscriptionId, [this.target.registryId]);
  }

  defaultForm(inventory: CreateEndpointInventory): CreateEndpointForm {
    return defaultCreateEndpointForm(inventory, this.target.registryId);
  }

  plan(form: CreateEndpointForm, inventory: CreateEndpointInventory): ProvisioningPlan {
    requireValid(validateCreateEndpoint(form, inventory));
    return planCreateEndpoint(form, inventory);
  }

  startView(_form: CreateEndpointForm, view: RunView): RunView {
    return view;
  }

  subject(form: CreateEndpointForm): string {
    return form.name;
  }

  async settled(form: CreateEndpointForm, result: RunResult): Promise<void> {
    if (result.status === 'succeeded' && result.privateEndpointId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Private endpoint {0} is ready.', form.name));
      await revealPrivateEndpoint(this.services, form.registryId, result.privateEndpointId).catch((e: unknown) =>
        this.services.log.warn(vscode.l10n.t('Could not reveal the new endpoint in the tree: {0}', messageOf(e))),
      );
      return;
    }
    await this.services.store.reread(form.registryId).catch((e: unknown) => this.services.log.warn(vscode.l10n.t('Could not read {0} again: {1}', form.registryId, messageOf(e))));
  }

  async cleanedUp(): Promise<void> {
    await this.services.store.reread(this.target.registryId);
  }

  subscriptionOfTarget(): string {
    return parseResourceId(this.target.registryId).subscriptionId;
  }
}
