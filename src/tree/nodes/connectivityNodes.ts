import * as vscode from 'vscode';
import type { Finding } from '../../diagnosis/finding';
import type { HostConnectivity } from '../../diagnosis/connectivity/types';
import type { ConnectivityResult } from '../../state/registryStore';
import type { RegistryScope, TreeNode } from './node';
import { ContextValue } from '../contextValues';
import { formatTimeOfDay } from '../../common/displayTime';

const severityIcons: Record<Finding['severity'], [string, string]> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  info: ['info', 'foreground'],
};

/** The check's time of day, as VS Code's display language writes it. */
function timeOf(iso: string): string {
  return formatTimeOfDay(iso, vscode.env.language);
}

/**
 * The registry's latest connectivity check of the session (the status panel's Check connectivity),
 * shown from its time: one node per host with its finding's severity. Once the registry changed
 * since (and for good, until checked again), or when whether it changed cannot be told, the results
 * carry no severity: they describe it as it was.
 */
export class ConnectivityGroupNode implements TreeNode {
  readonly id: string;
  constructor(readonly parent: RegistryScope) {
    this.id = `${parent.id}/connectivity`;
  }
  private get result(): ConnectivityResult | undefined {
    return this.parent.connectivity;
  }
  getTreeItem(): vscode.TreeItem {
    const c = this.result;
    const findings = c && !c.outdated ? c.findings : [];
    const item = new vscode.TreeItem(vscode.l10n.t('Connectivity'), findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const from = c ? vscode.l10n.t('from {0}', timeOf(c.report.checkedAt)) : '';
    item.description = !c?.outdated
      ? from
      : c.changed
        ? vscode.l10n.t('{0} · outdated: the registry changed since', from)
        : c.undetermined?.length
          ? vscode.l10n.t('{0} · could not check whether the registry changed since: part of it could not be read', from)
          : vscode.l10n.t('{0} · could not check whether the registry changed since: it is not read', from);
    item.tooltip = !c?.outdated
      ? vscode.l10n.t('Checked from the machine the extension runs on at {0}: resolve, TCP 443, TLS for the public name, GET /v2/. Check again in the status panel.', c ? timeOf(c.report.checkedAt) : '')
      : c.changed
        ? vscode.l10n.t(
            'Checked from the machine the extension runs on at {0}. The registry changed after this check (its hosts, endpoint addresses, DNS records, connections, public network access, endpoint subnets, or the security rules or routes that apply to its endpoints): these results describe it as it was, even if it was changed back since. Check connectivity again in the status panel.',
            timeOf(c.report.checkedAt),
          )
        : c.undetermined?.length
          ? vscode.l10n.t(
              'Checked from the machine the extension runs on at {0}. Whether the registry changed since cannot be checked ({1}): these results are not verdicts on it as it is. Check connectivity again once it can be read.',
              timeOf(c.report.checkedAt),
              c.undetermined.join('; '),
            )
          : vscode.l10n.t('Checked from the machine the extension runs on at {0}. The registry\'s details are not read now, so whether it changed since cannot be checked: these results are not verdicts on it as it is.', timeOf(c.report.checkedAt));
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = ContextValue.connectivityGroup;
    return item;
  }
  getChildren(): Promise<TreeNode[]> {
    const c = this.result;
    return Promise.resolve(c ? c.report.results.map((r) => new HostConnectivityNode(this, r.host)) : []);
  }
}

/** One host of the check: its outcome, the address dialed, and the finding about it (its message as tooltip). */
export class HostConnectivityNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: ConnectivityGroupNode,
    readonly host: string,
  ) {
    this.id = `${parent.id}/${host}`;
  }
  getTreeItem(): vscode.TreeItem {
    const c = this.parent.parent.connectivity;
    const r = c?.report.results.find((x) => x.host === this.host);
    const item = new vscode.TreeItem(this.host, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ContextValue.hostConnectivity;
    if (!c || !r) {
      item.description = vscode.l10n.t('not checked');
      return item;
    }
    const finding = c.findings.find((f) => f.subject === this.host);
    const outcome = outcomeWords(r, finding);
    const at = r.address ? ` · ${r.address}` : '';
    if (c.outdated) {
      item.description = c.changed ? vscode.l10n.t('outdated · was: {0}{1}', outcome, at) : vscode.l10n.t('not known to be current · was: {0}{1}', outcome, at);
      item.iconPath = new vscode.ThemeIcon('history');
      item.tooltip = c.changed ? vscode.l10n.t('From {0}, before the registry changed: {1}', timeOf(c.report.checkedAt), finding?.message ?? outcome) : vscode.l10n.t('From {0}: {1}', timeOf(c.report.checkedAt), finding?.message ?? outcome);
      item.accessibilityInformation = { label: c.changed ? vscode.l10n.t('{0}: outdated, was {1}', this.host, outcome) : vscode.l10n.t('{0}: not known to be current, was {1}', this.host, outcome) };
      return item;
    }
    item.description = `${outcome}${at}`;
    item.tooltip = finding?.message ?? vscode.l10n.t('{0} answered over TLS verified for its public name ({1}).', this.host, outcome);
    if (finding) {
      const [icon, color] = severityIcons[finding.severity];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    } else {
      item.iconPath = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    }
    item.accessibilityInformation = { label: `${this.host}, ${outcome}` };
    return item;
  }
}

/** The outcome in the tree's words: reachable with its status, or what the finding says happened. */
function outcomeWords(r: HostConnectivity, finding: Finding | undefined): string {
  if (r.outcome === 'reachable') return r.http ? vscode.l10n.t('reachable (HTTP {0})', r.http.status) : vscode.l10n.t('reachable');
  if (r.outcome === 'notChecked') return vscode.l10n.t('could not check');
  return finding?.actual ?? r.outcome;
}
