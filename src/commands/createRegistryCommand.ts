// `acrPrivateLink.createRegistryWithPrivateEndpoint`: the form that creates a Premium registry and its
// private endpoint in one run (the seed document's first portal path). On a subscription node it opens
// for that subscription; with a subscription id (from code) for that one; otherwise (the view's title
// menu, the palette) the tree's only subscription, or one picked.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { isSubscriptionNode } from '../tree/nodes/kinds';
import { CreateRegistryPanel } from '../webviews/forms/createRegistryPanel';
import { pickSubscription } from './pickRegistry';

export async function createRegistryWithPrivateEndpoint(services: Services, node?: unknown): Promise<CreateRegistryPanel | undefined> {
  const subscriptionId = isSubscriptionNode(node)
    ? node.subscription.subscriptionId
    : typeof node === 'string' && /^[0-9a-fA-F-]{1,64}$/.test(node)
      ? node
      : await pickSubscription(services, vscode.l10n.t('Create the registry in which subscription?'));
  if (!subscriptionId) return undefined;
  return CreateRegistryPanel.panels.createOrShow(services, { subscriptionId });
}
