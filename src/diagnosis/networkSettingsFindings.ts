// Findings about the registry's own network settings, beside its private endpoints: what stops
// working once public network access is disabled.
import * as l10n from '@vscode/l10n';
import type { AcrTask, AgentPool, ReadKind, ResourceId } from '../model/types';
import type { RegistryContext } from './context';
import { findingKey, type Finding, type FindingId } from './finding';

/** A per-registry map entry, by id compared as Azure compares ids. */
export function byRegistry<T>(map: Record<ResourceId, T> | undefined, registryId: ResourceId): T | undefined {
  if (!map) return undefined;
  return map[registryId] ?? Object.entries(map).find(([id]) => id.toLowerCase() === registryId.toLowerCase())?.[1];
}

const names = (items: readonly { name: string }[]): string => items.map((i) => i.name).join(', ');

/**
 * With public network access disabled, ACR Tasks (stored tasks, `az acr build`, `az acr run`) run only
 * on a dedicated agent pool in a virtual network; the shared pool reaches the registry from public
 * IPs, and the trusted-services bypass does not cover it. Raised only from tasks and agent pools that
 * were read: a failed read is a `check.unreadable` finding, never "no tasks".
 */
export function taskFindings(ctx: RegistryContext): Finding[] {
  const { registry, snapshot } = ctx;
  if (registry.publicNetworkAccess?.toLowerCase() !== 'disabled') return [];
  const tasks = byRegistry(snapshot.tasks, registry.id);
  const pools = byRegistry(snapshot.agentPools, registry.id);
  if (tasks === undefined || pools === undefined) return [];
  const inVnet = pools.filter((p) => p.virtualNetworkSubnetResourceId);
  const stranded = strandedTasks(tasks, inVnet);
  const base = { id: 'registry.tasksNeedVnetAgentPool' as const, key: findingKey('registry.tasksNeedVnetAgentPool', registry.id), severity: 'warning' as const, subject: registry.id, registryId: registry.id };
  if (stranded.length > 0) {
    const todo =
      inVnet.length > 0
        ? l10n.t('run them on {0} (az acr task update --agent-pool {1})', names(inVnet), inVnet[0]!.name)
        : l10n.t('create a dedicated agent pool in the virtual network (az acr agentpool create --registry {0} --subnet-id <subnet id>) and run them on it (az acr task update --agent-pool <pool>)', registry.name);
    return [
      {
        ...base,
        expected: l10n.t('every enabled task on an agent pool in a virtual network'),
        actual: l10n.t('not on one: {0}', names(stranded)),
        message: l10n.t(
          'Public network access to {0} is disabled, so these tasks fail: {1} (the shared agent pool reaches the registry from public IPs, and the trusted-services bypass does not let ACR Tasks in); {2}.',
          registry.name,
          names(stranded),
          todo,
        ),
      },
    ];
  }
  if (tasks.length === 0 && pools.length > 0 && inVnet.length === 0) {
    return [
      {
        ...base,
        expected: l10n.t('an agent pool in a virtual network'),
        actual: l10n.t('agent pools without a virtual network: {0}', names(pools)),
        message: l10n.t(
          'Public network access to {0} is disabled and none of its agent pools ({1}) is in a virtual network, so tasks, az acr build and az acr run on them cannot reach the registry; create an agent pool with --subnet-id in the virtual network of a private endpoint.',
          registry.name,
          names(pools),
        ),
      },
    ];
  }
  return [];
}

/** `myVNet/mySubnet` of a subnet id. */
function subnetText(subnetId: string): string {
  const parts = subnetId.split('/');
  return `${parts[parts.length - 3] ?? ''}/${parts[parts.length - 1] ?? ''}`;
}

/** The VNet id of a subnet id. */
const vnetOf = (subnetId: string): string => subnetId.replace(/\/subnets\/[^/]+$/i, '').toLowerCase();

/**
 * Service-endpoint rules (`networkRuleSet.virtualNetworkRules`) beside private link. The registry does
 * not support both from one VNet, and once public network access is disabled the rules let nothing in:
 * the seed article's last step removes them. The removal is offered then (a person confirms it; it is
 * never applied by "fix all"); with public access enabled, a rule for a VNet that has a private
 * endpoint of the registry is reported with what to do first.
 */
export function virtualNetworkRuleFindings(ctx: RegistryContext): Finding[] {
  const { registry, snapshot } = ctx;
  const rules = byRegistry(snapshot.networkRuleSets, registry.id)?.virtualNetworkRules ?? [];
  if (rules.length === 0) return [];
  const endpointVnets = new Set(ctx.endpoints.flatMap((e) => (e.virtualNetworkId ? [e.virtualNetworkId.toLowerCase()] : [])));
  const sameVnet = rules.filter((r) => endpointVnets.has(vnetOf(r.id)));
  const publicDisabled = registry.publicNetworkAccess?.toLowerCase() === 'disabled';
  const subnets = rules.map((r) => subnetText(r.id)).join(', ');
  const key = findingKey('registry.virtualNetworkRules', registry.id);
  const base = { id: 'registry.virtualNetworkRules' as const, key, subject: registry.id, registryId: registry.id, actual: subnets };
  const vnets = [...new Set(sameVnet.map((r) => subnetText(r.id).split('/')[0]))].join(', ');
  if (publicDisabled) {
    return [
      {
        ...base,
        severity: sameVnet.length > 0 ? 'warning' : 'info',
        expected: l10n.t('no virtual network rules once public network access is disabled'),
        message:
          sameVnet.length > 0
            ? l10n.t(
                '{0} does not support service endpoint rules and private link from one virtual network ({1}), and with public network access disabled its virtual network rules for {2} let nothing in; remove them (az acr network-rule remove --name {0} --subnet <subnet id>).',
                registry.name,
                vnets,
                subnets,
              )
            : l10n.t(
                'Public network access to {0} is disabled, so its virtual network (service endpoint) rules for {1} let nothing in; remove them (az acr network-rule remove --name {0} --subnet <subnet id>).',
                registry.name,
                subnets,
              ),
        fix: {
          title: l10n.t('Remove the virtual network rules of {0} ({1})', registry.name, subnets),
          findingKey: key,
          writes: [{ kind: 'removeVirtualNetworkRules', registryId: registry.id, existingSubnetIds: rules.map((r) => r.id), removedSubnetIds: rules.map((r) => r.id) }],
          safe: false,
        },
      },
    ];
  }
  if (sameVnet.length === 0) return [];
  return [
    {
      ...base,
      severity: 'warning',
      expected: l10n.t('private link or a service endpoint rule per virtual network, not both'),
      message: l10n.t(
        '{0} does not support service endpoint rules and private link from one virtual network ({1}); once the clients there use the private endpoint, disable public network access and remove the rules for {2}.',
        registry.name,
        vnets,
        sameVnet.map((r) => subnetText(r.id)).join(', '),
      ),
    },
  ];
}

/** Enabled tasks that do not name an agent pool in a virtual network. */
function strandedTasks(tasks: readonly AcrTask[], inVnet: readonly AgentPool[]): AcrTask[] {
  const pools = new Set(inVnet.map((p) => p.name.toLowerCase()));
  return tasks.filter((t) => t.status?.toLowerCase() !== 'disabled' && !(t.agentPoolName && pools.has(t.agentPoolName.toLowerCase())));
}

/** The findings about the registry's own network settings, as the tree groups them (with the reads they depend on). */
export const networkSettingFindingIds: readonly FindingId[] = ['registry.tasksNeedVnetAgentPool', 'registry.virtualNetworkRules', 'subnet.noRoomForReplica', 'endpoint.nsgBlocksHttps'];
export const networkSettingReads: readonly ReadKind[] = ['tasks', 'agentPools', 'networkRules', 'networkSecurityGroup', 'routeTable'];

/** Whether a finding belongs under the registry's network settings: one of theirs, or a failed read they depend on. */
export function isNetworkSettingFinding(f: Finding): boolean {
  if (networkSettingFindingIds.includes(f.id)) return true;
  return f.id === 'check.unreadable' && networkSettingReads.some((read) => f.key.endsWith(`|${read.toLowerCase()}`));
}
