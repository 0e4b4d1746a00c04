import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistryNode } from '../tree/nodes/registryNode';
import { isRegistryNode } from '../tree/nodes/kinds';
import { StatusPanel } from '../webviews/statusPanel';
import { findRegistryNode, loadedRegistryNodes } from '../webviews/registryLookup';

/**
 * `acrPrivateLink.openStatus`: on a registry node, that registry's panel; with a registry id or
 * name (from code), that one; from the palette, a quick pick among the registries the tree lists.
 */
export async function openStatus(services: Services, node?: unknown): Promise<StatusPanel | undefined> {
  let target: RegistryNode | undefined;
  if (isRegistryNode(node)) {
    target = node;
  } else if (typeof node === 'string') {
    target = await findRegistryNode(services, node);
    if (!target) throw new Error(`No registry ${node} among those listed in the ACR Private Link view.`);
  } else {
    target = await pickRegistry(services);
    if (!target) return undefined;
  }
  return StatusPanel.createOrShow(services, {
    registryId: target.registry.id,
    registryName: target.registry.name,
    ...(isRegistryNode(node) ? { node } : {}),
  });
}

async function pickRegistry(services: Services): Promise<RegistryNode | undefined> {
  if (!services.session.signedIn) throw new Error('Sign in to Azure (or use the local sandbox) to see your registries.');
  const nodes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing registries…' }, () => loadedRegistryNodes(services));
  if (nodes.length === 0) throw new Error('No container registries are listed in the ACR Private Link view.');
  const picked = await vscode.window.showQuickPick(
    nodes.map((n) => ({ label: n.registry.name, description: `${n.registry.sku} · ${n.registry.location}`, detail: n.parent.subscription.displayName, node: n })),
    { title: 'Open the status panel of a registry', placeHolder: 'Registry', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.node;
}
