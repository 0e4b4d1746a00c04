import * as vscode from 'vscode';
import type { Replication } from '../../model/types';
import type { TreeNode } from './node';
import type { RegistryNode } from './registryNode';
import { ContextValue } from '../contextValues';
import { EmptyNode } from './messageNodes';

export class ReplicationsGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryNode) {
    this.id = `${parent.id}/replications`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Replicas', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = ContextValue.replicationsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.parent.loadDetails();
    if (details.replications.length === 0) return [new EmptyNode(this, `${this.id}/empty`, 'No geo-replicas')];
    return details.replications.map((r) => new ReplicationNode(this, r));
  }
}

export class ReplicationNode implements TreeNode {
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: ReplicationsGroupNode,
    readonly replication: Replication,
  ) {
    this.id = replication.id;
    this.resourceId = replication.id;
  }
  getTreeItem(): vscode.TreeItem {
    const registry = this.parent.parent.registry;
    const item = new vscode.TreeItem(this.replication.location, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const dataHost = `${registry.name}.${this.replication.location}.data.azurecr.io`;
    item.description = dataHost;
    item.tooltip = `Replica ${this.replication.name} in ${this.replication.location}\nData endpoint ${dataHost}\n${this.replication.provisioningState ?? ''}`;
    item.iconPath = new vscode.ThemeIcon('location');
    item.accessibilityInformation = { label: `${this.replication.location}, replica, ${dataHost}` };
    item.contextValue = ContextValue.replication;
    return item;
  }
}
