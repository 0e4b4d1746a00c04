import * as vscode from 'vscode';
import type { Replication } from '../../model/types';
import { sameId } from '../../model/armId';
import { fromStore, type RegistryScope, type TreeNode } from './node';
import { ContextValue } from '../contextValues';
import { EmptyNode } from './messageNodes';
import { dataEndpointHostName } from '../../model/hostNames';

export class ReplicationsGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryScope) {
    this.id = `${parent.id}/replications`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Replicas'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    // Before a replica is added: a subnet of the registry's endpoints without an address for it.
    const full = (this.parent.entry.diagnosis?.networkFindings ?? []).filter((f) => f.id === 'subnet.noRoomForReplica');
    if (full.length > 0) {
      item.description = vscode.l10n.t('no address left for another replica');
      item.tooltip = full.map((f) => f.message).join('\n\n');
    }
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = ContextValue.replicationsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.parent.loadDetails();
    if (details.replications.length === 0) return [new EmptyNode(this, `${this.id}/empty`, vscode.l10n.t('No geo-replicas'))];
    return details.replications.map((r) => new ReplicationNode(this, r.id));
  }
}

export class ReplicationNode implements TreeNode {
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: ReplicationsGroupNode,
    replicationId: string,
  ) {
    this.id = replicationId;
    this.resourceId = replicationId;
  }
  get replication(): Replication {
    return fromStore(this.parent.parent, `Replica ${this.id}`, (d) => d.replications.find((r) => sameId(r.id, this.id)));
  }
  getTreeItem(): vscode.TreeItem {
    const registry = this.parent.parent.registry;
    const replication = this.replication;
    const item = new vscode.TreeItem(replication.location, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const dataHost = dataEndpointHostName(registry, replication.location);
    item.description = dataHost;
    item.tooltip = `${vscode.l10n.t('Replica {0} in {1}\nData endpoint {2}', replication.name, replication.location, dataHost)}\n${replication.provisioningState ?? ''}`;
    item.iconPath = new vscode.ThemeIcon('location');
    item.accessibilityInformation = { label: `${replication.location}, replica, ${dataHost}` };
    item.contextValue = ContextValue.replication;
    return item;
  }
}
