// The engine's entry point: (snapshot, registry, live answers) → findings, each with its fix plan.
import * as l10n from '@vscode/l10n';
import { sameId } from '../model/armId';
import type { FixPlan } from '../model/fixPlan';
import type { ResourceId, Snapshot } from '../model/types';
import { connectionFindings } from './connectionFindings';
import { registryContext } from './context';
import { findingKey, sortFindings, type Finding } from './finding';
import { bareNameRecordFindings, dataEndpointFindings } from './labelFindings';
import { liveFindings } from './liveFindings';
import type { LiveAnswer } from './liveResolution';
import { recordFindings } from './recordFindings';
import { registryFindings } from './registryFindings';
import { taskFindings, virtualNetworkRuleFindings } from './networkSettingsFindings';
import { networkSecurityGroupFindings, replicaCapacityFindings } from './subnetFindings';
import { planTouchesUnread, unreadableFindings } from './unread';
import { vnetDnsFindings } from './vnetDnsFindings';
import type { VnetServerAnswer } from './vnetDnsLive';
import { zoneFindings } from './zoneFindings';

/** `serverAnswers`: what the VNets' own DNS servers answered when asked live (see vnetDnsLive.ts). */
export function diagnose(snapshot: Snapshot, registryId: ResourceId, live?: readonly LiveAnswer[], serverAnswers?: readonly VnetServerAnswer[]): Finding[] {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx) return [unreadableRegistry(snapshot, registryId)];
  const all = [
    ...registryFindings(ctx),
    ...taskFindings(ctx),
    ...virtualNetworkRuleFindings(ctx),
    ...replicaCapacityFindings(ctx),
    ...networkSecurityGroupFindings(ctx),
    ...connectionFindings(ctx),
    ...zoneFindings(ctx),
    ...recordFindings(ctx),
    ...vnetDnsFindings(ctx, serverAnswers),
    ...bareNameRecordFindings(ctx),
    ...dataEndpointFindings(ctx),
    ...(live ? liveFindings(ctx, live) : []),
    ...unreadableFindings(snapshot, ctx.registry.id),
  ];
  const seen = new Set<string>();
  return sortFindings(all.filter((f) => !seen.has(f.key) && seen.add(f.key)).map((f) => withoutUnreadPlan(snapshot, f)));
}

/** A plan that would write where a read failed (a zone's records or links) is dropped: no fix is built from unread data. */
function withoutUnreadPlan(snapshot: Snapshot, finding: Finding): Finding {
  if (!finding.fix || !planTouchesUnread(snapshot, finding.fix)) return finding;
  const { fix: _dropped, ...rest } = finding;
  return rest;
}

/** "Fix all": the plans of every finding whose plan only adds. */
export function fixPlansForRegistry(snapshot: Snapshot, registryId: ResourceId, live?: readonly LiveAnswer[]): FixPlan[] {
  return diagnose(snapshot, registryId, live).flatMap((f) => (f.fix?.safe ? [f.fix] : []));
}

function unreadableRegistry(snapshot: Snapshot, registryId: ResourceId): Finding {
  const error = snapshot.errors.find((e) => sameId(e.scope, registryId) || registryId.toLowerCase().startsWith(e.scope.toLowerCase()));
  return {
    id: 'registry.unreadable',
    key: findingKey('registry.unreadable', registryId),
    severity: 'error',
    subject: registryId,
    registryId,
    actual: error ? error.message : l10n.t('not found'),
    message: error
      ? l10n.t('The registry could not be read ({0}); check that your account has Reader on it.', error.message)
      : l10n.t('The registry is not in the inventory; check its name and subscription, and that your account can read it.'),
  };
}
