import type * as vscode from 'vscode';

/** One node kind per class; `id` is unique in the tree and, for Azure resources, is (or ends with) the resource id. */
export interface TreeNode {
  readonly id: string;
  readonly parent: TreeNode | undefined;
  /** The Azure resource this node shows, for "Open in portal" and "Copy resource id". */
  readonly resourceId?: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}
