import * as vscode from 'vscode';
import type { Services } from '../services';
import { PrivateEndpointNode } from '../tree/nodes/privateEndpointNodes';
import { resourceName } from '../model/armId';
import { withCancellableProgress } from '../session/cancellableProgress';
import { showNotification } from './notifications';

function connectionOf(node: unknown): PrivateEndpointNode {
  if (node instanceof PrivateEndpointNode) return node;
  throw new Error(vscode.l10n.t('Choose a private endpoint connection in the ACR Private Link view.'));
}

export async function approveConnection(services: Services, node?: unknown, description?: unknown): Promise<void> {
  const target = connectionOf(node);
  const connection = target.connection;
  const name = connection.privateEndpointId ? resourceName(connection.privateEndpointId) : connection.name;
  const text =
    typeof description === 'string'
      ? description
      : await vscode.window.showInputBox({ title: vscode.l10n.t('Approve {0}', name), prompt: vscode.l10n.t('Description (optional)'), value: 'Approved' });
  if (text === undefined) return;
  try {
    await withCancellableProgress(vscode.l10n.t('Approving {0}…', name), (signal) => services.session.getServices().approveConnection(connection.id, text, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await services.store.reread(target.registryNode.registryId);
  }
  void showNotification('information', vscode.l10n.t('Approved the connection of {0}.', name));
}

export async function rejectConnection(services: Services, node?: unknown, description?: unknown): Promise<void> {
  const target = connectionOf(node);
  const connection = target.connection;
  const name = connection.privateEndpointId ? resourceName(connection.privateEndpointId) : connection.name;
  let text = typeof description === 'string' ? description : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Reject {0}', name),
      prompt: vscode.l10n.t('Why is it rejected? The endpoint owner sees this description.'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A description is required.')),
    });
    if (text === undefined) return;
    const confirm = await vscode.window.showWarningMessage(
      vscode.l10n.t('Reject the connection of {0}? Traffic from that endpoint to {1} stops.', name, target.registryNode.registry.name),
      { modal: true },
      vscode.l10n.t('Reject'),
    );
    if (confirm !== vscode.l10n.t('Reject')) return;
  }
  try {
    await withCancellableProgress(vscode.l10n.t('Rejecting {0}…', name), (signal) => services.session.getServices().rejectConnection(connection.id, text, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await services.store.reread(target.registryNode.registryId);
  }
  void showNotification('information', vscode.l10n.t('Rejected the connection of {0}.', name));
}
