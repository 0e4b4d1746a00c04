import * as vscode from 'vscode';
import { AzureSession } from './session/azureSession';
import { SandboxLauncher } from './session/sandboxLauncher';
import { ResourceTreeProvider } from './tree/resourceTreeProvider';
import { loadDiagnosisModule } from './session/lazyBundles';

/** Everything the commands and views share, built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly session: AzureSession;
  readonly sandbox: SandboxLauncher;
  readonly tree: ResourceTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('ACR Private Link', { log: true });
  const session = new AzureSession(log);
  const sandbox = new SandboxLauncher(context, log);
  // The engine (dist/diagnosis.js) loads with the first registry whose details the tree reads.
  const tree = new ResourceTreeProvider(log, session, (subscription, registry, details) =>
    loadDiagnosisModule().diagnoseRegistry(subscription, registry, details),
  );
  const treeView = vscode.window.createTreeView('acrPrivateLink.resources', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(log, session, sandbox, tree, treeView, vscode.window.registerFileDecorationProvider(tree.health), session.onDidChange(() => tree.refresh()));
  return { context, log, session, sandbox, tree, treeView };
}
