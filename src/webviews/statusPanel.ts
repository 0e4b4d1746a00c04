// The status panel: one webview per registry. It runs the engine's full check (configuration and
// live DNS), shows the result, and turns button presses into the same writes the tree's commands
// make, always after a modal confirmation. The webview is recreated whenever it is shown again
// (no retainContextWhenHidden); it keeps what it shows with setState, and the serializer revives it
// after a reload.
import * as vscode from 'vscode';
import { parseDnsServer } from '../diagnosis/index';
import type { Services } from '../services';
import type { RegistryNode } from '../tree/nodes/registryNode';
import { buildWebviewHtml } from './html';
import { initialStateElementId, parseWebviewMessage, type ExtensionMessage, type PersistedState, type StatusState, type WebviewMessage } from './protocol';
import { initialStatusState, markChecking, statusStateFromReport } from './statusModel';
import { checkRegistry, type CompletedCheck } from './statusCheck';
import { findRegistryNode } from './registryLookup';
import { webviewPageFiles, webviewPanelOptions } from './webviewFiles';
import { approveFromPanel, exportReport, fixAllFromPanel, fixFromPanel, rejectFromPanel, type PanelActionContext } from './statusActions';

export const statusViewType = 'acrPrivateLink.status';

export interface RegistryTarget {
  registryId: string;
  registryName: string;
  /** The node the tree handed us, when opened from its context menu. */
  node?: RegistryNode;
}

export class StatusPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, StatusPanel>();
  /** The last state sent to each registry's panel; read by the integration tests. */
  private static readonly sent = new Map<string, StatusState>();

  private state: StatusState | undefined;
  private check: CompletedCheck | undefined;
  private running: Promise<void> | undefined;
  private busyLabel: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static lastState(registryId: string): StatusState | undefined {
    return StatusPanel.sent.get(registryId.toLowerCase());
  }

  static createOrShow(services: Services, target: RegistryTarget): StatusPanel {
    const existing = StatusPanel.panels.get(target.registryId.toLowerCase());
    if (existing) {
      if (target.node) existing.target.node = target.node;
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(statusViewType, panelTitle(target.registryName), vscode.ViewColumn.Active, webviewPanelOptions(services.context.extensionUri));
    return new StatusPanel(services, panel, target);
  }

  /** Called by the serializer with the panel VS Code kept across a reload. */
  static revive(services: Services, panel: vscode.WebviewPanel, target: RegistryTarget): StatusPanel {
    panel.webview.options = webviewPanelOptions(services.context.extensionUri);
    return new StatusPanel(services, panel, target);
  }

  private constructor(
    private readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    private readonly target: RegistryTarget,
  ) {
    StatusPanel.panels.set(target.registryId.toLowerCase(), this);
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'acr-private-link.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
    );
    panel.webview.html = this.html();
    // Start reading Azure and DNS while the page loads; `ready` then gets whatever is known.
    this.rerun(false).catch((e: unknown) => this.reportFailure('check', e));
  }

  private reportFailure(what: string, e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.services.log.error(`Status panel ${this.target.registryName}: ${what} failed: ${text}`);
    this.post({ type: 'error', message: text });
  }

  get registryName(): string {
    return this.target.registryName;
  }

  private html(): string {
    const initial: PersistedState = { registryId: this.target.registryId, registryName: this.target.registryName, drafts: {}, ...(this.state ? { last: this.state } : {}) };
    return buildWebviewHtml({
      ...webviewPageFiles(this.panel.webview, this.services.context.extensionUri, 'status.js'),
      title: panelTitle(this.target.registryName),
      initialState: { elementId: initialStateElementId, data: initial },
    });
  }

  private post(message: ExtensionMessage): void {
    if (message.type === 'state') {
      this.state = message.state;
      StatusPanel.sent.set(this.target.registryId.toLowerCase(), message.state);
    }
    // A hidden webview has no page to receive it; the page asks again with `ready` when shown.
    void this.panel.webview.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.services.log.warn(`Status panel ${this.target.registryName}: ignored a message it does not know: ${JSON.stringify(data)?.slice(0, 200)}`);
      return;
    }
    this.handle(message).catch((e: unknown) => this.reportFailure(message.type, e));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.state) this.post({ type: 'state', state: this.state });
        if (this.busyLabel) this.post({ type: 'busy', busy: true, label: this.busyLabel });
        if (!this.check && !this.running) await this.rerun(false);
        return;
      case 'rerun': {
        // The page checks the shape; the resolver's own parser has the last word.
        const server = message.dnsServer === undefined ? undefined : parseDnsServer(message.dnsServer);
        if (message.dnsServer !== undefined && server === undefined) throw new Error(`${message.dnsServer} is not a DNS server address (host or host:port).`);
        return this.rerun(true, server === undefined ? undefined : [server]);
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.showInformationMessage(`Copied ${message.text.split('\n').length} host names to the clipboard.`);
        return;
      case 'exportReport':
        if (!this.check) throw new Error('There is no finished check to export yet; wait for it or re-run the checks.');
        return exportReport(this.check.report, message.format);
      case 'fix':
        return this.whileBusy('Applying the fix…', () => fixFromPanel(this.actionContext(), message.findingKey));
      case 'fixAll':
        return this.whileBusy('Applying the safe fixes…', () => fixAllFromPanel(this.actionContext()));
      case 'approve':
        return this.whileBusy('Approving the connection…', () => approveFromPanel(this.actionContext(), message.connectionId, message.description));
      case 'reject':
        return this.whileBusy('Rejecting the connection…', () => rejectFromPanel(this.actionContext(), message.connectionId, message.description));
    }
  }

  private actionContext(): PanelActionContext {
    return {
      services: this.services,
      registryName: this.target.registryName,
      check: this.check,
      state: this.state,
      registryNode: () => this.registryNode(),
      afterWrite: (node: RegistryNode) => this.afterWrite(node),
    };
  }

  /** One write at a time: a second press while the first runs is refused, not queued. */
  private async whileBusy(label: string, action: () => Promise<void>): Promise<void> {
    if (this.busyLabel || this.running) {
      this.post({ type: 'error', message: `Wait for the current operation to finish (${this.busyLabel ?? 'checking…'}).` });
      return;
    }
    this.busyLabel = label;
    this.post({ type: 'busy', busy: true, label });
    try {
      await action();
    } finally {
      this.busyLabel = undefined;
      this.post({ type: 'busy', busy: false });
    }
  }

  private async registryNode(): Promise<RegistryNode> {
    if (this.target.node) return this.target.node;
    const node = await findRegistryNode(this.services, this.target.registryId);
    if (!node) throw new Error(`${this.target.registryName} is not among the registries listed in the ACR Private Link view. Sign in, or select its subscription.`);
    return node;
  }

  /** After a write: re-read only this registry (and repaint it in the tree), then check again. */
  private async afterWrite(node: RegistryNode): Promise<CompletedCheck | undefined> {
    await this.services.tree.reload(node);
    await this.rerun(false);
    return this.check;
  }

  /**
   * Runs the full check. `fromAzure` re-reads the registry first; otherwise the details the tree
   * already loaded are used. While it runs, the previous results are shown marked as checking.
   */
  rerun(fromAzure: boolean, dnsServers?: string[]): Promise<void> {
    this.running ??= this.runCheck(fromAzure, dnsServers).finally(() => (this.running = undefined));
    return this.running;
  }

  /** `dnsServers` overrides the settings for this one check (the panel's "DNS server" field). */
  private async runCheck(fromAzure: boolean, dnsServers?: string[]): Promise<void> {
    const previous = this.state;
    try {
      const node = await this.registryNode();
      this.post({ type: 'state', state: previous ? markChecking(previous) : initialStatusState(node.registry) });
      // From Azure: nothing cached is trusted. The tree's details are lean; the panel shows everything.
      if (fromAzure) await this.services.tree.reload(node, { everything: true, complete: true });
      const details = await node.loadDetails({ complete: true });
      const check = await checkRegistry(node.parent.subscription, node.registry, details, dnsServers ?? this.services.session.dnsServers());
      this.check = check;
      this.post({ type: 'state', state: statusStateFromReport(check.report, check.snapshot, check.liveServer) });
    } catch (e) {
      // Keep the last results, with their own time, rather than blank the panel.
      if (this.state) this.post({ type: 'state', state: { ...this.state, checking: false } });
      throw e;
    }
  }

  /** What the page would post, through the same validation (tests drive the panel with it). */
  receiveFromPage(data: unknown): void {
    this.receive(data);
  }

  /** Waits for a running check (tests use it so they never sleep). */
  whenChecked(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The state last sent to this panel's page. */
  sentState(): StatusState | undefined {
    return this.state;
  }

  static get(registryId: string): StatusPanel | undefined {
    return StatusPanel.panels.get(registryId.toLowerCase());
  }

  dispose(): void {
    StatusPanel.panels.delete(this.target.registryId.toLowerCase());
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function panelTitle(registryName: string): string {
  return `${registryName} · Private Link status`;
}
