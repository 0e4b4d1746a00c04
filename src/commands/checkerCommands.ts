// `acrPrivateLink.saveChecker`: the headless checker (dist/cli.js, one file that needs only Node 20 or
// later) saved where the person chooses, to be copied to a VM in the VNet. In a Remote-SSH window the
// extension runs on the remote machine and the dialog saves there.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { showNotification } from './notifications';

export async function saveChecker(services: Services, target?: unknown): Promise<vscode.Uri | undefined> {
  const source = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'cli.js');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Save the headless checker (Node 20 or later)'),
          saveLabel: vscode.l10n.t('Save Checker'),
          filters: { JavaScript: ['js'] },
          ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'cli.js') } : {}),
        });
  if (!uri) return undefined;
  await vscode.workspace.fs.copy(source, uri, { overwrite: true });
  const file = uri.path.split('/').pop() ?? 'cli.js';
  const command = `node ${file} check --registry <name>`;
  services.log.info(vscode.l10n.t('Saved the checker to {0}', uri.toString(true)));
  void showNotification('information', vscode.l10n.t('Saved the checker to {0}. On a VM in the VNet run: {1}', uri.scheme === 'file' ? uri.fsPath : uri.toString(true), command), vscode.l10n.t('Copy Command')).then((choice) => {
    if (choice) void vscode.env.clipboard.writeText(command);
  });
  return uri;
}
