// The status panel: one webview per registry. It runs the engine's full check (configuration and
// live DNS) over the registry store's state, runs it again whenever the store's copy of the registry
// changes (a refresh, a fix or an approval in the tree, a form's write), and turns button presses
// into the same writes the tree's commands make, always after a modal confirmation and always on a
// check of the store's latest state. The webview is recreated whenever it is shown again
// (no retainContextWhenHidden); it keeps what it shows with setState, and the serializer revives it
// after a reload.
import * as vscode from 'vscode';
import { parseDnsServer } from '../diagnosis/index';
import type { Services } from '../services';
import type { RegistryChange } from '../state/registryStore';
import { buildWebviewHtml } from './html';
import { initialStateElementId, parseWebviewMessage, type ExtensionMessage, type PersistedState, type StatusState, type WebviewMessage } from './protocol';
import { initialStatusState, markChecking, statusStateFromReport } from './statusModel';
import { checkRegistry, checkRegistryConnectivity, storedConnectivity, vnetDnsResolverFor, type CompletedCheck } from './statusCheck';
import { webviewPageFiles, webviewPanelOptions } from './webviewFiles';
import { approveFromPanel, exportReport, fixAllFromPanel, fixFromPanel, rejectFromPanel, type PanelActionContext } from './statusActions';

export const statusViewType = 'acrPrivateLink.status';

export interface RegistryTarget {
  registryId: string;
  registryName: string;
}

/** A check and the store version of the registry it was made from. */
/** A check of the store's entry: its version, and which read brought its details. */
type StoreCheck = CompletedCheck & { version: number; detailsRead?: number };

export class StatusPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, StatusPanel>();
  /** The last state sent to each registry's panel; read by the integration tests. */
  private static readonly sent = new Map<string, StatusState>();

  private state: StatusState | undefined;
  private check: StoreCheck | undefined;
  /** The DNS servers the last check asked (the settings', or the ones typed for it): the connectivity check resolves with them too. */
  private lastDnsServers: string[] | undefined;
  /** The checks queued or running, one after the other; undefined when none is. */
  private running: Promise<void> | undefined;
  private busyLabel: string | undefined;
  private disposed = false;
  /** The last button press being handled (tests wait on it instead of sleeping). */
  private acting: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  static lastState(registryId: string): StatusState | undefined {
    return StatusPanel.sent.get(registryId.toLowerCase());
  }

  static createOrShow(services: Services, target: RegistryTarget): StatusPanel {
    const existing = StatusPanel.panels.get(target.registryId.toLowerCase());
    if (existing) {
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
      services.store.onDidChangeRegistry(target.registryId, (change) => this.storeChanged(change)),
      // A panel revived before Azure could answer (signed out, the sandbox not running yet) fills in
      // once the session changes.
      services.session.onDidChange(() => {
        if (!this.check) this.rerun(false).catch((e: unknown) => this.reportFailure('check', e));
      }),
    );
    panel.webview.html = this.html();
    // Start reading Azure and DNS while the page loads; `ready` then gets whatever is known.
    this.rerun(false).catch((e: unknown) => this.reportFailure('check', e));
  }

  private reportFailure(what: string, e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.services.log.error(vscode.l10n.t('Status panel {0}: {1} failed: {2}', this.target.registryName, what, text));
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
    // A hidden webview has no page to receive it; the page asks again with `ready` when shown. A
    // closed one has no page at all (a check may finish after it closed).
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.services.log.warn(vscode.l10n.t('Status panel {0}: ignored a message it does not know: {1}', this.target.registryName, JSON.stringify(data)?.slice(0, 200)));
      return;
    }
    const handled = this.handle(message).catch((e: unknown) => this.reportFailure(message.type, e));
    if (message.type !== 'ready') this.acting = handled;
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
        if (message.dnsServer !== undefined && server === undefined) throw new Error(vscode.l10n.t('{0} is not a DNS server address (host or host:port).', message.dnsServer));
        return this.rerun(true, server === undefined ? undefined : [server]);
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} host names to the clipboard.', message.text.split('\n').length));
        return;
      case 'exportReport': {
        const { check } = await this.latest();
        if (!check) throw new Error(vscode.l10n.t('There is no finished check to export yet; wait for it or re-run the checks.'));
        return exportReport(check.report, message.format);
      }
      case 'fix':
        return this.whileBusy(vscode.l10n.t('Applying the fix…'), () => fixFromPanel(this.actionContext(), message.findingKey));
      case 'fixAll':
        return this.whileBusy(vscode.l10n.t('Applying the safe fixes…'), () => fixAllFromPanel(this.actionContext()));
      case 'checkConnectivity':
        return this.whileBusy(vscode.l10n.t('Checking connectivity…'), () => this.checkConnectivity());
      case 'approve':
        return this.whileBusy(vscode.l10n.t('Approving the connection…'), () => approveFromPanel(this.actionContext(), message.connectionId, message.description));
      case 'reject':
        return this.whileBusy(vscode.l10n.t('Rejecting the connection…'), () => rejectFromPanel(this.actionContext(), message.connectionId, message.description));
    }
  }

  /**
   * Resolve, TCP 443, TLS and GET /v2/ to the login server and every data endpoint of the registry
   * as last checked, from the machine the extension runs on; then the check again, with the results.
   */
  private async checkConnectivity(): Promise<void> {
    const { check } = await this.latest();
    if (!check || !this.check) throw new Error(vscode.l10n.t('There is no finished check yet; wait for it, then check connectivity.'));
    // The read it checks: a re-read while it dials makes it compare with that one.
    const detailsRead = this.check.detailsRead;
    const servers = this.lastDnsServers ?? this.services.session.dnsServers();
    const report = await checkRegistryConnectivity(check, servers, this.services.session.connectivityTarget());
    // The registry's latest result for the session: the tree, a later refresh and the reports show it too.
    this.services.store.setConnectivity(this.target.registryId, storedConnectivity(check, report, detailsRead));
    await this.rerun(false, this.lastDnsServers);
  }

  private actionContext(): PanelActionContext {
    return {
      services: this.services,
      registryId: this.target.registryId,
      registryName: this.target.registryName,
      latest: () => this.latest(),
      afterWrite: () => this.afterWrite(),
    };
  }

  /** One write at a time: a second press while the first runs is refused, not queued. */
  private async whileBusy(label: string, action: () => Promise<void>): Promise<void> {
    if (this.busyLabel) {
      this.post({ type: 'error', message: vscode.l10n.t('Wait for the current operation to finish ({0}).', this.busyLabel) });
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

  /**
   * The check of the store's latest state, and the state the page shows from it: a check made from
   * an older state is made again first, so a button never acts on what the store has replaced.
   */
  private async latest(): Promise<{ check: CompletedCheck | undefined; state: StatusState | undefined }> {
    await this.whenChecked().catch(() => undefined);
    if (!this.isCurrent()) await this.rerun(false);
    return { check: this.check, state: this.state };
  }

  private isCurrent(): boolean {
    const entry = this.services.store.get(this.target.registryId);
    return this.check !== undefined && entry !== undefined && !entry.stale && entry.version === this.check.version;
  }

  /** After a write: read the registry again through the store (the tree follows too), then check again. */
  private async afterWrite(): Promise<CompletedCheck | undefined> {
    await this.services.store.reread(this.target.registryId, { complete: true });
    return (await this.latest()).check;
  }

  /**
   * The store's copy of the registry changed (whoever read it): check again, unless this check is of
   * it already. A read that failed is said, not retried here (the panel's own check would fail again).
   */
  private storeChanged(change: RegistryChange): void {
    if (change.reason === 'failed') {
      if (!this.running) this.reportFailure(vscode.l10n.t('reading the registry'), change.entry.error);
      return;
    }
    if (change.reason === 'listed' || (this.check && change.entry.version <= this.check.version && !change.entry.stale)) return;
    this.follow().catch((e: unknown) => this.reportFailure('check', e));
  }

  private follow(): Promise<void> {
    return this.queue(() => (this.isCurrent() ? Promise.resolve() : this.runCheck(false)));
  }

  /**
   * Runs the full check. `fromAzure` re-reads the registry first; otherwise the store's details are
   * used (completed with what the tree's lean read skips). While it runs, the previous results are
   * shown marked as checking. Checks run one after another.
   */
  rerun(fromAzure: boolean, dnsServers?: string[]): Promise<void> {
    return this.queue(() => this.runCheck(fromAzure, dnsServers));
  }

  private queue(run: () => Promise<void>): Promise<void> {
    const next: Promise<void> = (this.running ?? Promise.resolve()).catch(() => undefined).then(run);
    this.running = next;
    const settled = (): void => {
      if (this.running === next) this.running = undefined;
    };
    next.then(settled, settled);
    return next;
  }

  /** `dnsServers` overrides the settings for this one check (the panel's "DNS server" field). */
  private async runCheck(fromAzure: boolean, dnsServers?: string[]): Promise<void> {
    const previous = this.state;
    const store = this.services.store;
    try {
      // Revived after a reload: wait for sign-in and for the sandbox this extension started.
      await this.services.session.requireReady();
      const held = store.get(this.target.registryId);
      if (previous) this.post({ type: 'state', state: markChecking(previous) });
      else if (held) this.post({ type: 'state', state: initialStatusState(held.registry) });
      // From Azure: nothing cached is trusted. The tree's reads are lean; the panel shows everything.
      const entry = fromAzure
        ? await store.reread(this.target.registryId, { everything: true, complete: true })
        : await store.read(this.target.registryId, { complete: true });
      if (!previous && !held) this.post({ type: 'state', state: initialStatusState(entry.registry) });
      const session = this.services.session;
      const servers = dnsServers ?? session.dnsServers();
      this.lastDnsServers = dnsServers;
      // The registry's latest connectivity result, from its time; outdated (no findings) once the registry changed.
      const connectivity = store.connectivity(this.target.registryId);
      const vnetServers = await vnetDnsResolverFor(session.environment === 'Sandbox' ? session.sandboxSettings() : undefined);
      const report = connectivity
        ? { ...connectivity.report, ...(connectivity.outdated ? { outdated: true } : {}), ...(connectivity.undetermined ? { undetermined: [...connectivity.undetermined] } : {}) }
        : undefined;
      const check = await checkRegistry(entry.subscription, entry.registry, entry.details!, servers, undefined, report, vnetServers);
      this.check = { ...check, version: entry.version, ...(entry.detailsRead !== undefined ? { detailsRead: entry.detailsRead } : {}) };
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

  /** Waits for the last button press to be handled, confirmation and writes included. */
  whenActed(): Promise<void> {
    return this.acting;
  }

  /** The state last sent to this panel's page. */
  sentState(): StatusState | undefined {
    return this.state;
  }

  static get(registryId: string): StatusPanel | undefined {
    return StatusPanel.panels.get(registryId.toLowerCase());
  }

  dispose(): void {
    this.disposed = true;
    StatusPanel.panels.delete(this.target.registryId.toLowerCase());
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function panelTitle(registryName: string): string {
  return vscode.l10n.t('{0} · Private Link status', registryName);
}
