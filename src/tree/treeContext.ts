import type { AzureSession } from '../session/azureSession';
import type { RegistryStore } from '../state/registryStore';
import type { TreeNode } from './nodes/node';

/** What every node needs: Azure access, the registry store, and a way to ask for a repaint. */
export interface TreeContext {
  readonly session: AzureSession;
  readonly store: RegistryStore;
  /** Repaint this node (and re-ask its children). */
  changed(node: TreeNode): void;
  /** Called by each registry node the tree shows, so commands and panels can find the node on screen. */
  shown(node: TreeNode): void;
  /** Writes a load failure to the log channel (the node shows a short form of it). */
  reportError(what: string, e: unknown): void;
}
