import * as vscode from 'vscode';
import { connectionStatusText } from '../../common/azureValues';
import type { NetworkInterfaceIpConfiguration, PrivateEndpoint, PrivateEndpointConnection } from '../../model/types';
import { resourceName, sameId } from '../../model/armId';
import { fromStore, type RegistryScope, type TreeNode } from './node';
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
  constructor(readonly parent: RegistryScope) {
    this.id = `${parent.id}/privateEndpoints`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Private endpoints'), vscode.TreeItemCollapsibleState.Expanded);
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
        new EmptyNode(this, `${this.id}/empty`, vscode.l10n.t('No private endpoints — Create…'), {
          command: 'acrPrivateLink.createPrivateEndpoint',
          title: vscode.l10n.t('Create Private Endpoint'),
          arguments: [this.parent],
        }),
      ];
    }
    return connections.map((c) => new PrivateEndpointNode(this, c.id, c.privateEndpointId));
  }
}

/** An endpoint as the registry's connection sees it; the endpoint itself may be unreadable (another tenant). */
export class PrivateEndpointNode implements TreeNode {
  readonly kind = 'privateEndpoint';
  readonly id: string;
  constructor(
    readonly parent: PrivateEndpointsGroupNode,
    readonly connectionId: string,
    privateEndpointId: string | undefined,
  ) {
    this.id = privateEndpointId ?? connectionId;
  }
  get registryNode(): RegistryScope {
    return this.parent.parent;
  }
  /** The connection as the store holds it now. */
  get connection(): PrivateEndpointConnection {
    return fromStore(this.registryNode, `Connection ${resourceName(this.connectionId)}`, (d) => d.privateEndpointConnections.find((c) => sameId(c.id, this.connectionId)));
  }
  /** The endpoint, unless it is in a subscription or tenant we cannot read. */
  get privateEndpoint(): PrivateEndpoint | undefined {
    const endpointId = this.connection.privateEndpointId;
    return this.registryNode.entry.details?.privateEndpoints.find((pe) => sameId(pe.id, endpointId));
  }
  get resourceId(): string | undefined {
    return this.privateEndpoint?.id;
  }
  getTreeItem(): vscode.TreeItem {
    const connection = this.connection;
    const privateEndpoint = this.privateEndpoint;
    const name = connection.privateEndpointId ? resourceName(connection.privateEndpointId) : connection.name;
    const item = new vscode.TreeItem(name, privateEndpoint ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const where = privateEndpoint
      ? `${resourceName(privateEndpoint.virtualNetworkId)}/${resourceName(privateEndpoint.subnetId)}`
      : vscode.l10n.t('endpoint not readable (another subscription or tenant)');
    const status = connectionStatusText(connection.status);
    item.description = `${status} · ${where}`;
    item.tooltip = [
      vscode.l10n.t('Connection {0}: {1}', connection.name, status),
      connection.description ? `“${connection.description}”` : '',
      connection.privateEndpointId ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = connectionIcon(connection.status);
    // Without this, screen readers (and the workbench's accessible name) read the tooltip.
    item.accessibilityInformation = { label: `${name}, ${status}, ${where}` };
    item.contextValue = privateEndpoint
      ? ContextValue.privateEndpoint(connection.status)
      : ContextValue.connection(connection.status);
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.registryNode.loadDetails();
    const endpoint = this.privateEndpoint;
    const nics = details.networkInterfaces.filter((n) => endpoint?.networkInterfaceIds.some((id) => sameId(id, n.id)));
    const configs = nics.flatMap((n) => n.ipConfigurations.map((c) => ({ nicId: n.id, name: c.name })));
    if (configs.length === 0) return [new EmptyNode(this, `${this.id}/noNic`, vscode.l10n.t('No network interface found'))];
    return configs.map(({ nicId, name }) => new IpConfigurationNode(this, nicId, name));
  }
}

export class IpConfigurationNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: PrivateEndpointNode,
    private readonly nicId: string,
    private readonly name: string,
  ) {
    this.id = `${nicId}/ipConfigurations/${name}`;
  }
  get config(): NetworkInterfaceIpConfiguration {
    return fromStore(this.parent.registryNode, `IP configuration ${this.name}`, (d) =>
      d.networkInterfaces.find((n) => sameId(n.id, this.nicId))?.ipConfigurations.find((c) => c.name === this.name),
    );
  }
  getTreeItem(): vscode.TreeItem {
    const config = this.config;
    const item = new vscode.TreeItem(config.requiredMemberName ?? config.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${config.privateIPAddress} · ${config.fqdns.join(', ')}`;
    item.tooltip = `${config.requiredMemberName ?? config.name}\n${config.privateIPAddress}\n${config.fqdns.join('\n')}`;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    item.accessibilityInformation = { label: `${config.requiredMemberName ?? config.name}, ${config.privateIPAddress}` };
    item.contextValue = ContextValue.ipConfiguration;
    return item;
  }
}
