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
    /** Another action than reading the parent again (e.g. starting the local sandbox). */
    private readonly action?: { description: string; command: vscode.Command },
  ) {}
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.action?.description ?? vscode.l10n.t('Click to retry');
    item.tooltip = this.detail;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.accessibilityInformation = { label: `${this.label}. ${this.detail}` };
    item.contextValue = ContextValue.error;
    item.command = this.action?.command ?? { command: 'acrPrivateLink.refresh', title: vscode.l10n.t('Retry'), arguments: [this.parent] };
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
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValue.loadMore;
    item.command = { command: 'acrPrivateLink.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
  }
}

/** The error as a person should read it: Azure's message, plus what to do for the usual statuses. */
export function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const status = (e as { loadError?: { status?: number } } | undefined)?.loadError?.status ?? (e as { statusCode?: number } | undefined)?.statusCode;
  switch (status) {
    case 401:
      return vscode.l10n.t('{0} Sign in again.', message);
    case 403:
      return vscode.l10n.t('{0} Reading needs the Reader role on this scope.', message);
    case 404:
      return vscode.l10n.t('{0} It may have been deleted meanwhile; refresh.', message);
    case 429:
      return vscode.l10n.t('{0} Azure is throttling requests; retry in a minute.', message);
    default:
      return message;
  }
}
