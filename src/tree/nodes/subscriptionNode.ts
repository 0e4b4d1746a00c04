import * as vscode from 'vscode';
import type { Subscription } from '../../model/types';
import type { TreeNode } from './node';
import type { TreeContext } from '../treeContext';
import { ContextValue } from '../contextValues';
import { RegistryNode } from './registryNode';
import { EmptyNode, ErrorNode, LoadMoreNode, errorMessage } from './messageNodes';

const pageSize = 50;

export class SubscriptionNode implements TreeNode {
  readonly parent = undefined;
  readonly id: string;
  readonly resourceId: string;
  private shown = pageSize;
  /** The same node objects on every call, so refreshes and panels address what is on screen. */
  private children: Promise<TreeNode[]> | undefined;

  constructor(
    private readonly ctx: TreeContext,
    readonly subscription: Subscription,
  ) {
    this.id = subscription.id;
    this.resourceId = subscription.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.subscription.subscriptionId;
    item.tooltip = `${this.subscription.displayName}\n${this.subscription.subscriptionId}\nTenant ${this.subscription.tenantId}`;
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = ContextValue.subscription;
    return item;
  }

  showMore(): void {
    this.shown += pageSize;
    this.children = undefined;
    this.ctx.changed(this);
  }

  reset(): void {
    this.children = undefined;
  }

  getChildren(): Promise<TreeNode[]> {
    this.children ??= this.loadChildren();
    return this.children;
  }

  private async loadChildren(): Promise<TreeNode[]> {
    try {
      const registries = await this.ctx.session.getServices().loader.listRegistries(this.subscription.subscriptionId);
      if (registries.length === 0) return [new EmptyNode(this, `${this.id}/empty`, 'No container registries')];
      const nodes: TreeNode[] = registries.slice(0, this.shown).map((r) => new RegistryNode(this.ctx, this, r));
      if (registries.length > this.shown) nodes.push(new LoadMoreNode(this, `${this.id}/loadMore`));
      return nodes;
    } catch (e) {
      this.children = undefined;
      return [new ErrorNode(this, `${this.id}/error`, `Could not list registries: ${errorMessage(e)}`, errorMessage(e))];
    }
  }
}
