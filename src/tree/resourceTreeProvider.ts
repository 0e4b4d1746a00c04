import * as vscode from 'vscode';
import type { TreeNode } from './nodes/node';
import type { TreeContext } from './treeContext';
import type { AzureSession } from '../session/azureSession';
import type { RegistryChange, RegistryStore } from '../state/registryStore';
import { SubscriptionNode } from './nodes/subscriptionNode';
import { RegistryHealthDecorations } from './healthDecorations';
import { RegistryNode } from './nodes/registryNode';
import { ErrorNode, errorMessage } from './nodes/messageNodes';
import { SandboxUnavailableError } from '../session/sandboxLauncher';

export const resourcesViewId = 'acrPrivateLink.resources';

/**
 * Subscriptions → registries → endpoints / replicas / DNS. Nodes are created by their parents and
 * keep ids; what they show is read from the registry store, and a registry is repainted when the
 * store's copy of it changes, whoever read it (a refresh, a write, the status panel).
 */
export class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeContext, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<TreeNode[]> | undefined;
  private readonly registryNodes = new Map<string, RegistryNode>();
  readonly health = new RegistryHealthDecorations();
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.health];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    readonly session: AzureSession,
    readonly store: RegistryStore,
  ) {
    this.disposables.push(store.onDidChange((change) => this.storeChanged(change)));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node instanceof RegistryNode) {
      return node.getChildren().then((children) => {
        node.childrenVersion = this.store.get(node.registryId)?.version;
        return children;
      });
    }
    if (node) return node.getChildren?.() ?? Promise.resolve([]);
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  private async loadRoots(): Promise<TreeNode[]> {
    try {
      // Waits for the sign-in check, and for the sandbox this extension started to answer again.
      if (!(await this.session.ready())) return [];
      const all = await this.session.getServices().loader.listSubscriptions();
      const selected = vscode.workspace.getConfiguration('acrPrivateLink').get<string[]>('selectedSubscriptions', []);
      const shown = selected.length > 0 ? all.filter((s) => selected.includes(s.subscriptionId)) : all;
      return shown.map((s) => new SubscriptionNode(this, s));
    } catch (error) {
      this.roots = undefined;
      const e = this.session.explain(error);
      this.reportError(vscode.l10n.t('Listing subscriptions'), e);
      if (e instanceof SandboxUnavailableError) return [sandboxErrorNode(e)];
      return [new ErrorNode(undefined, 'subscriptions/error', vscode.l10n.t('Could not list subscriptions: {0}', errorMessage(e)), errorMessage(e))];
    }
  }

  /**
   * The store's copy of a registry (or its connectivity check) changed: its badge follows at once,
   * and the node is repainted unless its children are being built from this very read (repainting a
   * node while the view is still fetching its expanded children makes the view drop them). The check
   * waits until the readers of the read have run.
   */
  private storeChanged(change: RegistryChange): void {
    if (change.reason === 'stale' || change.reason === 'listed') return;
    this.health.update(change.registryId, this.store.health(change.entry));
    const node = this.registryNode(change.registryId);
    if (!node) return;
    setImmediate(() => {
      const now = this.store.get(change.registryId);
      if (now && node.childrenVersion !== now.version && this.registryNode(change.registryId) === node) this.emitter.fire(node);
    });
  }

  reportError(what: string, e: unknown): void {
    // Messages come from ARM's error body with anything token-like masked by the Azure layer.
    this.log.error(vscode.l10n.t('{0} failed: {1}', what, errorMessage(e)));
  }

  shown(node: TreeNode): void {
    if (node instanceof RegistryNode) this.registryNodes.set(node.registryId.toLowerCase(), node);
  }

  /** The registry node the tree shows for this id, if its subscription was expanded. */
  registryNode(registryId: string): RegistryNode | undefined {
    return this.registryNodes.get(registryId.toLowerCase());
  }

  changed(node: TreeNode): void {
    this.emitter.fire(node);
  }

  /**
   * Refresh one node (reading Azure again for what it shows), or everything. A registry is read
   * again through the store and repainted once its new state is there.
   */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.store.markStale();
      this.roots = undefined;
      this.registryNodes.clear();
      this.emitter.fire(undefined);
      return;
    }
    let target: TreeNode | undefined = node;
    while (target && !(target instanceof RegistryNode) && !(target instanceof SubscriptionNode)) target = target.parent;
    if (target instanceof RegistryNode) {
      const registryId = target.registryId;
      const reading = this.store.reread(registryId, { everything: true });
      void vscode.window.withProgress({ location: { viewId: resourcesViewId } }, () => reading.catch((e: unknown) => this.reportError(vscode.l10n.t('Reading {0}', registryId), e)));
    } else if (target instanceof SubscriptionNode) {
      this.store.markStale(target.subscription.subscriptionId);
      target.reset();
      this.emitter.fire(target);
    }
  }

  /** Every loaded root node (for tests and for commands that search the tree). */
  async rootNodes(): Promise<TreeNode[]> {
    return this.getChildren();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The sandbox is not there: the node says so and its click starts it (or tries again). */
function sandboxErrorNode(e: SandboxUnavailableError): ErrorNode {
  const command: vscode.Command =
    e.action === 'useSandbox'
      ? { command: 'acrPrivateLink.useSandbox', title: vscode.l10n.t('Use the Local Sandbox') }
      : { command: 'acrPrivateLink.refresh', title: vscode.l10n.t('Retry') };
  const label = e.action === 'useSandbox' ? vscode.l10n.t('The sandbox is not running') : vscode.l10n.t('The local sandbox could not be started');
  const action = e.action === 'useSandbox' ? vscode.l10n.t('Click to start the local sandbox') : vscode.l10n.t('Click to try again');
  return new ErrorNode(undefined, 'subscriptions/error', label, vscode.l10n.t('{0} The log (Output → ACR Private Link) has the details.', e.message), { description: action, command });
}
