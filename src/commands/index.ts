import * as vscode from 'vscode';
import type { CommandHandler } from './commandTable';
import { copyId, loadMore, openInPortal, refresh, selectSubscriptions, selectTenant, signIn, signOut } from './navigationCommands';
import { approveConnection, rejectConnection } from './connectionCommands';
import { applyNetworkFix, fixAll, fixDnsRecord } from './fixCommands';
import { saveChecker } from './checkerCommands';
import { useSandboxSettings } from '../session/sandboxLauncher';
import { loadPanelsModule } from '../session/lazyBundles';
import type { PanelCommand } from './panels';

/** A command whose code is in dist/panels.js: the first call requires the bundle. */
function fromPanels(name: PanelCommand): CommandHandler {
  return (services, ...args) => loadPanelsModule().commands[name](services, ...args);
}

/** Every command of the extension, by its name after `acrPrivateLink.`; package.json contributes the same set. */
export const commands: Record<string, CommandHandler> = {
  signIn,
  signOut,
  selectSubscriptions,
  selectTenant,
  refresh,
  async useSandbox(services) {
    const ready = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the local sandbox…') },
      () => services.sandbox.start('seed'),
    );
    await useSandboxSettings(ready);
    await services.session.refreshSignInState();
    services.tree.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('ACR Private Link now shows the local sandbox ({0}).', ready.armEndpoint));
  },
  openInPortal,
  copyId,
  loadMore,
  fixDnsRecord,
  fixAll,
  applyNetworkFix,
  openStatus: fromPanels('openStatus'),
  approveConnection,
  rejectConnection,
  createPrivateEndpoint: fromPanels('createPrivateEndpoint'),
  createRegistryWithPrivateEndpoint: fromPanels('createRegistryWithPrivateEndpoint'),
  deletePrivateEndpoint: fromPanels('deletePrivateEndpoint'),
  deleteConnection: fromPanels('deleteConnection'),
  setPublicNetworkAccess: fromPanels('setPublicNetworkAccess'),
  createDnsRecords: fromPanels('createDnsRecords'),
  addReplicaRecords: fromPanels('addReplicaRecords'),
  saveChecker,
};
