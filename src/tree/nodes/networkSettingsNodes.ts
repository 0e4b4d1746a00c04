import * as vscode from 'vscode';
import type { Finding } from '../../diagnosis/finding';
import { resourceName } from '../../model/armId';
import type { RegistryScope, TreeNode } from './node';
import { ContextValue } from '../contextValues';
import { EmptyNode, ErrorNode } from './messageNodes';

const severityIcons: Record<Finding['severity'], [string, string]> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  info: ['info', 'foreground'],
};

/** What each finding about the registry's network settings is called in the tree. */
function title(id: Finding['id']): string {
  switch (id) {
    case 'registry.tasksNeedVnetAgentPool':
      return vscode.l10n.t('ACR Tasks need an agent pool in the VNet');
    case 'registry.virtualNetworkRules':
      return vscode.l10n.t('Virtual network rules beside private link');
    case 'subnet.noRoomForReplica':
      return vscode.l10n.t('No address left for another replica');
    case 'endpoint.nsgBlocksHttps':
      return vscode.l10n.t('NSG denies HTTPS from the VNet');
    case 'check.unreadable':
      return vscode.l10n.t('Could not check');
    default:
      return id;
  }
}

/**
 * The registry's own network settings as the portal's Networking blade groups them — public access,
 * ACR Tasks and agent pools — with what is wrong in them, from the store's diagnosis.
 */
export class NetworkSettingsGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryScope) {
    this.id = `${parent.id}/networkSettings`;
  }
  getTreeItem(): vscode.TreeItem {
    const findings = this.parent.entry.diagnosis?.networkFindings ?? [];
    const item = new vscode.TreeItem(vscode.l10n.t('Network settings'), findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = vscode.l10n.t('public access {0}', this.parent.registry.publicNetworkAccess ?? vscode.l10n.t('unknown'));
    item.iconPath = new vscode.ThemeIcon('shield');
    item.contextValue = ContextValue.networkSettingsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    try {
      await this.parent.loadDetails();
    } catch (e) {
      return [new ErrorNode(this, `${this.id}/error`, vscode.l10n.t('Could not read the network settings'), e instanceof Error ? e.message : String(e))];
    }
    const findings = this.parent.entry.diagnosis?.networkFindings ?? [];
    if (findings.length === 0) return [new EmptyNode(this, `${this.id}/empty`, vscode.l10n.t('Nothing wrong found in the network settings'))];
    return findings.map((f) => new NetworkFindingNode(this, f));
  }
}

function severityWord(severity: Finding['severity']): string {
  return severity === 'error' ? vscode.l10n.t('error') : severity === 'warning' ? vscode.l10n.t('warning') : vscode.l10n.t('information');
}

/** One finding about the network settings: its message is the tooltip; a finding with a fix offers it. */
export class NetworkFindingNode implements TreeNode {
  readonly kind = 'networkFinding';
  readonly id: string;
  constructor(
    readonly parent: NetworkSettingsGroupNode,
    readonly finding: Finding,
  ) {
    this.id = `${parent.id}/${finding.key}`;
  }
  get registryNode(): RegistryScope {
    return this.parent.parent;
  }
  get resourceId(): string | undefined {
    return this.finding.subject.startsWith('/subscriptions/') ? this.finding.subject : undefined;
  }
  getTreeItem(): vscode.TreeItem {
    const f = this.finding;
    const item = new vscode.TreeItem(title(f.id), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = resourceName(f.subject);
    item.tooltip = f.message;
    const [icon, color] = severityIcons[f.severity];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}', severityWord(f.severity), f.message) };
    item.contextValue = ContextValue.networkFinding(f.fix !== undefined);
    return item;
  }
}
