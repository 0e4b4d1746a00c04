// Executes fix plans and the few direct actions (approve/reject a connection, public network access,
// provider registration). Every write carries its precondition: `If-None-Match: *` for a create (never
// overwrite what someone else made meanwhile), `If-Match: <etag>` for a change (never lose a
// concurrent change). A 412 is a conflict, reported and never retried; the first write that does not
// apply stops the plan and the rest are reported as skipped. What was written is dropped from the
// loader's cache so the next read sees Azure as it is now.
import type { ArmWrite, FixPlan, RemoveVirtualNetworkRulesWrite, WriteOutcome } from '../model/fixPlan';
import { parseResourceId } from '../model/armId';
import type { PrivateEndpointConnection, Registry, ResourceId } from '../model/types';
import type { ArmClients } from './clients';
import { errorCodeOf, errorMessageOf, httpStatusOf, isAbortError } from './errors';
import * as l10n from '@vscode/l10n';
import { clause } from '../common/sentence';
import { toARecordSet, toPrivateEndpointConnection, toRegistry } from './mappers';
import { NETWORK_RULES_API_VERSION, readNetworkRuleSet } from './armReads';

export interface WriteOptions {
  signal?: AbortSignal;
  /** LRO polling interval; Azure suggests seconds, the sandbox completes at once. */
  pollIntervalMs?: number;
  /** Called with each resource id a write touched (or may have touched). */
  invalidate?: (resourceId: ResourceId) => void;
}

const DEFAULT_POLL_INTERVAL_MS = 2_000;
const RESOURCES_API_VERSION = '2021-04-01';

function zoneParts(privateDnsZoneId: ResourceId): { subscriptionId: string; resourceGroup: string; zoneName: string } {
  const parsed = parseResourceId(privateDnsZoneId);
  const zone = parsed.types[0];
  if (parsed.resourceGroup === undefined || zone === undefined || zone[0].toLowerCase() !== 'privatednszones') {
    throw new Error(l10n.t('Not a private DNS zone id: {0}', privateDnsZoneId));
  }
  return { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, zoneName: zone[1] };
}

/** `{zone parts, name}` of an A record set id `/…/privateDnsZones/<zone>/A/<name>`. */
function recordSetParts(recordSetId: ResourceId): { subscriptionId: string; resourceGroup: string; zoneName: string; name: string } {
  const parsed = parseResourceId(recordSetId);
  const record = parsed.types[1];
  if (record === undefined || record[0].toUpperCase() !== 'A') throw new Error(l10n.t('Not an A record set id: {0}', recordSetId));
  const zoneId = `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup ?? ''}/providers/${parsed.provider ?? ''}/${parsed.types[0]?.join('/') ?? ''}`;
  return { ...zoneParts(zoneId), name: record[1] };
}

function registryParts(id: ResourceId): { subscriptionId: string; resourceGroup: string; registryName: string; childName?: string } {
  const parsed = parseResourceId(id);
  const registry = parsed.types[0];
  if (parsed.resourceGroup === undefined || registry === undefined || registry[0].toLowerCase() !== 'registries') throw new Error(l10n.t('Not a container registry id: {0}', id));
  const child = parsed.types[1];
  return { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, registryName: registry[1], ...(child ? { childName: child[1] } : {}) };
}

const aRecords = (ips: string[]): { ipv4Address: string }[] => [...new Set(ips)].map((ipv4Address) => ({ ipv4Address }));

function recordSetIdIn(privateDnsZoneId: ResourceId, name: string): ResourceId {
  return `${privateDnsZoneId}/A/${name}`;
}

/** The ids a write changes, for cache invalidation even when it failed half-way. */
function touchedIds(write: ArmWrite): ResourceId[] {
  switch (write.kind) {
    case 'createARecordSet':
      return [recordSetIdIn(write.privateDnsZoneId, write.recordSetName)];
    case 'addToARecordSet':
    case 'replaceInARecordSet':
    case 'deleteARecordSet':
      return [write.recordSetId];
    case 'createVirtualNetworkLink':
      return [`${write.privateDnsZoneId}/virtualNetworkLinks/${write.linkName}`];
    case 'createPrivateDnsZone':
      return [`/subscriptions/${write.subscriptionId}/resourceGroups/${write.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${write.zoneName}`];
    case 'setConnectionState':
      return [write.connectionId];
    case 'removeVirtualNetworkRules':
      return [write.registryId];
  }
}

async function execute(write: ArmWrite, clients: ArmClients, options: WriteOptions): Promise<{ resourceId: ResourceId; etag?: string; alsoTouched?: ResourceId[] }> {
  const abort = options.signal ? { abortSignal: options.signal } : {};
  const lro = { ...abort, updateIntervalInMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS };
  switch (write.kind) {
    case 'createARecordSet': {
      const z = zoneParts(write.privateDnsZoneId);
      const r = await clients
        .privateDns(z.subscriptionId)
        .recordSets.createOrUpdate(z.resourceGroup, z.zoneName, 'A', write.recordSetName, { ttl: write.ttl, aRecords: aRecords(write.ipv4Addresses) }, { ...abort, ifNoneMatch: write.ifNoneMatch });
      return { resourceId: r.id ?? recordSetIdIn(write.privateDnsZoneId, write.recordSetName), ...(r.etag ? { etag: r.etag } : {}) };
    }
    case 'addToARecordSet':
    case 'replaceInARecordSet': {
      const removed = new Set(write.kind === 'replaceInARecordSet' ? write.removedIpv4Addresses : []);
      const ips = [...write.existingIpv4Addresses.filter((ip) => !removed.has(ip)), ...write.addedIpv4Addresses];
      const r = recordSetParts(write.recordSetId);
      const ifMatch = write.ifMatch || (await etagFromArm(clients, write.recordSetId, write.existingIpv4Addresses, abort));
      // PATCH rather than PUT: only the addresses (and the TTL read with them) change; metadata stays.
      const result = await clients
        .privateDns(r.subscriptionId)
        .recordSets.update(r.resourceGroup, r.zoneName, 'A', r.name, { ttl: write.ttl, aRecords: aRecords(ips) }, { ...abort, ifMatch });
      return { resourceId: result.id ?? write.recordSetId, ...(result.etag ? { etag: result.etag } : {}) };
    }
    case 'deleteARecordSet': {
      const r = recordSetParts(write.recordSetId);
      const ifMatch = write.ifMatch || (await etagFromArm(clients, write.recordSetId, write.ipv4Addresses, abort));
      await clients.privateDns(r.subscriptionId).recordSets.delete(r.resourceGroup, r.zoneName, 'A', r.name, { ...abort, ifMatch });
      return { resourceId: write.recordSetId };
    }
    case 'createVirtualNetworkLink': {
      const z = zoneParts(write.privateDnsZoneId);
      const link = await clients
        .privateDns(z.subscriptionId)
        .virtualNetworkLinks.beginCreateOrUpdateAndWait(
          z.resourceGroup,
          z.zoneName,
          write.linkName,
          { location: 'global', virtualNetwork: { id: write.virtualNetworkId }, registrationEnabled: false },
          { ...lro, ifNoneMatch: write.ifNoneMatch },
        );
      return { resourceId: link.id ?? touchedIds(write)[0]!, ...(link.etag ? { etag: link.etag } : {}) };
    }
    case 'createPrivateDnsZone': {
      const zone = await clients
        .privateDns(write.subscriptionId)
        .privateZones.beginCreateOrUpdateAndWait(write.resourceGroup, write.zoneName, { location: 'global' }, { ...lro, ifNoneMatch: write.ifNoneMatch });
      return { resourceId: zone.id ?? touchedIds(write)[0]!, ...(zone.etag ? { etag: zone.etag } : {}) };
    }
    case 'setConnectionState': {
      const c = await setConnectionState(clients, write.connectionId, write.status, write.description, options);
      return { resourceId: c.id, ...(c.privateEndpointId ? { alsoTouched: [c.privateEndpointId] } : {}) };
    }
    case 'removeVirtualNetworkRules': {
      await removeVirtualNetworkRules(clients, write, options.signal);
      return { resourceId: write.registryId };
    }
  }
}

/**
 * The registry's rules read again (a registry has no etag for If-Match): written only if they are
 * still those the plan was made from, then PATCHed with the rules left, the default action and the
 * IP rules as they are.
 */
async function removeVirtualNetworkRules(clients: ArmClients, write: RemoveVirtualNetworkRulesWrite, signal: AbortSignal | undefined): Promise<void> {
  const name = write.registryId.split('/').pop() ?? write.registryId;
  const current = await readNetworkRuleSet(clients, write.registryId, signal);
  if (!current) throw new ChangedSinceReadError(l10n.t('{0} has no network rule set in Azure now; nothing was written.', name));
  const now = current.virtualNetworkRules.map((r) => r.id.toLowerCase()).sort();
  const then = write.existingSubnetIds.map((id) => id.toLowerCase()).sort();
  if (now.join(',') !== then.join(',')) throw new ChangedSinceReadError(l10n.t('The virtual network rules of {0} changed in Azure since they were read; nothing was written.', name));
  const removed = new Set(write.removedSubnetIds.map((id) => id.toLowerCase()));
  const networkRuleSet = { ...current, virtualNetworkRules: current.virtualNetworkRules.filter((r) => !removed.has(r.id.toLowerCase())) };
  await clients.send('PATCH', write.registryId, NETWORK_RULES_API_VERSION, signal, { properties: { networkRuleSet } });
}

/** What a write depends on changed (or went away) between the read a plan was made from and the write. */
export class ChangedSinceReadError extends Error {}

/** The record set changed (or went away) between the read a plan was made from and the write. */
export class StaleRecordSetError extends ChangedSinceReadError {}

/**
 * The etag of a record set read without one (Resource Graph has no etags), from ARM: only if ARM still
 * holds the addresses the plan was made from, so the write stays conditional on what the user saw.
 */
async function etagFromArm(clients: ArmClients, recordSetId: ResourceId, expectedIps: string[], abort: { abortSignal?: AbortSignal }): Promise<string> {
  const r = recordSetParts(recordSetId);
  let current: Awaited<ReturnType<ReturnType<ArmClients['privateDns']>['recordSets']['get']>>;
  try {
    current = await clients.privateDns(r.subscriptionId).recordSets.get(r.resourceGroup, r.zoneName, 'A', r.name, abort);
  } catch (e) {
    if (httpStatusOf(e) === 404) throw new StaleRecordSetError(l10n.t('The A record set {0} no longer exists in Azure; nothing was written.', r.name));
    throw e;
  }
  const read = toARecordSet({ ...current, id: current.id ?? recordSetId });
  const now = [...new Set(read.ipv4Addresses)].sort();
  const then = [...new Set(expectedIps)].sort();
  if (now.join(',') !== then.join(',')) throw new StaleRecordSetError(l10n.t('The A record set {0} holds {1} in Azure now, not {2} as read; nothing was written.', r.name, now.join(', ') || l10n.t('no address'), then.join(', ') || l10n.t('no address')));
  if (!read.etag) throw new Error(l10n.t('Azure returned the A record set {0} without an etag; it is not changed without one.', r.name));
  return read.etag;
}

/**
 * What a 412 tells the user: the resource changed since it was read, with Azure's own reason when it
 * gave one (Private DNS answers `{ code, message }` without the `error` wrapper: "The Record set x has
 * been modified (etag mismatch).", "The Record set x exists already and hence cannot be created again.").
 */
export function conflictMessage(e: unknown): string {
  // Without a body (no error code) the SDKs say only the status: nothing of Azure's to add.
  const reason = errorCodeOf(e) === undefined ? '' : clause(errorMessageOf(e).replace(/\s*\(PreconditionFailed\)\.?$/, ''));
  return reason === ''
    ? l10n.t('Changed in Azure since it was read; nothing was written. Re-read and review the fix again.')
    : l10n.t('Changed in Azure since it was read (Azure: "{0}."); nothing was written. Re-read and review the fix again.', reason);
}

/** Applies a plan's writes in order; stops at the first that does not apply. */
export async function applyFixPlan(plan: FixPlan, clients: ArmClients, options: WriteOptions = {}): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  let stopped: string | undefined;
  for (const write of plan.writes) {
    if (stopped !== undefined) {
      outcomes.push({ write, status: 'skipped', message: stopped });
      continue;
    }
    try {
      const done = await execute(write, clients, options);
      outcomes.push({ write, status: 'applied', resourceId: done.resourceId, ...(done.etag ? { etag: done.etag } : {}) });
      for (const id of done.alsoTouched ?? []) options.invalidate?.(id);
    } catch (e) {
      const status = httpStatusOf(e);
      if (e instanceof ChangedSinceReadError) {
        outcomes.push({ write, status: 'conflict', message: l10n.t('{0} Re-read and review the fix again.', e.message) });
        stopped = l10n.t('Not attempted: an earlier write of this fix met a conflict.');
      } else if (status === 412) {
        outcomes.push({ write, status: 'conflict', message: conflictMessage(e) });
        stopped = l10n.t('Not attempted: an earlier write of this fix met a conflict.');
      } else {
        const code = errorCodeOf(e);
        const message = isAbortError(e) ? 'Cancelled.' : errorMessageOf(e);
        outcomes.push({ write, status: 'failed', message, ...(code ? { code } : {}), ...(status !== undefined ? { httpStatus: status } : {}) });
        stopped = isAbortError(e) ? l10n.t('Not attempted: the fix was cancelled.') : l10n.t('Not attempted: an earlier write of this fix failed.');
      }
    } finally {
      for (const id of touchedIds(write)) options.invalidate?.(id);
    }
  }
  return outcomes;
}

/** PUT the registry side of a private endpoint connection to Approved or Rejected. */
export async function setConnectionState(
  clients: ArmClients,
  connectionId: ResourceId,
  status: 'Approved' | 'Rejected',
  description: string,
  options: WriteOptions = {},
): Promise<PrivateEndpointConnection> {
  const p = registryParts(connectionId);
  if (p.childName === undefined) throw new Error(l10n.t('Not a private endpoint connection id: {0}', connectionId));
  try {
    const result = await clients.containerRegistry(p.subscriptionId).privateEndpointConnections.createOrUpdate(
      p.resourceGroup,
      p.registryName,
      p.childName,
      { privateLinkServiceConnectionState: { status, description } },
      { ...(options.signal ? { abortSignal: options.signal } : {}), updateIntervalInMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS },
    );
    const registryId = connectionId.slice(0, connectionId.toLowerCase().indexOf('/privateendpointconnections/'));
    const connection = toPrivateEndpointConnection(registryId, { ...result, id: result.id ?? connectionId });
    // The endpoint's own copy of the state changes with it.
    if (connection.privateEndpointId) options.invalidate?.(connection.privateEndpointId);
    return connection;
  } finally {
    options.invalidate?.(connectionId);
  }
}

export async function setPublicNetworkAccess(
  clients: ArmClients,
  registryId: ResourceId,
  publicNetworkAccess: 'Enabled' | 'Disabled',
  networkRuleBypassOptions?: 'AzureServices' | 'None',
  options: WriteOptions = {},
): Promise<Registry> {
  const p = registryParts(registryId);
  try {
    const result = await clients
      .containerRegistry(p.subscriptionId)
      .registries.update(
        p.resourceGroup,
        p.registryName,
        { publicNetworkAccess, ...(networkRuleBypassOptions ? { networkRuleBypassOptions } : {}) },
        { ...(options.signal ? { abortSignal: options.signal } : {}), updateIntervalInMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS },
      );
    return toRegistry(result);
  } finally {
    options.invalidate?.(registryId);
  }
}

/** Registers a resource provider (by default Microsoft.ContainerRegistry) in a subscription; returns its registration state. */
export async function registerProvider(clients: ArmClients, subscriptionId: string, namespace = 'Microsoft.ContainerRegistry', options: WriteOptions = {}): Promise<string> {
  const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${encodeURIComponent(namespace)}`;
  try {
    const body = (await clients.send('POST', `${path}/register`, RESOURCES_API_VERSION, options.signal)) as { registrationState?: string } | undefined;
    return body?.registrationState ?? 'Registering';
  } finally {
    options.invalidate?.(path);
  }
}

