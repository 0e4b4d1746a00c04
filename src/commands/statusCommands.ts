import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistryEntry } from '../state/registryStore';
import { isRegistryNode } from '../tree/nodes/kinds';
import { StatusPanel } from '../webviews/statusPanel';
import { findRegistry } from '../webviews/registryLookup';
import { pickRegistry } from './pickRegistry';

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
    if (!target) throw new Error(vscode.l10n.t('No registry {0} among those listed in the ACR Private Link view.', node));
  } else {
    target = await pickRegistry(services, vscode.l10n.t('Open the status panel of which registry?'));
    if (!target) return undefined;
  }
  return StatusPanel.createOrShow(services, { registryId: target.registryId, registryName: target.registry.name });
}
