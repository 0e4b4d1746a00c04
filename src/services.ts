import * as vscode from 'vscode';
import type { Registry, Subscription } from './model/types';
import type { RegistryDetails } from './session/azureModule';
import type { RegistryDiagnosis } from './state/registryDiagnosis';
import { AzureSession } from './session/azureSession';
import { SandboxLauncher } from './session/sandboxLauncher';
import { RegistryStore } from './state/registryStore';
import { ResourceTreeProvider, resourcesViewId } from './tree/resourceTreeProvider';
import { showNotification } from './commands/notifications';

/** Everything the commands and views share, built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly session: AzureSession;
  readonly sandbox: SandboxLauncher;
  /** What Azure said about each registry: the one state the tree, the panels and the commands read. */
  readonly store: RegistryStore;
  readonly tree: ResourceTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  /** Shows a notification and keeps its text (dist/panels.js reaches the one list of what was shown through this). */
  readonly notify: typeof showNotification;
}

export type Diagnose = (subscription: Subscription, registry: Registry, details: RegistryDetails) => RegistryDiagnosis;

/** `diagnose` is the engine's (dist/diagnosis.js, required by the caller with the first registry read). */
export function createServices(context: vscode.ExtensionContext, diagnose: Diagnose): Services {
  const log = vscode.window.createOutputChannel('ACR Private Link', { log: true });
  const sandbox = new SandboxLauncher(context, log);
  const session = new AzureSession(log, sandbox);
  const store = new RegistryStore({
    reads: () => session.getServices().loader,
    loadedReads: () => session.existingServices()?.loader,
    diagnose,
  });
  const tree = new ResourceTreeProvider(log, session, store);
  const treeView = vscode.window.createTreeView(resourcesViewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(log, session, sandbox, store, tree, treeView, vscode.window.registerFileDecorationProvider(tree.health), session.onDidChange(() => tree.refresh()));
  return { context, log, session, sandbox, store, tree, treeView, notify: showNotification };
}
