// What the form panels (create endpoint, DNS records) share: one open panel per kind, created or
// revealed, revived by the serializer after a reload, its page built by the one HTML builder, and
// every message from the page handed to the panel's `receive`.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { buildWebviewHtml } from '../html';
import { webviewPageFiles, webviewPanelOptions, type WebviewScript } from '../webviewFiles';

export interface FormPage {
  viewType: string;
  title: string;
  script: WebviewScript;
  /** The id of the element holding the data the page reads on load. */
  stateElementId: string;
}

/** The one open panel of a kind. */
export class OpenFormPanel<P extends FormPanel<unknown>> {
  current: P | undefined;

  constructor(readonly page: FormPage) {}

  /**
   * Reveals the open panel, unless `keep` says it serves something else: then it is closed and a
   * new one made.
   */
  createOrShow(services: Services, keep: (existing: P) => boolean, make: (panel: vscode.WebviewPanel) => P): P {
    const existing = this.current;
    if (existing && !keep(existing)) existing.dispose();
    if (this.current) {
      this.current.panel.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(this.page.viewType, this.page.title, vscode.ViewColumn.Active, webviewPanelOptions(services.context.extensionUri));
    return make(panel);
  }

  /** Called by the serializer with the panel VS Code kept across a reload. */
  revive(services: Services, panel: vscode.WebviewPanel, make: (panel: vscode.WebviewPanel) => P): P {
    this.current?.dispose();
    panel.webview.options = webviewPanelOptions(services.context.extensionUri);
    return make(panel);
  }
}

export abstract class FormPanel<Target> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  /** Closed: a read that finishes now has no page to show it on. */
  protected disposed = false;

  protected constructor(
    private readonly open: OpenFormPanel<FormPanel<Target>>,
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
