import * as vscode from 'vscode';
import type { PrivateDnsZone, VirtualNetworkLink } from '../../model/types';
import { resourceName, sameId } from '../../model/armId';
import { fromStore, registryScopeOf, type RegistryScope, type TreeNode } from './node';
import type { DnsRecordRow } from '../../state/registryDiagnosis';
import type { Finding } from '../../diagnosis/finding';
import { verdictWord } from '../../diagnosis/verdictWords';
import { ContextValue } from '../contextValues';
import { EmptyNode } from './messageNodes';

export class DnsGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryScope) {
    this.id = `${parent.id}/dns`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('DNS'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    // Name resolution: where a name leads.
    item.iconPath = new vscode.ThemeIcon('compass');
    item.contextValue = ContextValue.dnsGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    const details = await this.parent.loadDetails();
    const rows = this.parent.entry.diagnosis?.records ?? [];
    const zones = details.privateDnsZones;
    const nodes: TreeNode[] = zones.map((z) => new PrivateDnsZoneNode(this, z.id));
    const homeless = rows.filter((r) => !r.privateDnsZoneId || !zones.some((z) => sameId(z.id, r.privateDnsZoneId)));
    if (zones.length === 0) {
      // A zone list that failed says nothing about whether a zone exists.
      const unread = details.errors.find((e) => e.read === 'privateDnsZones');
      const text = unread
        ? vscode.l10n.t('Could not check: the private DNS zones could not be read ({0})', [unread.status, unread.code].filter((p) => p !== undefined).join(' '))
        : vscode.l10n.t('No privatelink.azurecr.io zone serves this registry');
      nodes.push(new EmptyNode(this, `${this.id}/noZone`, text));
    }
    nodes.push(...homeless.map((r) => new DnsRecordNode(this, r)));
    // What a VNet really resolves: its own DNS servers, a peered VNet without the zone.
    const vnetFindings = (this.parent.entry.diagnosis?.findings ?? []).filter((f) => f.id.startsWith('dns.vnet.') && f.virtualNetworkId);
    nodes.push(...vnetFindings.map((f) => new VirtualNetworkDnsNode(this, f.key)));
    return nodes;
  }
}

function vnetFindingLabel(id: string): string {
  switch (id) {
    case 'dns.vnet.dnsServersUnproven':
      return vscode.l10n.t('depends on your DNS servers');
    case 'dns.vnet.dnsServersResolvePublic':
      return vscode.l10n.t('its DNS servers resolve the public IP');
    case 'dns.vnet.peeredNotLinked':
      return vscode.l10n.t('peered, zone not linked: resolves the public IP');
    default:
      return id;
  }
}

/** A VNet whose answer Azure's configuration cannot prove, or proves public: one finding, its message and fix plan. */
export class VirtualNetworkDnsNode implements TreeNode {
  readonly kind = 'virtualNetworkDns';
  readonly id: string;
  constructor(
    readonly parent: DnsGroupNode,
    readonly findingKey: string,
  ) {
    this.id = `${parent.parent.id}|vnetDns|${findingKey}`;
  }
  get finding(): Finding {
    return fromStore(this.parent.parent, `VNet DNS finding ${this.findingKey}`, (_d, entry) => entry.diagnosis?.findings.find((f) => f.key === this.findingKey));
  }
  get resourceId(): string | undefined {
    return this.finding.virtualNetworkId;
  }
  get registryNode(): RegistryScope {
    return this.parent.parent;
  }
  getTreeItem(): vscode.TreeItem {
    const f = this.finding;
    const vnet = resourceName(f.virtualNetworkId ?? f.subject);
    const item = new vscode.TreeItem(vnet, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = f.fix ? vscode.l10n.t('{0} · fix: {1}', vnetFindingLabel(f.id), f.fix.title) : vnetFindingLabel(f.id);
    item.tooltip = f.message;
    const [icon, color] = f.severity === 'error' ? ['error', 'list.errorForeground'] : f.severity === 'warning' ? ['warning', 'list.warningForeground'] : ['info', 'foreground'];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = ContextValue.virtualNetworkDns(f.fix !== undefined);
    item.accessibilityInformation = { label: `${vnet}, ${vnetFindingLabel(f.id)}` };
    return item;
  }
}

export class PrivateDnsZoneNode implements TreeNode {
  readonly kind = 'privateDnsZone';
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: DnsGroupNode,
    readonly zoneId: string,
  ) {
    // A zone can serve several registries: the registry id keeps the tree id unique.
    this.id = `${parent.parent.id}|${zoneId}`;
    this.resourceId = zoneId;
  }
  get registryNode(): RegistryScope {
    return this.parent.parent;
  }
  get zone(): PrivateDnsZone {
    return fromStore(this.registryNode, `Zone ${resourceName(this.zoneId)}`, (d) => d.privateDnsZones.find((z) => sameId(z.id, this.zoneId)));
  }
  getTreeItem(): vscode.TreeItem {
    const zone = this.zone;
    const item = new vscode.TreeItem(zone.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `${zone.resourceGroup}`;
    item.tooltip = zone.id;
    const wrongName = zone.name.toLowerCase() !== 'privatelink.azurecr.io';
    // A zone is the database its record sets live in; links use `link`, records their verdict's icon.
    item.iconPath = new vscode.ThemeIcon('database', wrongName ? new vscode.ThemeColor('list.warningForeground') : undefined);
    if (wrongName) item.description += vscode.l10n.t(' · not named privatelink.azurecr.io');
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, private DNS zone in {1}', zone.name, zone.resourceGroup) };
    item.contextValue = ContextValue.privateDnsZone;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    await this.registryNode.loadDetails();
    const rows = (this.registryNode.entry.diagnosis?.records ?? []).filter((r) => sameId(r.privateDnsZoneId, this.zoneId));
    return [new VirtualNetworkLinksGroupNode(this), ...rows.map((r) => new DnsRecordNode(this, r))];
  }
}

export class VirtualNetworkLinksGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: PrivateDnsZoneNode) {
    this.id = `${parent.id}/virtualNetworkLinks`;
  }
  private get links(): VirtualNetworkLink[] {
    return (this.parent.registryNode.entry.details?.virtualNetworkLinks ?? []).filter((l) => sameId(l.privateDnsZoneId, this.parent.zoneId));
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Virtual network links'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.links.length);
    item.iconPath = new vscode.ThemeIcon('link');
    item.contextValue = ContextValue.virtualNetworkLinksGroup;
    return item;
  }
  async getChildren(): Promise<TreeNode[]> {
    await this.parent.registryNode.loadDetails();
    const links = this.links;
    if (links.length === 0) return [new EmptyNode(this, `${this.id}/empty`, vscode.l10n.t('Not linked to any virtual network'))];
    return links.map((l) => new VirtualNetworkLinkNode(this, l.id));
  }
}

export class VirtualNetworkLinkNode implements TreeNode {
  readonly id: string;
  readonly resourceId: string;
  constructor(
    readonly parent: VirtualNetworkLinksGroupNode,
    linkId: string,
  ) {
    this.id = `${parent.parent.id}|${linkId}`;
    this.resourceId = linkId;
  }
  get link(): VirtualNetworkLink {
    return fromStore(this.parent.parent.registryNode, vscode.l10n.t('Virtual network link {0}', resourceName(this.resourceId)), (d) => d.virtualNetworkLinks.find((l) => sameId(l.id, this.resourceId)));
  }
  getTreeItem(): vscode.TreeItem {
    const link = this.link;
    const item = new vscode.TreeItem(link.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `→ ${resourceName(link.virtualNetworkId)}${link.registrationEnabled ? ` · ${vscode.l10n.t('auto-registration on')}` : ''}`;
    item.tooltip = `${link.virtualNetworkId}\n${vscode.l10n.t('State: {0}', link.virtualNetworkLinkState ?? vscode.l10n.t('unknown'))}`;
    item.iconPath = new vscode.ThemeIcon('link');
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, linked to {1}', link.name, resourceName(link.virtualNetworkId)) };
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
  unknown: ['question', 'disabledForeground'],
};

/** An A record the registry needs (or has): its IPs and its verdict, from the store's diagnosis. Missing records are shown too. */
export class DnsRecordNode implements TreeNode {
  readonly kind = 'dnsRecord';
  readonly id: string;
  readonly privateDnsZoneId: string | undefined;
  readonly recordSetName: string;
  constructor(
    readonly parent: TreeNode,
    row: DnsRecordRow,
  ) {
    this.privateDnsZoneId = row.privateDnsZoneId;
    this.recordSetName = row.recordSetName;
    this.id = `${this.registryNode.id}|${row.privateDnsZoneId ?? 'noZone'}/A/${row.recordSetName}`;
  }
  get registryNode(): RegistryScope {
    return registryScopeOf(this.parent)!;
  }
  /** The record's row in the registry's diagnosis as the store holds it now. */
  get row(): DnsRecordRow {
    return fromStore(this.registryNode, `Record ${this.recordSetName}`, (_d, entry) => findRecordRow(entry.diagnosis?.records ?? [], this.privateDnsZoneId, this.recordSetName));
  }
  get resourceId(): string | undefined {
    return this.row.recordSet?.id;
  }
  getTreeItem(): vscode.TreeItem {
    const row = this.row;
    const item = new vscode.TreeItem(row.recordSetName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const ips = row.recordSet?.ipv4Addresses.join(', ') || '—';
    const expected = row.expectedIps.length > 0 ? ` ${vscode.l10n.t('(expected {0})', row.expectedIps.join(', '))}` : '';
    item.description = `${verdictWord(row.verdict)} · ${ips}${row.verdict === 'ok' ? '' : expected}`;
    item.tooltip = `${row.fqdn}\n${row.explanation}`;
    const [icon, color] = verdictIcons[row.verdict];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = ContextValue.dnsRecord(row.verdict, row.recordSet !== undefined);
    item.accessibilityInformation = { label: `${row.recordSetName}, ${verdictWord(row.verdict)}, ${ips}` };
    return item;
  }
}

/** A record's row among a diagnosis's rows: by zone and record set name. */
export function findRecordRow(rows: DnsRecordRow[], privateDnsZoneId: string | undefined, recordSetName: string): DnsRecordRow | undefined {
  return rows.find((r) => r.recordSetName === recordSetName && (r.privateDnsZoneId === undefined ? privateDnsZoneId === undefined : sameId(r.privateDnsZoneId, privateDnsZoneId)));
}
