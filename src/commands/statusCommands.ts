import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistryEntry } from '../state/registryStore';
import { isRegistryNode } from '../tree/nodes/kinds';
import { StatusPanel } from '../webviews/statusPanel';
import { findRegistry, listedRegistries } from '../webviews/registryLookup';

/**
 * `acrPrivateLink.openStatus`: on a registry node, that registry's panel; with a registry id or
 * name (from code), that one; from the palette, a quick pick among the registries the tree lists.
 */
export async function openStatus(services: Services, node?: unknown): Promise<StatusPanel | undefined> {
  let target: RegistryEntry | undefined;
  if (isRegistryNode(node)) {
    target = node.entry;
  } else if (typeof node === 'string') {
    target = await findRegistry(services, node);
    if (!target) throw new Error(`No registry ${node} among those listed in the ACR Private Link view.`);
  } else {
    target = await pickRegistry(services);
    if (!target) return undefined;
  }
  return StatusPanel.createOrShow(services, { registryId: target.registryId, registryName: target.registry.name });
}

async function pickRegistry(services: Services): Promise<RegistryEntry | undefined> {
  if (!services.session.signedIn) throw new Error('Sign in to Azure (or use the local sandbox) to see your registries.');
  const entries = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing registries…' }, () => listedRegistries(services));
  if (entries.length === 0) throw new Error('No container registries are listed in the ACR Private Link view.');
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: e.registry.name, description: `${e.registry.sku} · ${e.registry.location}`, detail: e.subscription.displayName, entry: e })),
    { title: 'Open the status panel of a registry', placeHolder: 'Registry', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.entry;
}
