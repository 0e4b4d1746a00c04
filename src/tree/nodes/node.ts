import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { Registry, Subscription } from '../../model/types';
import type { RegistryDetails } from '../../session/azureModule';
import type { ConnectivityResult, RegistryEntry } from '../../state/registryStore';

/** One node kind per class; `id` is unique in the tree and, for Azure resources, is (or ends with) the resource id. */
export interface TreeNode {
  readonly id: string;
  readonly parent: TreeNode | undefined;
  /** The Azure resource this node shows, for "Open in portal" and "Copy resource id". */
  readonly resourceId?: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}

/** A subscription node, as the nodes under it see it. */
export interface SubscriptionScope extends TreeNode {
  readonly subscription: Subscription;
}

/**
 * A registry node, as the nodes under it see it: they keep ids and read what Azure said from the
 * registry store through it, never a copy of their own.
 */
export interface RegistryScope extends TreeNode {
  readonly registryId: string;
  readonly parent: SubscriptionScope;
  /** What the store holds for the registry now. */
  readonly entry: RegistryEntry;
  readonly registry: Registry;
  /** The registry's latest connectivity check of the session, if one was made. */
  readonly connectivity: ConnectivityResult | undefined;
  /** The registry's details from the store, read if it holds none current. */
  loadDetails(): Promise<RegistryDetails>;
}

/** The registry node above `node`, if any. */
export function registryScopeOf(node: TreeNode | undefined): RegistryScope | undefined {
  while (node && (node as Partial<RegistryScope>).registryId === undefined) node = node.parent;
  return node as RegistryScope | undefined;
}

/**
 * Looks up what a node shows in the registry's details as the store holds them now. A node whose
 * resource is gone from Azure's last answer is about to be replaced (the tree repaints the registry
 * after every read): asking it says so rather than show what is no longer there.
 */
export function fromStore<T>(scope: RegistryScope, what: string, pick: (details: RegistryDetails, entry: RegistryEntry) => T | undefined): T {
  const entry = scope.entry;
  const found = entry.details ? pick(entry.details, entry) : undefined;
  if (found === undefined) throw new Error(l10n.t('{0} is not in the last read of {1} any more; refresh the view.', what, entry.registry.name));
  return found;
}
