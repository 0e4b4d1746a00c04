// What the form panels (create endpoint, DNS records) share: one open panel per kind, created or
// revealed, revived by the serializer after a reload, its page built by the one HTML builder, and
// every message from the page handed to the panel's `receive`.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { buildWebviewHtml } from '../html';
import { webviewPageFiles, webviewPanelOptions, type WebviewScript } from '../webviewFiles';

export interface FormPage<P, Target> {
  viewType: string;
  title: string;
  script: WebviewScript;
  /** The id of the element holding the data the page reads on load. */
  stateElementId: string;
  /** What a panel kept across a reload was open for, from its saved state; undefined when the state does not say. */
  parse(state: unknown): Target | undefined;
  /** Whether the open panel stays when asked for `target` (it serves it, or a run is under way); otherwise it is closed and a new one made. */
  keeps(existing: P, target: Target): boolean;
  make(services: Services, panel: vscode.WebviewPanel, target: Target): P;
}

/** The one open panel of a kind: opened or revealed by its command, revived by the serializer after a reload. */
export class OpenFormPanel<P extends FormPanel<Target>, Target> {
  current: P | undefined;

  constructor(readonly page: FormPage<P, Target>) {}

  /** Reveals the open panel, unless the page says it does not keep it for `target`: then it is closed and a new one made. */
  createOrShow(services: Services, target: Target): P {
    const existing = this.current;
    if (existing && !this.page.keeps(existing, target)) existing.dispose();
    if (this.current) {
      this.current.panel.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(this.page.viewType, this.page.title, vscode.ViewColumn.Active, webviewPanelOptions(services.context.extensionUri));
    return this.page.make(services, panel, target);
  }

  /**
   * Called by the serializer with the panel VS Code kept across a reload and the state its page saved.
   * A panel whose state does not say what it showed is closed: an empty form would only confuse.
   */
  revive(services: Services, panel: vscode.WebviewPanel, state: unknown): void {
    const target = this.page.parse(state);
    if (!target) {
      panel.dispose();
      return;
    }
    this.current?.dispose();
    panel.webview.options = webviewPanelOptions(services.context.extensionUri);
    this.page.make(services, panel, target);
  }
}

export abstract class FormPanel<Target> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  /** Closed: a read that finishes now has no page to show it on. */
  protected disposed = false;

  protected constructor(
    private readonly open: OpenFormPanel<FormPanel<Target>, Target>,
    protected readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    protected readonly target: Target,
  ) {
    open.current = this;
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'acr-private-link.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      services.session.onDidChange(() => this.sessionChanged()),
    );
    panel.webview.html = this.html();
  }

  get title(): string {
    return this.open.page.title;
  }

  /** Every message from the page goes here. */
  abstract receive(data: unknown): Promise<void>;

  /**
   * Signed in or out, or the sandbox started again: a form revived before Azure could answer reads
   * what it lacks now.
   */
  protected abstract sessionChanged(): void;

  private html(): string {
    const page = this.open.page;
    return buildWebviewHtml({
      ...webviewPageFiles(this.panel.webview, this.services.context.extensionUri, page.script),
      title: page.title,
      initialState: { elementId: page.stateElementId, data: this.target },
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.open.current === this) this.open.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
