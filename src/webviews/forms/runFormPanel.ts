// A form panel that runs a provisioning plan (create endpoint, create registry): the shared run
// controller with the workbench behind it — the page, the log, the Azure layer, the Azure CLI
// document beside the form and the clean-up notification. Each form adds its inventory, its plan and
// what follows a run.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { ProvisioningApi } from '../../provisioning/api';
import type { ProvisioningPlan, RunResult } from '../../provisioning/steps';
import { FormPanel, type OpenFormPanel } from './formPanel';
import { FormRunController, type RunFormHost, type RunFormTarget, type RunJournal } from './formRunController';
import { runJournal } from '../../session/runJournal';
import type { RunExtensionMessage, RunView } from './runProtocol';

/** `Own`: the messages to the page that only this form sends. */
export abstract class RunFormPanel<
    Target extends RunFormTarget<Form>,
    Inventory extends { subscriptionId: string },
    Form extends { subscriptionId: string },
    Run extends RunView,
    Own extends { type: string } = never,
  >
  extends FormPanel<Target>
  implements RunFormHost<Inventory, Form, Run>
{
  protected readonly form: FormRunController<Inventory, Form, Run>;
  readonly log: vscode.LogOutputChannel;
  readonly journal: RunJournal;

  protected constructor(open: OpenFormPanel<FormPanel<Target>, Target>, services: Services, panel: vscode.WebviewPanel, target: Target) {
    super(open, services, panel, target);
    this.log = services.log;
    this.journal = runJournal(services.context.globalState);
    this.form = new FormRunController<Inventory, Form, Run>(this, target);
  }

  abstract loadingLabel(): string;
  abstract readInventory(subscriptionId: string): Promise<Inventory>;
  abstract defaultForm(inventory: Inventory): Form;
  abstract plan(form: Form, inventory: Inventory): ProvisioningPlan | Promise<ProvisioningPlan>;
  abstract startView(form: Form, view: RunView): Run;
  abstract subject(form: Form): string;
  abstract settled(form: Form, result: RunResult): Promise<void>;
  abstract cleanedUp(): Promise<void>;

  post(message: RunExtensionMessage<Inventory, Form, Run> | Own): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  provisioning(): Pick<ProvisioningApi, 'run' | 'cleanUp'> {
    return this.services.session.getServices().provisioning;
  }

  async showCli(script: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  async askCleanUp(message: string): Promise<boolean> {
    const cleanUp = vscode.l10n.t('Clean Up');
    return (await vscode.window.showWarningMessage(message, cleanUp, vscode.l10n.t('Keep'))) === cleanUp;
  }

  protected override sessionChanged(): void {
    this.form.loadMissingInventory();
  }

  /** Whether a run is under way (a panel running one is revealed, never replaced). */
  isRunning(): boolean {
    return this.form.isRunning;
  }

  /** Resolves when the current run (if any) has finished, what follows it included; tests wait on it instead of sleeping. */
  whenFinished(): Promise<void> {
    return this.form.whenFinished();
  }

  /** The inventory the form was last filled from (tests build their forms on it). */
  currentInventory(): Inventory | undefined {
    return this.form.inventory;
  }

  lastRun(): Run | undefined {
    return this.form.run;
  }

  lastResult(): RunResult | undefined {
    return this.form.lastResult;
  }

  override dispose(): void {
    this.form.dispose();
    super.dispose();
  }
}
