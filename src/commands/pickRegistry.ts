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

/** Signed in (or the sandbox in use), asking for it first when needed; false when the person declined. */
async function ensureSignedIn(services: Services, prompt: string): Promise<boolean> {
  // Run from the palette in a new window, the command may be what activated the extension, before its
  // sign-in check has finished: check now rather than read the flag.
  if (services.session.signedIn || (await services.session.refreshSignInState())) return true;
  const signIn = vscode.l10n.t('Sign in to Azure');
  const sandbox = vscode.l10n.t('Use the Local Sandbox');
  const choice = await vscode.window.showWarningMessage(prompt, signIn, sandbox);
  if (choice === signIn) await vscode.commands.executeCommand('acrPrivateLink.signIn');
  if (choice === sandbox) await vscode.commands.executeCommand('acrPrivateLink.useSandbox');
  return services.session.signedIn;
}

/** The subscription a new resource goes in: the tree's only one, or one picked among them. */
export async function pickSubscription(services: Services, title: string): Promise<string | undefined> {
  if (!(await ensureSignedIn(services, vscode.l10n.t('Sign in to Azure (or use the local sandbox) to pick a subscription.')))) return undefined;
  const subscriptions = (await services.tree.rootNodes()).filter(isSubscriptionNode).map((n) => n.subscription);
  if (subscriptions.length === 0) throw new Error(vscode.l10n.t('No subscriptions are listed in the ACR Private Link view.'));
  if (subscriptions.length === 1) return subscriptions[0]?.subscriptionId;
  const picked = await vscode.window.showQuickPick(
    subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, subscriptionId: s.subscriptionId })),
    { title, placeHolder: vscode.l10n.t('Subscription'), matchOnDescription: true },
  );
  return picked?.subscriptionId;
}

/** A quick pick among the registries the tree lists; offers sign-in (or the sandbox) first when needed. */
export async function pickRegistry(services: Services, title: string): Promise<RegistryEntry | undefined> {
  if (!(await ensureSignedIn(services, vscode.l10n.t('Sign in to Azure (or use the local sandbox) to pick a registry.')))) return undefined;
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
