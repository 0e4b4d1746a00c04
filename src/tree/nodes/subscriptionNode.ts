import * as vscode from 'vscode';
import type { Subscription } from '../../model/types';
import type { SubscriptionScope, TreeNode } from './node';
import type { TreeContext } from '../treeContext';
import { ContextValue } from '../contextValues';
import { RegistryNode } from './registryNode';
import { EmptyNode, ErrorNode, LoadMoreNode, errorMessage } from './messageNodes';

export class SubscriptionNode implements SubscriptionScope {
  readonly kind = 'subscription';
  readonly parent = undefined;
  readonly id: string;
  readonly resourceId: string;
  /** Registry nodes read so far, kept as objects so refreshes and panels address what is on screen. */
  private registries: RegistryNode[] = [];
  /** Where ARM's list continues; undefined once the list is complete. */
  private continuationToken: string | undefined;
  private started = false;
  private wantMore = false;
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
    item.tooltip = vscode.l10n.t('{0}\n{1}\nTenant {2}', this.subscription.displayName, this.subscription.subscriptionId, this.subscription.tenantId);
    item.iconPath = new vscode.ThemeIcon('key');
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, subscription', this.subscription.displayName) };
    item.contextValue = ContextValue.subscription;
    return item;
  }

  /** "Load more…": read the next batch of ARM's list and show it below the ones already shown. */
  showMore(): void {
    this.wantMore = true;
    this.children = undefined;
    this.ctx.changed(this);
  }

  /** Forget what was read; the next expansion reads the list from its start. */
  reset(): void {
    this.registries = [];
    this.continuationToken = undefined;
    this.started = false;
    this.wantMore = false;
    this.children = undefined;
  }

  getChildren(): Promise<TreeNode[]> {
    this.children ??= this.loadChildren();
    return this.children;
  }

  private async loadChildren(): Promise<TreeNode[]> {
    try {
      if (!this.started || (this.wantMore && this.continuationToken)) {
        const page = await this.ctx.session.getServices().loader.listRegistriesPage(this.subscription.subscriptionId, {
          maxItems: this.ctx.session.integerSetting('pageSize'), // registries per "Load more…"; ARM's own pages are never split
          ...(this.started && this.continuationToken ? { continuationToken: this.continuationToken } : {}),
        });
        this.ctx.store.listed(this.subscription, page.items);
        // The index that listed them holds their details too: their health badges show while they are collapsed.
        if (page.fromResourceGraph) for (const r of page.items) this.ctx.store.read(r.id).catch(() => undefined);
        this.registries.push(...page.items.map((r) => new RegistryNode(this.ctx, this, r.id)));
        this.continuationToken = page.continuationToken;
        this.started = true;
        this.wantMore = false;
      }
      if (this.registries.length === 0) return [new EmptyNode(this, `${this.id}/empty`, vscode.l10n.t('No container registries'))];
      const nodes: TreeNode[] = [...this.registries];
      if (this.continuationToken) nodes.push(new LoadMoreNode(this, `${this.id}/loadMore`));
      return nodes;
    } catch (e) {
      this.children = undefined;
      this.ctx.reportError(vscode.l10n.t('Listing the registries of {0}', this.subscription.id), e);
      return [new ErrorNode(this, `${this.id}/error`, vscode.l10n.t('Could not list registries: {0}', errorMessage(e)), errorMessage(e))];
    }
  }
}
