import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { createServices, type Services } from './services';
import { registerCommands } from './commands/commandTable';
import { commands } from './commands/index';
import { isAzureModuleLoaded } from './session/azureModule';
import { loadDiagnosisModule, loadedLazyBundles } from './session/lazyBundles';
import { registerPanelSerializers } from './commands/panelSerializers';
import { showNotification, shownNotifications } from './commands/notifications';
import { takeInterruptedRuns } from './session/runJournal';

/** What activate() returns: used by the integration tests to read the tree as a person sees it. */
export interface ExtensionApi {
  readonly tree: import('./tree/resourceTreeProvider').ResourceTreeProvider;
  readonly commandNames: string[];
  isAzureModuleLoaded(): boolean;
  /** The bundles required on first use (dist/azure.js, dist/diagnosis.js, dist/panels.js) loaded so far. */
  loadedLazyBundles(): string[];
  /** The latest notifications the commands showed, oldest first (what a person read). */
  shownNotifications(): import('./commands/notifications').ShownNotification[];
  /** The sandbox "Use the Local Sandbox" started: its process id and the file its state is saved in. */
  readonly sandbox: { readonly pid: number | undefined; readonly stateFile: string };
  /** What activation runs after a reload: the sign-in check, the launched sandbox started again, the tree read. */
  resume(): Promise<void>;
}

/**
 * With the Sandbox environment selected, this starts again the sandbox this extension started before
 * a reload (or reconnects to it), with its saved state; then the tree is read.
 */
function resume(services: Services): Promise<void> {
  return services.session.ready().then(
    (signedIn) => {
      if (signedIn) services.tree.refresh();
    },
    (e: unknown) => {
      services.log.error(e instanceof Error ? e.message : String(e));
      services.tree.refresh();
    },
  );
}

/**
 * Says what a create form's run left half done when the window was reloaded or closed under it. The
 * extension host of the window before a reload can take a few seconds to exit: look again for a while.
 */
async function reportInterruptedRuns(services: Services): Promise<void> {
  for (let attempt = 0; attempt < 7; attempt++) {
    const { reports, waiting } = await takeInterruptedRuns(services.context.globalState);
    for (const line of reports) {
      services.log.warn(line);
      void showNotification('warning', line);
    }
    if (!waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  // The layers that must not import vscode (Azure, diagnosis, model, provisioning) speak through
  // @vscode/l10n, one copy of it shared by every bundle (dist/l10n.js): give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  // The engine (dist/diagnosis.js) loads with the first registry whose details are read.
  const services = createServices(context, (subscription, registry, details) => loadDiagnosisModule().diagnoseRegistry(subscription, registry, details));
  registerCommands(context, services, commands);
  registerPanelSerializers(context, services);
  void services.session.refreshSignInState();
  void resume(services);
  void reportInterruptedRuns(services);
  return {
    tree: services.tree,
    commandNames: Object.keys(commands),
    isAzureModuleLoaded,
    loadedLazyBundles,
    shownNotifications,
    sandbox: services.sandbox,
    resume: () => resume(services),
  };
}

export function deactivate(): void {}
