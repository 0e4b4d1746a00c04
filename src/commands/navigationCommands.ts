import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TreeNode } from '../tree/nodes/node';
import { SubscriptionNode } from '../tree/nodes/subscriptionNode';
import { section, settingsPlaceName, updateWhereEffective } from '../session/settings';

export async function refresh(services: Services, node?: unknown): Promise<void> {
  // A retry after the sandbox this extension started went away starts it again first; if it cannot
  // be started, the whole tree is read again so that its first node says so.
  const ready = await services.session.ready().then(
    () => true,
    () => false,
  );
  services.tree.refresh(ready ? (node as TreeNode | undefined) : undefined);
}

export async function openInPortal(services: Services, node?: unknown): Promise<void> {
  const id = (node as TreeNode | undefined)?.resourceId;
  if (!id) throw new Error(vscode.l10n.t('Choose an Azure resource in the ACR Private Link view.'));
  await vscode.env.openExternal(vscode.Uri.parse(services.session.portalUrl(id)));
}

export async function copyId(services: Services, node?: unknown): Promise<void> {
  const id = (node as TreeNode | undefined)?.resourceId;
  if (!id) throw new Error(vscode.l10n.t('Choose an Azure resource in the ACR Private Link view.'));
  await vscode.env.clipboard.writeText(id);
  services.log.info(vscode.l10n.t('Copied {0}', id));
}

export async function loadMore(_services: Services, node?: unknown): Promise<void> {
  const parent = (node as TreeNode | undefined)?.parent;
  if (parent instanceof SubscriptionNode) parent.showMore();
}

export async function selectSubscriptions(services: Services): Promise<void> {
  const all = await services.session.getServices().loader.listSubscriptions();
  const selected = vscode.workspace.getConfiguration(section).get<string[]>('selectedSubscriptions', []);
  const picks = await vscode.window.showQuickPick(
    all.map((s) => ({
      label: s.displayName,
      description: s.subscriptionId,
      picked: selected.length === 0 || selected.includes(s.subscriptionId),
      subscriptionId: s.subscriptionId,
    })),
    { canPickMany: true, title: vscode.l10n.t('Subscriptions shown in ACR Private Link') },
  );
  if (!picks) return;
  const ids = picks.length === all.length ? [] : picks.map((p) => p.subscriptionId);
  // A workspace may set this one: the choice is saved where the value in effect comes from.
  const where = await updateWhereEffective('selectedSubscriptions', ids);
  services.log.info(ids.length === 0 ? vscode.l10n.t('Subscriptions shown: all (saved in {0}).', settingsPlaceName[where]) : vscode.l10n.t('Subscriptions shown: {0} (saved in {1}).', ids.join(', '), settingsPlaceName[where]));
  if (where === 'workspace') void vscode.window.showInformationMessage(vscode.l10n.t('The subscriptions shown are saved in this workspace\'s settings, which chose them before.'));
  services.tree.refresh();
}

export async function signIn(services: Services): Promise<void> {
  const ok = await services.session.signIn();
  if (ok) services.tree.refresh();
}

export async function signOut(services: Services): Promise<void> {
  await services.session.signOut();
  services.tree.refresh();
}

/** Chooses the tenant to sign in to among those the account can reach; remembered in the settings. */
export async function selectTenant(services: Services, tenantId?: unknown): Promise<void> {
  const tenants = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing tenants…') }, () =>
    services.session.getServices().listTenants(),
  );
  let chosen: string | undefined;
  if (typeof tenantId === 'string') {
    chosen = tenants.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase())?.tenantId;
    if (!chosen) throw new Error(vscode.l10n.t('Tenant {0} is not one the signed-in account can reach.', tenantId));
  } else {
    const current = vscode.workspace.getConfiguration(section).get<string>('tenantId', '');
    const pick = await vscode.window.showQuickPick(
      tenants.map((t) => ({ label: t.displayName, description: t.defaultDomain ?? '', detail: t.tenantId, picked: t.tenantId === current, tenantId: t.tenantId })),
      { title: vscode.l10n.t('Sign in to which tenant?'), matchOnDetail: true },
    );
    chosen = pick?.tenantId;
  }
  if (!chosen) return;
  await updateWhereEffective('tenantId', chosen);
  services.tree.refresh();
}
