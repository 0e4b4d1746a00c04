// What the status panel's buttons do. The webview only names a finding or a connection; the plan or
// the connection is looked up here in a check of the registry store's latest state (made again first
// if the store has moved on since, e.g. after a fix in the tree), shown in a modal confirmation, and
// applied through the Azure layer like the tree's commands do.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { describePlans, describeWrite, type FixPlan, type WriteOutcome } from '../model/fixPlan';
import { reportJson, reportMarkdown, type CheckReport } from '../diagnosis';
import type { ReportFormat, StatusState } from './protocol';
import type { CompletedCheck } from './statusCheck';
import { withCancellableProgress } from '../session/cancellableProgress';

export interface PanelActionContext {
  services: Services;
  registryId: string;
  registryName: string;
  /** The check of the store's latest state (made again if the store has moved on), and the page's state from it. */
  latest(): Promise<{ check: CompletedCheck | undefined; state: StatusState | undefined }>;
  /** Re-reads the registry through the store (the tree follows) and checks again; resolves with the new check. */
  afterWrite(): Promise<CompletedCheck | undefined>;
}

async function confirm(title: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(title, { modal: true, detail }, action)) === action;
}


async function applyPlans(ctx: PanelActionContext, plans: FixPlan[]): Promise<{ outcomes: WriteOutcome[]; after: CompletedCheck | undefined }> {
  const azure = ctx.services.session.getServices();
  const outcomes: WriteOutcome[] = [];
  let after: CompletedCheck | undefined;
  try {
    await withCancellableProgress(plans.length === 1 ? plans[0]!.title : vscode.l10n.t('Applying {0} DNS fixes…', plans.length), async (signal) => {
      for (const plan of plans) outcomes.push(...(await azure.applyFixPlan(plan, { signal })));
    });
  } finally {
    // Whatever happened, show what Azure holds now rather than what we believed before.
    after = await ctx.afterWrite();
  }
  return { outcomes, after };
}

/**
 * One line per write that did not go through. A conflict (412) means someone changed the record
 * since it was read: the check above has re-read it, and the person decides again; never retried here.
 */
function problems(outcomes: WriteOutcome[]): { conflicts: string[]; failures: string[] } {
  const conflicts: string[] = [];
  const failures: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'conflict') conflicts.push(vscode.l10n.t('{0}: {1}', describeWrite(o.write), o.message));
    if (o.status === 'failed' || o.status === 'skipped') failures.push(vscode.l10n.t('{0}: {1}', describeWrite(o.write), o.message));
  }
  return { conflicts, failures };
}

function reportOutcomes(ctx: PanelActionContext, what: string, outcomes: WriteOutcome[], stillOpen: string[]): void {
  const applied = outcomes.filter((o) => o.status === 'applied').length;
  const { conflicts, failures } = problems(outcomes);
  for (const line of [...conflicts, ...failures]) ctx.services.log.warn(vscode.l10n.t('{0}: {1}', ctx.registryName, line));
  if (conflicts.length > 0) {
    void vscode.window.showWarningMessage(
      conflicts.length === 1
        ? vscode.l10n.t('{0}: 1 change was not made because the record changed since it was read. The panel has read it again; review the finding and fix it again if it is still needed.', what)
        : vscode.l10n.t('{0}: {1} changes were not made because the record changed since it was read. The panel has read it again; review the finding and fix it again if it is still needed.', what, conflicts.length),
      { modal: false, detail: conflicts.join('\n') },
    );
  } else if (failures.length > 0) {
    void vscode.window.showErrorMessage(failures.length === 1
        ? vscode.l10n.t('{0}: 1 change failed ({1}). {2} applied; nothing else was changed.', what, failures[0]!, applied)
        : vscode.l10n.t('{0}: {1} changes failed ({2}). {3} applied; nothing else was changed.', what, failures.length, failures[0]!, applied));
  } else if (stillOpen.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: applied, but the re-check still reports {1}.', what, stillOpen.join(', ')));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: applied and re-checked; it is fixed.', what));
  }
}

export async function fixFromPanel(ctx: PanelActionContext, findingKey: string): Promise<void> {
  const { check } = await ctx.latest();
  const finding = check?.report.findings.find((f) => f.key === findingKey);
  if (!finding?.fix) throw new Error(vscode.l10n.t('That finding is not in the latest check any more; re-run the checks and look again.'));
  const plan = finding.fix;
  if (!(await confirm(plan.title, plan.writes.map(describeWrite).join('\n'), vscode.l10n.t('Apply')))) return;
  const { outcomes, after } = await applyPlans(ctx, [plan]);
  const stillOpen = after?.report.findings.some((f) => f.key === findingKey) ? [finding.id] : [];
  reportOutcomes(ctx, plan.title, outcomes, stillOpen);
}

export async function fixAllFromPanel(ctx: PanelActionContext): Promise<void> {
  const { check } = await ctx.latest();
  const findings = (check?.report.findings ?? []).filter((f) => f.fix?.safe);
  if (findings.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing to fix safely.', ctx.registryName));
    return;
  }
  const plans = findings.map((f) => f.fix!);
  const { title, detail } = describePlans(plans, ctx.registryName);
  if (!(await confirm(title, detail, vscode.l10n.t('Apply All')))) return;
  const { outcomes, after } = await applyPlans(ctx, plans);
  const keys = new Set(findings.map((f) => f.key));
  const stillOpen = (after?.report.findings ?? []).filter((f) => keys.has(f.key)).map((f) => f.id);
  reportOutcomes(ctx, vscode.l10n.t('{0}: Fix all', ctx.registryName), outcomes, stillOpen);
}

async function connectionOf(ctx: PanelActionContext, connectionId: string) {
  const { state } = await ctx.latest();
  const connection = state?.connections.find((c) => c.id === connectionId);
  if (!connection) throw new Error(vscode.l10n.t('That connection is not in the latest check any more; re-run the checks and look again.'));
  return { connection, name: connection.privateEndpointName ?? connection.name };
}

export async function approveFromPanel(ctx: PanelActionContext, connectionId: string, description: string): Promise<void> {
  const { name } = await connectionOf(ctx, connectionId);
  const text = description.trim() || 'Approved';
  if (!(await confirm(vscode.l10n.t('Approve the connection of {0} to {1}?', name, ctx.registryName), vscode.l10n.t('Traffic from that private endpoint reaches the registry once approved.\nDescription: “{0}”', text), vscode.l10n.t('Approve')))) return;
  try {
    await withCancellableProgress(vscode.l10n.t('Approving {0}…', name), (signal) => ctx.services.session.getServices().approveConnection(connectionId, text, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await ctx.afterWrite();
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Approved the connection of {0}.', name));
}

export async function rejectFromPanel(ctx: PanelActionContext, connectionId: string, description: string): Promise<void> {
  const { name } = await connectionOf(ctx, connectionId);
  if (!(await confirm(vscode.l10n.t('Reject the connection of {0}?', name), vscode.l10n.t('Traffic from that endpoint to {0} stops. Its owner sees: “{1}”', ctx.registryName, description), vscode.l10n.t('Reject')))) return;
  try {
    await withCancellableProgress(vscode.l10n.t('Rejecting {0}…', name), (signal) => ctx.services.session.getServices().rejectConnection(connectionId, description, { signal }));
  } finally {
    // Cancelled, timed out or done: Azure may hold the change either way; show what it holds.
    await ctx.afterWrite();
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Rejected the connection of {0}.', name));
}

/** Saves the report of the check shown, with its own timestamps (so it is never mistaken for current). */
export async function exportReport(report: CheckReport, format: ReportFormat): Promise<void> {
  const extension = format === 'markdown' ? 'md' : 'json';
  const stamp = report.checkedAt.replace(/[:]/g, '-').replace(/\..*$/, '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${report.registry.name}-private-link-check-${stamp}.${extension}`;
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
    filters: format === 'markdown' ? { Markdown: ['md'] } : { JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export Report'),
    title: vscode.l10n.t('Export the Private Link check of {0}', report.registry.name),
  });
  if (!target) return;
  const text = format === 'markdown' ? reportMarkdown(report) : reportJson(report);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = await vscode.window.showInformationMessage(vscode.l10n.t('Saved the report to {0}.', vscode.workspace.asRelativePath(target)), vscode.l10n.t('Open'));
  if (open) await vscode.window.showTextDocument(target);
}
