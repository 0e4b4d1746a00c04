import * as vscode from 'vscode';
import type { NetworkInterfaceIpConfiguration, PrivateEndpoint, PrivateEndpointConnection } from '../../model/types';
import { resourceName, sameId } from '../../model/armId';
import type { TreeNode } from './node';
import type { RegistryNode } from './registryNode';
import { ContextValue } from '../contextValues';
import { EmptyNode } from './messageNodes';

const stateIcons: Record<string, [string, string | undefined]> = {
  Approved: ['pass', 'testing.iconPassed'],
  Pending: ['clock', 'list.warningForeground'],
  Rejected: ['error', 'list.errorForeground'],
  Disconnected: ['debug-disconnect', 'list.errorForeground'],
};

function connectionIcon(status: string): vscode.ThemeIcon {
  const [icon, color] = stateIcons[status] ?? ['question', undefined];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

export class PrivateEndpointsGroupNode implements TreeNode {
  readonly kind = 'privateEndpointsGroup';
  readonly id: string;
  constructor(readonly parent: RegistryNode) {
    this.id = `${parent.id}/privateEndpoints`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Private endpoints', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = ContextValue.privateEndpointsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.parent.loadDetails();
    const connections = details.privateEndpointConnections;
    if (connections.length === 0) {
      return [
        new EmptyNode(this, `${this.id}/empty`, 'No private endpoints — Create…', {
          command: 'acrPrivateLink.createPrivateEndpoint',
          title: 'Create Private Endpoint',
          arguments: [this.parent],
        }),
      ];
    }
    return connections.map((c) => {
      const endpoint = details.privateEndpoints.find((pe) => sameId(pe.id, c.privateEndpointId));
      return new PrivateEndpointNode(this, c, endpoint);
    });
  }
}

/** An endpoint as the registry's connection sees it; the endpoint itself may be unreadable (another tenant). */
export class PrivateEndpointNode implements TreeNode {
  readonly kind = 'privateEndpoint';
  readonly id: string;
  readonly resourceId: string | undefined;
  constructor(
    readonly parent: PrivateEndpointsGroupNode,
    readonly connection: PrivateEndpointConnection,
    readonly privateEndpoint: PrivateEndpoint | undefined,
  ) {
    this.id = connection.privateEndpointId ?? connection.id;
    this.resourceId = privateEndpoint?.id;
  }
  get registryNode(): RegistryNode {
    return this.parent.parent;
  }
  getTreeItem(): vscode.TreeItem {
    const name = this.connection.privateEndpointId ? resourceName(this.connection.privateEndpointId) : this.connection.name;
    const item = new vscode.TreeItem(name, this.privateEndpoint ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const where = this.privateEndpoint
      ? `${resourceName(this.privateEndpoint.virtualNetworkId)}/${resourceName(this.privateEndpoint.subnetId)}`
      : 'endpoint not readable (another subscription or tenant)';
    item.description = `${this.connection.status} · ${where}`;
    item.tooltip = [
      `Connection ${this.connection.name}: ${this.connection.status}`,
      this.connection.description ? `“${this.connection.description}”` : '',
      this.connection.privateEndpointId ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = connectionIcon(this.connection.status);
    // Without this, screen readers (and the workbench's accessible name) read the tooltip.
    item.accessibilityInformation = { label: `${name}, ${this.connection.status}, ${where}` };
    item.contextValue = this.privateEndpoint
      ? ContextValue.privateEndpoint(this.connection.status)
      : ContextValue.connection(this.connection.status);
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.registryNode.loadDetails();
    const nics = details.networkInterfaces.filter((n) => this.privateEndpoint?.networkInterfaceIds.some((id) => sameId(id, n.id)));
    const configs = nics.flatMap((n) => n.ipConfigurations.map((c) => ({ nicId: n.id, config: c })));
    if (configs.length === 0) return [new EmptyNode(this, `${this.id}/noNic`, 'No network interface found')];
    return configs.map(({ nicId, config }) => new IpConfigurationNode(this, `${nicId}/ipConfigurations/${config.name}`, config));
  }
}

export class IpConfigurationNode implements TreeNode {
  constructor(
    readonly parent: PrivateEndpointNode,
    readonly id: string,
    readonly config: NetworkInterfaceIpConfiguration,
  ) {}
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.config.requiredMemberName ?? this.config.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.config.privateIPAddress} · ${this.config.fqdns.join(', ')}`;
    item.tooltip = `${this.config.requiredMemberName ?? this.config.name}\n${this.config.privateIPAddress}\n${this.config.fqdns.join('\n')}`;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    item.accessibilityInformation = { label: `${this.config.requiredMemberName ?? this.config.name}, ${this.config.privateIPAddress}` };
    item.contextValue = ContextValue.ipConfiguration;
    return item;
  }
}
