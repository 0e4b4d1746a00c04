import * as vscode from 'vscode';
import type { Services } from '../services';
import { DnsRecordNode, VirtualNetworkDnsNode, findRecordRow } from '../tree/nodes/dnsNodes';
import { RegistryNode } from '../tree/nodes/registryNode';
import { NetworkFindingNode } from '../tree/nodes/networkSettingsNodes';
import { describePlans, describeWrite, type FixPlan, type WriteOutcome } from '../model/fixPlan';
import { showNotification } from './notifications';
import { withCancellableProgress } from '../session/cancellableProgress';
import { pickRegistry } from './pickRegistry';
import { clause } from '../common/sentence';

/** Options for calling the fix commands from code (tests, the status panel) instead of a menu. */
interface FixOptions {
  /** The person already confirmed (e.g. in the status panel); do not ask again. */
  confirmed?: boolean;
}

async function confirmPlan(plans: FixPlan[], subject: string, options: FixOptions | undefined): Promise<boolean> {
  if (options?.confirmed) return true;
  const { title, detail } = describePlans(plans, subject);
  const apply = vscode.l10n.t('Apply');
  const choice = await vscode.window.showWarningMessage(title, { modal: true, detail }, apply);
  return choice === apply;
}

function summarize(outcomes: WriteOutcome[]): { applied: number; problem?: WriteOutcome } {
  return {
    applied: outcomes.filter((o) => o.status === 'applied').length,
    problem: outcomes.find((o) => o.status === 'conflict' || o.status === 'failed'),
  };
}

export async function fixDnsRecord(services: Services, node?: unknown, options?: unknown): Promise<WriteOutcome[] | undefined> {
  if (!(node instanceof DnsRecordNode)) throw new Error(vscode.l10n.t('Choose a missing or wrong DNS record in the ACR Private Link view.'));
  const { registryId } = node.registryNode;
  const { privateDnsZoneId, recordSetName } = node;
  const opts = options as FixOptions | undefined;
  // The record as the store holds it now (waiting for a read in flight), never an older copy.
  const entry = await services.store.read(registryId);
  const found = findRecordRow(entry.diagnosis?.records ?? [], privateDnsZoneId, recordSetName);
  if (!found) throw new Error(vscode.l10n.t('{0} is not among the records of {1} in its last read; refresh the view.', recordSetName, entry.registry.name));
  let row = found;
  // A concurrent change is never retried blindly: re-read, and offer the new plan once more.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!row.fix) {
      void showNotification('information', vscode.l10n.t('{0} needs no fix: {1}', row.recordSetName, row.explanation));
      return [];
    }
    if (!(await confirmPlan([row.fix], entry.registry.name, attempt === 0 ? opts : undefined))) return undefined;
    const plan = row.fix;
    const outcomes = await withCancellableProgress(plan.title, (signal) => services.session.getServices().applyFixPlan(plan, { signal }));
    const { problem } = summarize(outcomes);
    const after = await services.store.reread(registryId);
    const now = findRecordRow(after.diagnosis?.records ?? [], privateDnsZoneId, recordSetName);
    if (!problem) {
      const verdict = now?.verdict ?? 'ok';
      void showNotification(
        'information',
        verdict === 'ok' ? vscode.l10n.t('Fixed {0}: re-checked, it is ok.', row.recordSetName) : vscode.l10n.t('Applied, but {0} is still {1}: {2}', row.recordSetName, verdict, now?.explanation ?? ''),
      );
      return outcomes;
    }
    if (problem.status === 'failed') {
      throw new Error(vscode.l10n.t('Could not fix {0}: {1}. Nothing else was changed.', row.recordSetName, clause(problem.message)));
    }
    services.log.warn(vscode.l10n.t('Fix of {0} hit a concurrent change: {1}', row.recordSetName, problem.status === 'conflict' ? problem.message : ''));
    if (!now) return outcomes;
    void showNotification('warning', vscode.l10n.t('{0} was changed by someone else since it was read. It has been read again.', row.recordSetName));
    row = now;
    if (opts?.confirmed) return outcomes; // from code: report the conflict, never re-apply without a person
  }
  return undefined;
}

/** On a registry node; from the palette or the walkthrough, a registry picked first. */
export async function fixAll(services: Services, node?: unknown, options?: unknown): Promise<WriteOutcome[] | undefined> {
  let registryId: string | undefined;
  if (node instanceof RegistryNode) registryId = node.registryId;
  else if (node === undefined) registryId = (await pickRegistry(services, vscode.l10n.t('Fix the safe DNS findings of which registry?')))?.registryId;
  else throw new Error(vscode.l10n.t('Choose a registry in the ACR Private Link view.'));
  if (registryId === undefined) return undefined;
  const entry = await services.store.read(registryId);
  const plans = (entry.diagnosis?.findings ?? []).flatMap((f) => (f.fix?.safe ? [f.fix] : []));
  if (plans.length === 0) {
    void showNotification('information', vscode.l10n.t('{0}: nothing to fix safely.', entry.registry.name));
    return [];
  }
  if (!(await confirmPlan(plans, entry.registry.name, options as FixOptions | undefined))) return undefined;
  const outcomes: WriteOutcome[] = [];
  try {
    await withCancellableProgress(plans.length === 1 ? vscode.l10n.t('Applying {0}…', plans[0]!.title) : vscode.l10n.t('Applying {0} DNS fixes…', plans.length), async (signal) => {
      for (const plan of plans) outcomes.push(...(await services.session.getServices().applyFixPlan(plan, { signal })));
    });
  } finally {
    // Done, cancelled or timed out: some writes may have been applied; show what Azure holds.
    await services.store.reread(registryId);
  }
  const { applied, problem } = summarize(outcomes);
  const message = applied === 1 ? vscode.l10n.t('{0}: 1 change applied.', entry.registry.name) : vscode.l10n.t('{0}: {1} changes applied.', entry.registry.name, applied);
  if (problem) {
    void showNotification('warning', vscode.l10n.t('{0} Not applied: {1} ({2}).', message, describeWrite(problem.write), clause('message' in problem ? problem.message : '')));
  } else {
    void showNotification('information', message);
  }
  return outcomes;
}

/**
 * On a finding that has a fix, under a registry's Network settings (removing service-endpoint rules
 * once public access is disabled) or a VNet under its DNS (linking the zone to a peered VNet): shows
 * the writes, asks once, applies, reads the registry again.
 */
export async function applyNetworkFix(services: Services, node?: unknown, options?: unknown): Promise<WriteOutcome[] | undefined> {
  if (!(node instanceof NetworkFindingNode) && !(node instanceof VirtualNetworkDnsNode)) {
    throw new Error(vscode.l10n.t('Choose a finding with a fix under Network settings or DNS in the ACR Private Link view.'));
  }
  const { registryId } = node.registryNode;
  // The finding as the store holds it now (waiting for a read in flight), never an older copy.
  const entry = await services.store.read(registryId);
  const findingKey = node instanceof VirtualNetworkDnsNode ? node.findingKey : node.finding.key;
  const finding = entry.diagnosis?.findings.find((f) => f.key === findingKey);
  if (!finding?.fix) {
    void showNotification('information', vscode.l10n.t('{0}: that finding is gone since the last read; nothing to fix.', entry.registry.name));
    return [];
  }
  const plan = finding.fix;
  if (!(await confirmPlan([plan], entry.registry.name, options as FixOptions | undefined))) return undefined;
  const outcomes = await withCancellableProgress(plan.title, (signal) => services.session.getServices().applyFixPlan(plan, { signal }));
  const after = await services.store.reread(registryId);
  const { problem } = summarize(outcomes);
  if (problem?.status === 'failed') throw new Error(vscode.l10n.t('Could not apply “{0}”: {1}. Nothing else was changed.', plan.title, clause(problem.message)));
  if (problem) {
    void showNotification('warning', vscode.l10n.t('{0}: not applied, {1}', entry.registry.name, 'message' in problem ? problem.message : ''));
    return outcomes;
  }
  const still = after.diagnosis?.findings.some((f) => f.key === finding.key) ?? false;
  void showNotification(
    still ? 'warning' : 'information',
    still ? vscode.l10n.t('Applied “{0}”, but the check still finds it: {1}', plan.title, finding.message) : vscode.l10n.t('Applied “{0}”: re-checked, it is fixed.', plan.title),
  );
  return outcomes;
}
