import * as vscode from 'vscode';
import { hasHashedLoginServer } from '../../model/hostNames';
import type { Registry } from '../../model/types';
import type { RegistryDetails } from '../../session/azureModule';
import type { ConnectivityResult, RegistryEntry } from '../../state/registryStore';
import type { RegistryScope, SubscriptionScope, TreeNode } from './node';
import type { TreeContext } from '../treeContext';
import { ContextValue } from '../contextValues';
import { healthUri } from '../healthDecorations';
import { publicNetworkAccessText } from '../../common/azureValues';
import { ErrorNode, errorMessage } from './messageNodes';
import { PrivateEndpointsGroupNode } from './privateEndpointNodes';
import { ReplicationsGroupNode } from './replicationNodes';
import { DnsGroupNode } from './dnsNodes';
import { NetworkSettingsGroupNode } from './networkSettingsNodes';
import { ConnectivityGroupNode } from './connectivityNodes';

/** A container registry. Its details (endpoints, NICs, zones, records) are read once, through the registry store, for all its children. */
export class RegistryNode implements RegistryScope {
  readonly kind = 'registry';
  readonly id: string;
  readonly resourceId: string;
  /** The store version the view last built the children from (the tree repaints the node when the store moves past it). */
  childrenVersion: number | undefined;

  constructor(
    readonly ctx: TreeContext,
    readonly parent: SubscriptionScope,
    readonly registryId: string,
  ) {
    this.id = registryId;
    this.resourceId = registryId;
    ctx.shown(this);
  }

  get entry(): RegistryEntry {
    const entry = this.ctx.store.get(this.registryId);
    if (!entry) throw new Error(vscode.l10n.t('{0} is not in the registry store; refresh the view.', this.registryId));
    return entry;
  }

  /** The registry as the store holds it: listed, or read again after a refresh or a write. */
  get registry(): Registry {
    return this.entry.registry;
  }

  get connectivity(): ConnectivityResult | undefined {
    return this.ctx.store.connectivity(this.registryId);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.registry;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.description();
    item.resourceUri = healthUri(r.id);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(r.name)}** (${escapeMarkdown(r.sku)}, ${escapeMarkdown(r.location)})\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Login server: {0}', codeSpan(r.loginServer))}\n\n`);
    if (r.dataEndpointHostNames.length > 0) {
      tooltip.appendMarkdown(`${vscode.l10n.t('Dedicated data endpoints: {0}', r.dataEndpointHostNames.map(codeSpan).join(', '))}\n\n`);
    } else if (r.dataEndpointEnabled === false) {
      tooltip.appendMarkdown(`${vscode.l10n.t('No dedicated data endpoints: a client outside the VNet can be sent to storage for layers ({0})', codeSpan('*.blob.core.windows.net'))}\n\n`);
    }
    tooltip.appendMarkdown(vscode.l10n.t('Public network access: {0}', escapeMarkdown(publicNetworkAccessText(r.publicNetworkAccess))));
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon('package');
    item.accessibilityInformation = { label: `${r.name}, ${item.description}` };
    item.contextValue = ContextValue.registry;
    return item;
  }

  /** SKU, region, public access and endpoints; the health badge is a decoration (healthDecorations.ts). */
  private description(): string {
    const { registry: r, details } = this.entry;
    // The connections read with the details are fresher than the listing's.
    const connections = details?.privateEndpointConnections ?? r.privateEndpointConnections;
    const pending = connections.filter((c) => c.status === 'Pending').length;
    const parts = [r.sku, r.location, publicAccessWords(r.publicNetworkAccess)];
    // A domain-name-label hash makes the login server differ from the name: clients must use it.
    if (hasHashedLoginServer(r)) parts.unshift(r.loginServer);
    const endpoints = connections.length === 1 ? vscode.l10n.t('1 endpoint') : vscode.l10n.t('{0} endpoints', connections.length);
    parts.push(pending ? vscode.l10n.t('{0} ({1} pending)', endpoints, pending) : endpoints);
    return parts.join(' · ');
  }

  /** The registry's details from the store, read (lean, as the tree needs them) if it holds none current. */
  async loadDetails(): Promise<RegistryDetails> {
    const entry = await this.ctx.store.read(this.registryId);
    return entry.details!;
  }

  async getChildren(): Promise<TreeNode[]> {
    try {
      await this.loadDetails();
    } catch (e) {
      this.ctx.reportError(vscode.l10n.t('Reading {0}', this.registryId), e);
      return [new ErrorNode(this, `${this.id}/error`, vscode.l10n.t('Could not load {0}: {1}', this.registry.name, errorMessage(e)), errorMessage(e))];
    }
    const groups: TreeNode[] = [new PrivateEndpointsGroupNode(this), new ReplicationsGroupNode(this), new DnsGroupNode(this), new NetworkSettingsGroupNode(this)];
    // Once the status panel checked connectivity in this session: its latest result, from its time.
    if (this.connectivity) groups.push(new ConnectivityGroupNode(this));
    return groups;
  }
}

/**
 * Text as Markdown code: backslash escapes are not read inside a code span (they would show), so
 * the fence is one backtick longer than the longest run of backticks in the text.
 */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);
}

/** `public access off`, `on`, or `unknown` when Azure's answer did not say. */
function publicAccessWords(access: string | undefined): string {
  if (access === undefined) return vscode.l10n.t('public access unknown');
  return access.toLowerCase() === 'disabled' ? vscode.l10n.t('public access off') : vscode.l10n.t('public access on');
}
