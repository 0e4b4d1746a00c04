import * as vscode from 'vscode';
import { createServices } from './services';
import { registerCommands } from './commands/commandTable';
import { commands } from './commands/index';
import { isAzureModuleLoaded } from './session/azureModule';
import { loadDiagnosisModule, loadedLazyBundles } from './session/lazyBundles';
import { registerPanelSerializers } from './commands/panelSerializers';
import { shownNotifications } from './commands/notifications';

/** What activate() returns: used by the integration tests to read the tree as a person sees it. */
export interface ExtensionApi {
  readonly tree: import('./tree/resourceTreeProvider').ResourceTreeProvider;
  readonly commandNames: string[];
  isAzureModuleLoaded(): boolean;
  /** The bundles required on first use (dist/azure.js, dist/diagnosis.js, dist/panels.js) loaded so far. */
  loadedLazyBundles(): string[];
  /** The latest notifications the commands showed, oldest first (what a person read). */
  shownNotifications(): import('./commands/notifications').ShownNotification[];
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  // The engine (dist/diagnosis.js) loads with the first registry whose details are read.
  const services = createServices(context, (subscription, registry, details) => loadDiagnosisModule().diagnoseRegistry(subscription, registry, details));
  registerCommands(context, services, commands);
  registerPanelSerializers(context, services);
  void services.session.refreshSignInState().then((signedIn) => signedIn && services.tree.refresh());
  return { tree: services.tree, commandNames: Object.keys(commands), isAzureModuleLoaded, loadedLazyBundles, shownNotifications };
}

export function deactivate(): void {}
