import * as vscode from 'vscode';
import type { TreeNode } from './nodes/node';
import type { TreeContext } from './treeContext';
import type { AzureSession } from '../session/azureSession';
import type { Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import type { RegistryDiagnosis } from './registryDiagnosis';
import { SubscriptionNode } from './nodes/subscriptionNode';
import { RegistryHealthDecorations } from './healthDecorations';
import { RegistryNode } from './nodes/registryNode';
import { ErrorNode, errorMessage } from './nodes/messageNodes';

/** Subscriptions → registries → endpoints / replicas / DNS. Nodes are created by their parents. */
export class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeContext, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<TreeNode[]> | undefined;
  private readonly registryNodes = new Map<string, RegistryNode>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    readonly session: AzureSession,
    readonly diagnose: (subscription: Subscription, registry: Registry, details: RegistryDetails) => RegistryDiagnosis,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren?.() ?? Promise.resolve([]);
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  private async loadRoots(): Promise<TreeNode[]> {
    if (!this.session.signedIn) return [];
    try {
      const all = await this.session.getServices().loader.listSubscriptions();
      const selected = vscode.workspace.getConfiguration('acrPrivateLink').get<string[]>('selectedSubscriptions', []);
      const shown = selected.length > 0 ? all.filter((s) => selected.includes(s.subscriptionId)) : all;
      return shown.map((s) => new SubscriptionNode(this, s));
    } catch (e) {
      this.roots = undefined;
      this.reportError('Listing subscriptions', e);
      return [new ErrorNode(undefined, 'subscriptions/error', `Could not list subscriptions: ${errorMessage(e)}`, errorMessage(e))];
    }
  }

  readonly health = new RegistryHealthDecorations();

  healthChanged(registryId: string, diagnosis: RegistryDiagnosis | undefined): void {
    this.health.update(registryId, diagnosis);
  }

  reportError(what: string, e: unknown): void {
    // Messages come from ARM's error body with anything token-like masked by the Azure layer.
    this.log.error(`${what} failed: ${errorMessage(e)}`);
  }

  shown(node: TreeNode): void {
    if (node instanceof RegistryNode) this.registryNodes.set(node.registry.id.toLowerCase(), node);
  }

  /** The registry node the tree shows for this id, if its subscription was expanded. */
  registryNode(registryId: string): RegistryNode | undefined {
    return this.registryNodes.get(registryId.toLowerCase());
  }

  changed(node: TreeNode): void {
    this.emitter.fire(node);
  }

  /** Refresh one node (reading Azure again for what it shows), or everything. */
  refresh(node?: TreeNode): void {
    // Only an already-loaded cache needs invalidating; refreshing must not load the SDKs.
    const services = this.session.existingServices();
    if (!node) {
      services?.loader.invalidate();
      this.roots = undefined;
      this.registryNodes.clear();
      this.emitter.fire(undefined);
      return;
    }
    let target: TreeNode | undefined = node;
    while (target && !(target instanceof RegistryNode) && !(target instanceof SubscriptionNode)) target = target.parent;
    if (target instanceof RegistryNode) {
      if (services) readAgainFromAzure(services.loader, target);
      target.reset();
    } else if (target instanceof SubscriptionNode) {
      services?.loader.invalidate(target.subscription.id);
      target.reset();
    }
    this.emitter.fire(target);
  }

  /**
   * After a write: read the registry and its details again, then repaint it once, so the view shows
   * the new state (description included) without a second refresh racing the first.
   */
  async reload(node: TreeNode, options: { everything?: boolean; complete?: boolean } = {}): Promise<void> {
    let target: TreeNode | undefined = node;
    while (target && !(target instanceof RegistryNode)) target = target.parent;
    if (!(target instanceof RegistryNode)) {
      this.refresh(node);
      return;
    }
    const loader = this.session.existingServices()?.loader;
    // After a write, the write itself dropped what it changed from the cache; the registry is read
    // again for its connection states and public access. `everything`: nothing cached is trusted.
    if (options.everything && loader) readAgainFromAzure(loader, target);
    else loader?.invalidate(target.registry.id);
    target.reset();
    try {
      await target.loadDetails(options.complete ? { complete: true } : {});
    } finally {
      this.emitter.fire(target);
    }
  }

  /** Every loaded root node (for tests and for commands that search the tree). */
  async rootNodes(): Promise<TreeNode[]> {
    return this.getChildren();
  }

  dispose(): void {
    this.emitter.dispose();
    this.health.dispose();
  }
}

/**
 * What "refresh" means for a registry: nothing cached is trusted (its details span other resource
 * groups and subscriptions), and its subscription and those of its endpoints are read from ARM for a
 * while, since Resource Graph may not show yet what the user just changed elsewhere.
 */
function readAgainFromAzure(loader: { invalidate(id?: string): void }, node: RegistryNode): void {
  loader.invalidate();
  loader.invalidate(node.registry.id);
  for (const c of node.registry.privateEndpointConnections) if (c.privateEndpointId) loader.invalidate(c.privateEndpointId);
}
