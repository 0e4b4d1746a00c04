// What the forms that run a provisioning plan (create endpoint, create registry) do alike, without
// `vscode` (the panel gives it the workbench through its host): read the pickers' inventory, answer
// the page's shared messages, validate every form again on the extension's own inventory, run the
// plan step by step with its progress on the page, offer clean-up after a run that failed or was
// cancelled having created something, clean up only what the run created, and open the plan as
// Azure CLI commands. Each form adds its inventory, its plan, and what follows a run.
import * as l10n from '@vscode/l10n';
import { resourceName } from '../../model/armId';
import type { CleanUpOutcome, ProvisioningApi } from '../../provisioning/api';
import { renderAzureCli } from '../../provisioning/azureCli';
import { describeCreated, describeStep, type ProvisioningPlan, type RunResult } from '../../provisioning/steps';
import type { RunExtensionMessage, RunView, RunWebviewMessage, StepView } from './runProtocol';

export interface RunFormHost<Inventory, Form, Run extends RunView> {
  /** The form's title: its lines in the log start with it. */
  readonly title: string;
  post(message: RunExtensionMessage<Inventory, Form, Run>): void;
  readonly log: { warn(message: string): void; error(message: string): void };
  /** What the page shows while the inventory is read. */
  loadingLabel(): string;
  /** Waits for the session, then reads the pickers' inventory of a subscription. */
  readInventory(subscriptionId: string): Promise<Inventory>;
  /** The form a fresh page starts from. */
  defaultForm(inventory: Inventory): Form;
  /** Validates the form again on the extension's inventory and plans it; throws, saying why, when it is not valid. */
  plan(form: Form, inventory: Inventory): ProvisioningPlan | Promise<ProvisioningPlan>;
  /** The run's view as the run starts: `view`, with what this form shows besides. */
  startView(form: Form, view: RunView): Run;
  provisioning(): Pick<ProvisioningApi, 'run' | 'cleanUp'>;
  /** What the run creates, as its notifications name it (the endpoint's or the registry's name). */
  subject(form: Form): string;
  /** After every run, before a clean-up is offered: what this form does next (the tree, the store, a check). */
  settled(form: Form, result: RunResult): Promise<void>;
  /** After a clean-up: the tree or the store read again. */
  cleanedUp(): Promise<void>;
  /** Opens the Azure CLI script beside the form. */
  showCli(script: string): Promise<void>;
  /** Says what a run left behind and asks whether to remove it: true for "Clean Up". */
  askCleanUp(message: string): PromiseLike<boolean>;
  /** Where a run under way is kept, step by step, so that after a reload it is reported, not forgotten. */
  readonly journal?: RunJournal;
}

/** A run under way as last reported: what a window reload would leave half done. */
export interface RunUnderWay {
  /** The form's title. */
  title: string;
  /** What the run creates (the endpoint's or the registry's name). */
  subject: string;
  steps: StepView[];
  /** What exists because of it so far, as a person reads it. */
  created: string[];
}

/** Keeps the run under way (undefined: none) outside the extension host. */
export interface RunJournal {
  /** Settles once the entry is saved where a reload does not lose it. */
  save(run: RunUnderWay | undefined): Promise<void>;
}

/** What the page keeps with setState: the subscription and the form as typed so far. */
export interface RunFormTarget<Form> {
  subscriptionId: string;
  draft?: Form;
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Throws the validation's errors as the reason a form was not submitted. */
export function requireValid(validation: { valid: boolean; errors: Partial<Record<string, string>> }): void {
  if (!validation.valid) throw new Error(l10n.t('Not submitted: {0}', Object.values(validation.errors).join(' ')));
}

/** One line of a clean-up, as a person reads it: `private DNS zone privatelink.azurecr.io: removed`. */
function cleanUpLine(what: string, outcome: CleanUpOutcome): string {
  const detail = outcome.message ? ` — ${outcome.message}` : '';
  switch (outcome.status) {
    case 'removed':
      return l10n.t('{0}: removed', what) + detail;
    case 'restored':
      return l10n.t('{0}: restored', what) + detail;
    case 'kept':
      return l10n.t('{0}: kept', what) + detail;
    case 'failed':
      return l10n.t('{0}: failed', what) + detail;
  }
}

export class FormRunController<Inventory extends { subscriptionId: string }, Form extends { subscriptionId: string }, Run extends RunView> {
  private inventoryRead: Inventory | undefined;
  private loading: Promise<void> | undefined;
  private inventoryLoading = false;
  private runView: Run | undefined;
  private result: RunResult | undefined;
  private running: AbortController | undefined;
  private finished: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: RunFormHost<Inventory, Form, Run>,
    private readonly target: RunFormTarget<Form>,
  ) {
    this.loading = this.loadInventory(target.subscriptionId);
  }

  get inventory(): Inventory | undefined {
    return this.inventoryRead;
  }

  /** The run on the page (under way or finished), until a new form replaces it. */
  get run(): Run | undefined {
    return this.runView;
  }

  get lastResult(): RunResult | undefined {
    return this.result;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Resolves when the current run (if any) has finished, what follows it included; tests wait on it instead of sleeping. */
  whenFinished(): Promise<void> {
    return this.finished;
  }

  /**
   * False while a run is under way. Once it has ended, the page offers a new form, a new subscription
   * or a new submit while what follows the run (the tree read again, a check) may still be going on:
   * those wait for it rather than being refused or dropped.
   */
  private async runEnded(): Promise<boolean> {
    if (this.running && this.runView?.status === 'running') return false;
    await this.finished;
    return this.running === undefined;
  }

  /** Sends the run's view to the page as it is now. */
  postRun(): void {
    if (this.runView) this.host.post({ type: 'run', run: this.runView });
  }

  private async loadInventory(subscriptionId: string): Promise<void> {
    this.inventoryLoading = true;
    this.host.post({ type: 'loading', label: this.host.loadingLabel() });
    try {
      this.inventoryRead = await this.host.readInventory(subscriptionId);
      this.target.subscriptionId = subscriptionId;
      this.sendInventory();
    } catch (e) {
      this.fail(l10n.t('Could not read the inventory'), e);
    } finally {
      this.inventoryLoading = false;
    }
  }

  /** A form that could not read its inventory (revived before Azure could answer) tries again. */
  loadMissingInventory(): void {
    if (!this.inventoryRead && !this.inventoryLoading) this.loading = this.loadInventory(this.target.subscriptionId);
  }

  /** Reads the inventory again while the form is being filled in; a run's outcome stays on screen as it is. */
  reloadInventory(): void {
    if (this.running || this.runView) return;
    this.loading = this.loadInventory(this.target.subscriptionId);
  }

  private sendInventory(): void {
    const inventory = this.inventoryRead;
    if (!inventory) return;
    const draft = this.target.draft && this.target.draft.subscriptionId === inventory.subscriptionId ? this.target.draft : this.host.defaultForm(inventory);
    this.host.post({ type: 'inventory', inventory, form: draft });
    this.postRun();
  }

  /** Logs what failed and shows it on the page. */
  fail(what: string, e: unknown): void {
    const message = l10n.t('{0}: {1}', what, messageOf(e));
    this.host.log.error(l10n.t('{0}: {1}', this.host.title, message));
    this.host.post({ type: 'error', message });
  }

  /** A message the page sent, already read by the form's parser (undefined: one it does not know, logged and dropped). */
  async receive(message: RunWebviewMessage<Form> | undefined, data: unknown): Promise<void> {
    if (!message) {
      this.host.log.warn(l10n.t('{0}: ignored a message it does not know: {1}', this.host.title, JSON.stringify(data)?.slice(0, 200) ?? ''));
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.fail(message.type, e);
    }
  }

  private async handle(message: RunWebviewMessage<Form>): Promise<void> {
    switch (message.type) {
      case 'ready':
        // What was posted before the page listened is lost: say again that it is loading, or load.
        if (this.inventoryLoading) this.host.post({ type: 'loading', label: this.host.loadingLabel() });
        this.loadMissingInventory();
        await this.loading;
        this.sendInventory();
        return;
      case 'changeSubscription':
        if (!(await this.runEnded())) throw new Error(l10n.t('Wait for the run to finish before changing the subscription.'));
        this.loading = this.loadInventory(message.subscriptionId);
        return this.loading;
      case 'showCli':
        return this.host.showCli(renderAzureCli(await this.plan(message.form)));
      case 'submit':
        return this.submit(message.form);
      case 'cancel':
        this.running?.abort();
        return;
      case 'cleanUp':
        return this.cleanUp();
      case 'newForm':
        if (!(await this.runEnded())) return;
        this.runView = undefined;
        this.result = undefined;
        this.target.draft = undefined;
        this.loading = this.loadInventory(this.target.subscriptionId);
        return this.loading;
    }
  }

  /** Validation again, on the extension's own inventory (one being read again is the one): the page's verdict is never trusted. */
  private async plan(form: Form): Promise<ProvisioningPlan> {
    await this.loading;
    if (!this.inventoryRead) throw new Error(l10n.t('The inventory has not been read yet.'));
    return this.host.plan(form, this.inventoryRead);
  }

  private async submit(form: Form): Promise<void> {
    await this.loading;
    if (!(await this.runEnded())) throw new Error(l10n.t('A run is already in progress.'));
    const plan = await this.plan(form);
    if (this.running) throw new Error(l10n.t('A run is already in progress.'));
    this.target.draft = form;
    const controller = new AbortController();
    this.running = controller;
    const run = this.host.startView(form, { status: 'running', steps: plan.steps.map((s) => ({ title: describeStep(s), status: 'pending' })), created: [] });
    this.runView = run;
    this.postRun();
    const subject = this.host.subject(form);
    const journal = (): Promise<void> => this.host.journal?.save({ title: this.host.title, subject, steps: run.steps, created: run.created }) ?? Promise.resolve();
    await journal();
    let done!: () => void;
    this.finished = new Promise((resolve) => (done = resolve));
    try {
      const result = await this.host.provisioning().run(plan, {
        signal: controller.signal,
        onProgress: (o) => {
          const step = run.steps[o.index];
          if (step) {
            step.status = o.status;
            if (o.message !== undefined) step.message = o.message;
          }
          run.created.push(...o.created.map(describeCreated));
          this.host.post({ type: 'run', run });
          // The step's write waits for this: a reload after it reached Azure finds it in the journal.
          return journal();
        },
      });
      this.result = result;
      void this.host.journal?.save(undefined);
      run.status = result.status;
      if (result.privateEndpointId) run.privateEndpointName = resourceName(result.privateEndpointId);
      this.host.post({ type: 'run', run });
      await this.host.settled(form, result);
      if (result.status !== 'succeeded') this.offerCleanUp(form, result);
    } finally {
      void this.host.journal?.save(undefined);
      this.running = undefined;
      done();
    }
  }

  /** Says what a run that did not succeed left behind, and removes it if asked. Not awaited: the page offers the same clean-up. */
  private offerCleanUp(form: Form, result: RunResult): void {
    if (result.created.length === 0) return;
    const what = result.created.map(describeCreated).join(', ');
    const subject = this.host.subject(form);
    const message =
      result.status === 'cancelled' ? l10n.t('Creating {0} was cancelled. This run created: {1}.', subject, what) : l10n.t('Creating {0} failed. This run created: {1}.', subject, what);
    void this.host
      .askCleanUp(message)
      .then((cleanUp) => (cleanUp ? this.cleanUp() : undefined))
      .then(undefined, (e: unknown) => this.fail(l10n.t('Clean-up'), e));
  }

  /** Removes what the last run created (only that), newest first. */
  private async cleanUp(): Promise<void> {
    const created = this.result?.created ?? [];
    if (!this.runView || !this.result || this.running || created.length === 0) return;
    const outcomes = await this.host.provisioning().cleanUp(created);
    this.runView.cleanUp = outcomes.map((o) => cleanUpLine(describeCreated(o.resource), o));
    this.result = { ...this.result, created: outcomes.filter((o) => o.status === 'failed').map((o) => o.resource) };
    this.runView.created = this.result.created.map(describeCreated);
    this.postRun();
    await this.host.cleanedUp();
  }

  /** The panel closed: a run under way stops after its current step. */
  dispose(): void {
    this.running?.abort();
  }
}
