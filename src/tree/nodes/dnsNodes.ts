import * as vscode from 'vscode';
import type { PrivateDnsZone, VirtualNetworkLink } from '../../model/types';
import { resourceName, sameId } from '../../model/armId';
import type { TreeNode } from './node';
import type { RegistryNode } from './registryNode';
import type { DnsRecordRow } from '../registryDiagnosis';
import { ContextValue } from '../contextValues';
import { EmptyNode } from './messageNodes';

export class DnsGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryNode) {
    this.id = `${parent.id}/dns`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('DNS', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = ContextValue.dnsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.parent.loadDetails();
    const rows = this.parent.diagnosis?.records ?? [];
    const zones = details.privateDnsZones;
    const nodes: TreeNode[] = zones.map((z) => new PrivateDnsZoneNode(this, z));
    const homeless = rows.filter((r) => !r.privateDnsZoneId || !zones.some((z) => sameId(z.id, r.privateDnsZoneId)));
    if (zones.length === 0) {
      nodes.push(new EmptyNode(this, `${this.id}/noZone`, 'No privatelink.azurecr.io zone serves this registry'));
    }
    nodes.push(...homeless.map((r) => new DnsRecordNode(this, r)));
    return nodes;
  }
}

export class PrivateDnsZoneNode implements TreeNode {
  readonly kind = 'privateDnsZone';
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: DnsGroupNode,
    readonly zone: PrivateDnsZone,
  ) {
    // A zone can serve several registries: the registry id keeps the tree id unique.
    this.id = `${parent.parent.id}|${zone.id}`;
    this.resourceId = zone.id;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.zone.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `${this.zone.resourceGroup}`;
    item.tooltip = this.zone.id;
    const wrongName = this.zone.name.toLowerCase() !== 'privatelink.azurecr.io';
    item.iconPath = new vscode.ThemeIcon('symbol-namespace', wrongName ? new vscode.ThemeColor('list.warningForeground') : undefined);
    if (wrongName) item.description += ' · not named privatelink.azurecr.io';
    item.accessibilityInformation = { label: `${this.zone.name}, private DNS zone in ${this.zone.resourceGroup}` };
    item.contextValue = ContextValue.privateDnsZone;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const registryNode = this.parent.parent;
    const details = await registryNode.loadDetails();
    const links = details.virtualNetworkLinks.filter((l) => sameId(l.privateDnsZoneId, this.zone.id));
    const rows = (registryNode.diagnosis?.records ?? []).filter((r) => sameId(r.privateDnsZoneId, this.zone.id));
    return [new VirtualNetworkLinksGroupNode(this, links), ...rows.map((r) => new DnsRecordNode(this, r))];
  }
}

export class VirtualNetworkLinksGroupNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: PrivateDnsZoneNode,
    private readonly links: VirtualNetworkLink[],
  ) {
    this.id = `${parent.id}/virtualNetworkLinks`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Virtual network links', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.links.length);
    item.iconPath = new vscode.ThemeIcon('link');
    item.contextValue = ContextValue.virtualNetworkLinksGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    if (this.links.length === 0) return [new EmptyNode(this, `${this.id}/empty`, 'Not linked to any virtual network')];
    return this.links.map((l) => new VirtualNetworkLinkNode(this, l));
  }
}

export class VirtualNetworkLinkNode implements TreeNode {
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: VirtualNetworkLinksGroupNode,
    readonly link: VirtualNetworkLink,
  ) {
    this.id = `${parent.parent.id}|${link.id}`;
    this.resourceId = link.id;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.link.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `→ ${resourceName(this.link.virtualNetworkId)}${this.link.registrationEnabled ? ' · auto-registration on' : ''}`;
    item.tooltip = `${this.link.virtualNetworkId}\nState: ${this.link.virtualNetworkLinkState ?? 'unknown'}`;
    item.iconPath = new vscode.ThemeIcon('link');
    item.accessibilityInformation = { label: `${this.link.name}, linked to ${resourceName(this.link.virtualNetworkId)}` };
    item.contextValue = ContextValue.virtualNetworkLink;
    return item;
  }
}

const verdictIcons: Record<DnsRecordRow['verdict'], [string, string]> = {
  ok: ['pass', 'testing.iconPassed'],
  missing: ['warning', 'list.errorForeground'],
  wrongIp: ['error', 'list.errorForeground'],
  orphaned: ['trash', 'list.warningForeground'],
  public: ['globe', 'list.errorForeground'],
  nxdomain: ['circle-slash', 'list.errorForeground'],
  unknown: ['question', 'list.warningForeground'],
};

const verdictLabels: Record<DnsRecordRow['verdict'], string> = {
  ok: 'ok',
  missing: 'missing',
  wrongIp: 'wrong IP',
  orphaned: 'stale',
  public: 'resolves public',
  nxdomain: 'NXDOMAIN',
  unknown: 'unknown',
};

/** An A record the registry needs (or has): its IPs and its verdict. Missing records are shown too. */
export class DnsRecordNode implements TreeNode {
  readonly kind = 'dnsRecord';
  readonly id: string;
  readonly resourceId: string | undefined;
  constructor(
    readonly parent: TreeNode,
    readonly row: DnsRecordRow,
  ) {
    this.resourceId = row.recordSet?.id;
    this.id = `${registryIdOf(parent)}|${row.recordSet?.id ?? `${row.privateDnsZoneId ?? 'noZone'}/A/${row.recordSetName}`}`;
  }
  get registryNode(): RegistryNode {
    let node: TreeNode | undefined = this.parent;
    while (node && !(node as RegistryNode).registry) node = node.parent;
    return node as RegistryNode;
  }
  getTreeItem(): vscode.TreeItem {
    const row = this.row;
    const item = new vscode.TreeItem(row.recordSetName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const ips = row.recordSet?.ipv4Addresses.join(', ') || '—';
    const expected = row.expectedIps.length > 0 ? ` (expected ${row.expectedIps.join(', ')})` : '';
    item.description = `${verdictLabels[row.verdict]} · ${ips}${row.verdict === 'ok' ? '' : expected}`;
    item.tooltip = `${row.fqdn}\n${row.explanation}`;
    const [icon, color] = verdictIcons[row.verdict];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = ContextValue.dnsRecord(row.verdict, row.recordSet !== undefined);
    item.accessibilityInformation = { label: `${row.recordSetName}, ${verdictLabels[row.verdict]}, ${ips}` };
    return item;
  }
}

function registryIdOf(node: TreeNode | undefined): string {
  while (node && !(node as RegistryNode).registry) node = node.parent;
  return node?.id ?? '';
}
