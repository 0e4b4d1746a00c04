import * as vscode from 'vscode';
import type { Services } from '../services';
import { panelViewTypes } from './panelViewTypes';
import { loadPanelsModule } from '../session/lazyBundles';

/**
 * Registers the serializers that revive the webview panels after a reload; call once from activate().
 * Registering loads nothing: a panel being revived requires dist/panels.js.
 */
export function registerPanelSerializers(context: vscode.ExtensionContext, services: Services): void {
  for (const viewType of panelViewTypes) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => loadPanelsModule().revivePanel(services, viewType, panel, state),
      }),
    );
  }
}
