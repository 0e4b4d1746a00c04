import * as vscode from 'vscode';
import type { PrivateEndpointConnection, Registry } from '../../model/types';
import type { RegistryDetails } from '../../session/azureModule';
import type { TreeNode } from './node';
import type { TreeContext } from '../treeContext';
import type { SubscriptionNode } from './subscriptionNode';
import { ContextValue } from '../contextValues';
import type { RegistryDiagnosis } from '../registryDiagnosis';
import { healthUri } from '../healthDecorations';
import { ErrorNode, errorMessage } from './messageNodes';
import { PrivateEndpointsGroupNode } from './privateEndpointNodes';
import { ReplicationsGroupNode } from './replicationNodes';
import { DnsGroupNode } from './dnsNodes';

/** A container registry; its details (endpoints, NICs, zones, records) load once for all its children. */
export class RegistryNode implements TreeNode {
  readonly kind = 'registry';
  readonly id: string;
  readonly resourceId: string;
  private details: Promise<RegistryDetails> | undefined;
  /** The details last loaded, kept across a reset so that reading them again can start at once. */
  private lastDetails: RegistryDetails | undefined;
  diagnosis: RegistryDiagnosis | undefined;
  /** The connections as last read with the details (fresher than the registry listing's). */
  private connections: PrivateEndpointConnection[] | undefined;
  private stale = false;

  constructor(
    readonly ctx: TreeContext,
    readonly parent: SubscriptionNode,
    private current: Registry,
  ) {
    this.id = current.id;
    this.resourceId = current.id;
    ctx.shown(this);
  }

  /** The registry as last read: from the subscription's list, or re-read after a refresh. */
  get registry(): Registry {
    return this.current;
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.registry;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.description();
    item.resourceUri = healthUri(r.id);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(r.name)}** (${escapeMarkdown(r.sku)}, ${escapeMarkdown(r.location)})\n\n`);
    tooltip.appendMarkdown(`Login server: \`${escapeMarkdown(r.loginServer)}\`\n\n`);
    if (r.dataEndpointHostNames.length > 0) {
      tooltip.appendMarkdown(`Data endpoints: ${r.dataEndpointHostNames.map((h) => `\`${escapeMarkdown(h)}\``).join(', ')}\n\n`);
    }
    tooltip.appendMarkdown(`Public network access: ${escapeMarkdown(r.publicNetworkAccess)}`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon('package');
    item.accessibilityInformation = { label: `${r.name}, ${item.description}` };
    item.contextValue = ContextValue.registry;
    return item;
  }

  /** SKU, region, public access and endpoints; the health badge is a decoration (healthDecorations.ts). */
  private description(): string {
    const r = this.registry;
    const connections = this.connections ?? r.privateEndpointConnections;
    const pending = connections.filter((c) => c.status === 'Pending').length;
    const parts = [r.sku, r.location, `public access ${r.publicNetworkAccess === 'Disabled' ? 'off' : 'on'}`];
    parts.push(`${connections.length} endpoint${connections.length === 1 ? '' : 's'}${pending ? ` (${pending} pending)` : ''}`);
    return parts.join(' · ');
  }

  /**
   * Loads (once) everything under the registry; the diagnosis is computed with it. The tree's load is
   * lean; `complete` (the status panel) also reads what a lean load skipped.
   */
  loadDetails(options: { complete?: boolean } = {}): Promise<RegistryDetails> {
    if (!this.details) {
      const loader = this.ctx.session.getServices().loader;
      // After a refresh the listing's copy is stale (connection states, public access): read it again,
      // with what its details needed last time already on the way.
      if (this.stale && this.lastDetails) loader.prefetchRegistryDetails(this.current, this.lastDetails, { lean: !options.complete });
      const registry = this.stale ? loader.getRegistry(this.current.id) : Promise.resolve(this.current);
      this.details = registry
        .then((r) => {
          this.current = r;
          this.stale = false;
          // Lean: what cannot change the tree's verdict is left for the status panel to read.
          return loader.loadRegistryDetails(r, { lean: !options.complete });
        })
        .then((details) => {
          this.lastDetails = details;
          this.connections = details.privateEndpointConnections;
          this.diagnosis = this.ctx.diagnose(this.parent.subscription, this.registry, details);
          this.ctx.healthChanged(this.registry.id, this.diagnosis);
          return details;
        });
      this.details.catch(() => (this.details = undefined));
    } else if (options.complete) {
      const loader = this.ctx.session.getServices().loader;
      const lean = this.details;
      this.details = lean.then((d) => loader.completeRegistryDetails(this.current, d));
      this.details.catch(() => (this.details = lean));
    }
    return this.details;
  }

  /** Forget loaded details so the next expansion reads Azure again. */
  reset(): void {
    this.details = undefined;
    this.diagnosis = undefined;
    this.stale = true;
  }

  async getChildren(): Promise<TreeNode[]> {
    try {
      await this.loadDetails();
    } catch (e) {
      this.ctx.reportError(`Loading ${this.registry.id}`, e);
      return [new ErrorNode(this, `${this.id}/error`, `Could not load ${this.registry.name}: ${errorMessage(e)}`, errorMessage(e))];
    }
    return [new PrivateEndpointsGroupNode(this), new ReplicationsGroupNode(this), new DnsGroupNode(this)];
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);
}
