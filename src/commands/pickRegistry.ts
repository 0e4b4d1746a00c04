// The registry a command acts on when it was started without one: from the palette, or from a
// button of the walkthrough. Both bundles use it (it holds no state); what is picked is the registry
// store's entry, never a node.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistryEntry } from '../state/registryStore';
import { isRegistryNode, isSubscriptionNode } from '../tree/nodes/kinds';

/** Every registry under the tree's subscriptions, as the store holds it; listings are cached by the Azure layer. */
export async function listedRegistries(services: Services): Promise<RegistryEntry[]> {
  const roots = (await services.tree.rootNodes()).filter(isSubscriptionNode);
  const children = await Promise.all(roots.map((s) => s.getChildren()));
  return children.flat().filter(isRegistryNode).map((n) => n.entry);
}

/** A quick pick among the registries the tree lists; offers sign-in (or the sandbox) first when needed. */
export async function pickRegistry(services: Services, title: string): Promise<RegistryEntry | undefined> {
  // Run from the palette in a new window, the command may be what activated the extension, before its
  // sign-in check has finished: check now rather than read the flag.
  if (!services.session.signedIn && !(await services.session.refreshSignInState())) {
    const signIn = vscode.l10n.t('Sign in to Azure');
    const sandbox = vscode.l10n.t('Use the Local Sandbox');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Sign in to Azure (or use the local sandbox) to pick a registry.'), signIn, sandbox);
    if (choice === signIn) await vscode.commands.executeCommand('acrPrivateLink.signIn');
    if (choice === sandbox) await vscode.commands.executeCommand('acrPrivateLink.useSandbox');
    if (!services.session.signedIn) return undefined;
  }
  const entries = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing registries…') }, () => listedRegistries(services));
  if (entries.length === 0) throw new Error(vscode.l10n.t('No container registries are listed in the ACR Private Link view.'));
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: e.registry.name,
      description: `${e.registry.sku} · ${e.registry.location}`,
      detail: e.registry.sku === 'Premium' ? e.subscription.displayName : vscode.l10n.t('{0} — private endpoints need the Premium tier', e.subscription.displayName),
      entry: e,
    })),
    { title, placeHolder: vscode.l10n.t('Target registry'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.entry;
}
