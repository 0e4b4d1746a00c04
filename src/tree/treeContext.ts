import type { AzureSession } from '../session/azureSession';
import type { TreeNode } from './nodes/node';
import type { RegistryDetails } from '../session/azureModule';
import type { Registry, Subscription } from '../model/types';
import type { RegistryDiagnosis } from './registryDiagnosis';

/** What every node needs: Azure access, a way to ask for a repaint, and the registry's diagnosis. */
export interface TreeContext {
  readonly session: AzureSession;
  /** Repaint this node (and re-ask its children). */
  changed(node: TreeNode): void;
  diagnose(subscription: Subscription, registry: Registry, details: RegistryDetails): RegistryDiagnosis;
  /** Called by each registry node the tree shows, so commands and panels can find the node on screen. */
  shown(node: TreeNode): void;
  /** The registry's diagnosis changed: update its health badge. */
  healthChanged(registryId: string, diagnosis: RegistryDiagnosis | undefined): void;
  /** Writes a load failure to the log channel (the node shows a short form of it). */
  reportError(what: string, e: unknown): void;
}
