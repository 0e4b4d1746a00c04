// Shared by the integration suites: the extension under test, its API, and walking its tree the
// way the view does (through the TreeDataProvider and the TreeItems it returns).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes/node';

export const extensionId = 'acr-private-link.acr-private-link';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this host`);
  return extension.activate();
}

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function descriptionOf(node: TreeNode): string {
  const d = node.getTreeItem().description;
  return typeof d === 'string' ? d : '';
}

export async function childrenOf(api: ExtensionApi, node?: TreeNode): Promise<TreeNode[]> {
  return api.tree.getChildren(node);
}

/** Follows a path of labels from the roots, e.g. ['Contoso Production', 'myregistry', 'DNS']. */
export async function nodeAt(api: ExtensionApi, ...labels: string[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const label of labels) {
    const children = await childrenOf(api, node);
    const next = children.find((c) => labelOf(c) === label);
    if (!next) throw new Error(`No "${label}" under "${node ? labelOf(node) : '(root)'}"; found: ${children.map(labelOf).join(', ')}`);
    node = next;
  }
  return node!;
}
