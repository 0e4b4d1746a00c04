import * as vscode from 'vscode';
import type { TreeNode } from './node';
import { ContextValue } from '../contextValues';

/** A failure to load some children; the node's siblings still show. Clicking it retries. */
export class ErrorNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly detail: string,
  ) {}
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'Click to retry';
    item.tooltip = this.detail;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = ContextValue.error;
    item.command = { command: 'acrPrivateLink.refresh', title: 'Retry', arguments: [this.parent] };
    return item;
  }
}

/** "Nothing here" with an optional action, e.g. "No private endpoints". */
export class EmptyNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly command?: vscode.Command,
  ) {}
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.contextValue = ContextValue.empty;
    item.command = this.command;
    return item;
  }
}

/** "Load more…" at the end of a long list. */
export class LoadMoreNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly id: string,
  ) {}
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValue.loadMore;
    item.command = { command: 'acrPrivateLink.loadMore', title: 'Load more', arguments: [this] };
    return item;
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
