import * as vscode from 'vscode';
import type { Services } from '../services';
import { PrivateEndpointNode } from '../tree/nodes/privateEndpointNodes';
import { resourceName } from '../model/armId';
import { withCancellableProgress } from '../session/cancellableProgress';
import { showNotification } from './notifications';

function connectionOf(node: unknown): PrivateEndpointNode {
  if (node instanceof PrivateEndpointNode) return node;
  throw new Error('Choose a private endpoint connection in the ACR Private Link view.');
}

export async function approveConnection(services: Services, node?: unknown, description?: unknown): Promise<void> {
  const target = connectionOf(node);
  const connection = target.connection;
  const name = connection.privateEndpointId ? resourceName(connection.privateEndpointId) : connection.name;
  const text =
    typeof description === 'string'
      ? description
      : await vscode.window.showInputBox({ title: `Approve ${name}`, prompt: 'Description (optional)', value: 'Approved' });
  if (text === undefined) return;
  try {
    await withCancellableProgress(`Approving ${name}…`, (signal) => services.session.getServices().approveConnection(connection.id, text, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await services.store.reread(target.registryNode.registryId);
  }
  void showNotification('information', `Approved the connection of ${name}.`);
}

export async function rejectConnection(services: Services, node?: unknown, description?: unknown): Promise<void> {
  const target = connectionOf(node);
  const connection = target.connection;
  const name = connection.privateEndpointId ? resourceName(connection.privateEndpointId) : connection.name;
  let text = typeof description === 'string' ? description : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: `Reject ${name}`,
      prompt: 'Why is it rejected? The endpoint owner sees this description.',
      validateInput: (v) => (v.trim() ? undefined : 'A description is required.'),
    });
    if (text === undefined) return;
    const confirm = await vscode.window.showWarningMessage(
      `Reject the connection of ${name}? Traffic from that endpoint to ${target.registryNode.registry.name} stops.`,
      { modal: true },
      'Reject',
    );
    if (confirm !== 'Reject') return;
  }
  try {
    await withCancellableProgress(`Rejecting ${name}…`, (signal) => services.session.getServices().rejectConnection(connection.id, text, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await services.store.reread(target.registryNode.registryId);
  }
  void showNotification('information', `Rejected the connection of ${name}.`);
}
