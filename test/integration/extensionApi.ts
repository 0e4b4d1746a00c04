// Shared by the integration suites: the extension under test, its API, a test's start in a sandbox
// world, walking its tree the way the view does (through the TreeDataProvider and the TreeItems it
// returns), opening a create form as its page would and a status panel as its command does.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes/node';
import type { StatusPanel } from '../../src/webviews/statusPanel';
import { resetSandbox, sandboxRequest } from './sandboxControl';

export const extensionId = 'acr-private-link.acr-private-link';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this host`);
  return extension.activate();
}

/**
 * A test's start: the sandbox back to `scenario` with no fault armed (and, with `clearRequestLog`, its
 * request log emptied), the extension active and its tree reading Azure again.
 */
export async function startWorld(scenario = 'seed', opts: { clearRequestLog?: boolean } = {}): Promise<ExtensionApi> {
  await resetSandbox(scenario);
  if (opts.clearRequestLog) await sandboxRequest('DELETE', '/_sandbox/requests');
  const api = await activateExtension();
  api.tree.refresh();
  return api;
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

/** A create form as the tests drive it: the messages its page sends, and the inventory it read. */
interface CreateForm<Inventory> {
  receive(data: unknown): Promise<void>;
  currentInventory(): Inventory | undefined;
}

/** Runs a create form's command on `node`, then says `ready` as its page does: the form has read its inventory. */
export async function openCreateForm<P extends CreateForm<Inventory>, Inventory>(command: string, node: TreeNode): Promise<{ panel: P; inventory: Inventory }> {
  const panel = await vscode.commands.executeCommand<P | undefined>(command, node);
  assert.ok(panel, 'the command returned no panel');
  await panel.receive({ type: 'ready' });
  const inventory = panel.currentInventory();
  assert.ok(inventory, 'the inventory was not read');
  return { panel, inventory };
}

/** Opens a registry's status panel with its command (by name, node or id) and waits for its first check. */
export async function openStatusPanel(registry: unknown): Promise<StatusPanel> {
  const panel = await vscode.commands.executeCommand<StatusPanel | undefined>('acrPrivateLink.openStatus', registry);
  assert.ok(panel, `no status panel for ${String(registry)}`);
  await panel.whenChecked();
  return panel;
}

/** The tabs of the webview panels of `viewType` whose title includes `title`. */
function webviewTabs(viewType: string, title: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType) && t.label.includes(title));
}

/** Those tabs, once there are `expected` of them: the tab model follows the workbench asynchronously, so this waits (bounded) for it to settle. */
export async function settledWebviewTabs(viewType: string, title: string, expected: number): Promise<vscode.Tab[]> {
  const deadline = Date.now() + 10_000;
  let tabs = webviewTabs(viewType, title);
  while (tabs.length !== expected && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        sub.dispose();
        resolve();
      });
      setTimeout(() => {
        sub.dispose();
        resolve();
      }, 250);
    });
    tabs = webviewTabs(viewType, title);
  }
  return tabs;
}
