// What could not be read, asked the way the rules need it. A verdict that depends on an unread part
// is "could not check", never "missing" or "healthy", and no fix plan is built from it. Every failed
// read is also a `check.unreadable` finding that names the resource, Azure's answer and what to do.
import { parseResourceId, resourceName, sameId } from '../model/armId';
import type { FixPlan } from '../model/fixPlan';
import type { LoadError, ReadKind, ResourceId, Snapshot } from '../model/types';
import { findingKey, type Finding } from './finding';

/** The failed reads of these kinds. */
export function readErrors(snapshot: Snapshot, ...kinds: ReadKind[]): LoadError[] {
  return snapshot.errors.filter((e) => kinds.includes(e.read));
}

/** The failed read of this kind at this scope, if it failed. */
export function unreadAt(snapshot: Snapshot, kind: ReadKind, scope: ResourceId): LoadError | undefined {
  return snapshot.errors.find((e) => e.read === kind && sameId(e.scope, scope));
}

/** Subscriptions that could not be listed hide everything in them. */
const hidesEverything: ReadKind[] = ['subscriptions', 'subscription'];

/**
 * The failed reads that could hide a zone or a link to a VNet, in the given subscription (or in any
 * when none is given): zone lists, link lists, or a whole subscription. Record sets and zone groups
 * do not hide zones or links.
 */
export function dnsReadErrors(snapshot: Snapshot, subscriptionId?: string): LoadError[] {
  return readErrors(snapshot, 'privateDnsZones', 'virtualNetworkLinks', ...hidesEverything).filter(
    (e) => subscriptionId === undefined || scopeSubscription(e.scope)?.toLowerCase() === subscriptionId.toLowerCase(),
  );
}

/** Failed reads of endpoints, NICs or replicas: then an IP that looks unused may belong to something we cannot see. */
export function endpointReadErrors(snapshot: Snapshot): LoadError[] {
  return readErrors(snapshot, 'privateEndpoint', 'networkInterface', 'replications', ...hidesEverything);
}

/** Why the A records of a zone are unknown, when its record listing failed. */
export function recordsUnread(snapshot: Snapshot, zoneId: ResourceId): LoadError | undefined {
  return unreadAt(snapshot, 'aRecordSets', zoneId);
}

/** `500 InternalServerError`, `403 AuthorizationFailed`, `ECONNRESET`: Azure's answer in a few words. */
export function answerText(error: LoadError): string {
  return [error.status, error.code].filter((p) => p !== undefined).join(' ') || 'no answer';
}

/** Why a verdict could not be reached, in one clause: "the A records of privatelink.azurecr.io could not be read (500 InternalServerError)". */
export function unreadNote(error: LoadError): string {
  return `${subjectText(error)} could not be read (${answerText(error)})`;
}

/** The plans that write where something could not be read (a zone's records or links): dropped, never applied. */
export function planTouchesUnread(snapshot: Snapshot, plan: FixPlan): boolean {
  return plan.writes.some((w) => {
    switch (w.kind) {
      case 'createARecordSet':
        return recordsUnread(snapshot, w.privateDnsZoneId) !== undefined;
      case 'addToARecordSet':
      case 'replaceInARecordSet':
      case 'deleteARecordSet':
        return recordsUnread(snapshot, zoneOfRecordSet(w.recordSetId)) !== undefined;
      case 'createVirtualNetworkLink':
        return unreadAt(snapshot, 'virtualNetworkLinks', w.privateDnsZoneId) !== undefined;
      default:
        return false;
    }
  });
}

/** One `check.unreadable` finding per failed read: what it was, what Azure answered, what it leaves unchecked and what to do. */
export function unreadableFindings(snapshot: Snapshot, registryId: ResourceId): Finding[] {
  return snapshot.errors.map((error) => ({
    id: 'check.unreadable',
    key: findingKey('check.unreadable', error.scope, error.read),
    severity: 'warning',
    subject: error.scope,
    registryId,
    expected: `the ${error.what} read`,
    actual: `${answerText(error)}: ${error.message}`,
    message: `Could not check: ${unreadNote(error)}, so ${consequence[error.read]}; ${advice(error)}.`,
  }));
}

const consequence: Record<ReadKind, string> = {
  subscriptions: 'nothing in them was checked',
  subscription: 'nothing in it was checked',
  registries: 'registries there were not checked',
  registry: 'the registry was not checked',
  registryDetails: 'nothing about the registry was checked',
  replications: 'the replicas’ data endpoints and leftover records were not checked',
  usages: 'the private endpoint limit was not checked',
  privateEndpoint: 'the names it serves and their records were not checked',
  networkInterface: 'the endpoint’s private IPs are unknown and their records were not checked',
  virtualNetwork: 'its subnets are not shown (no verdict depends on them)',
  privateDnsZones: 'a zone serving the registry may exist unseen, and the VNets’ answers are unknown',
  virtualNetworkLinks: 'which VNets resolve through this zone is unknown',
  aRecordSets: 'the verdicts of its records are unknown (not missing) and no fix is offered for them',
  privateDnsZoneGroups: 'which zone the endpoint writes its records to is unknown',
  providerRegistration: 'whether endpoints can be created in that subscription was not checked',
  resourceGraph: 'the inventory was read from ARM instead',
};

function subjectText(error: LoadError): string {
  const name = resourceName(error.scope);
  switch (error.read) {
    case 'aRecordSets':
    case 'virtualNetworkLinks':
      return `the ${error.what} of ${name}`;
    case 'privateDnsZones':
    case 'registries':
    case 'providerRegistration':
      return `the ${error.what} of subscription ${scopeSubscription(error.scope) ?? name}`;
    case 'replications':
    case 'usages':
      return `the ${error.what} of registry ${name}`;
    case 'privateDnsZoneGroups':
      return `the ${error.what} of private endpoint ${name}`;
    case 'subscriptions':
    case 'resourceGraph':
      return `the ${error.what}`;
    default:
      return `${error.what} ${name}`;
  }
}

/** What a person can do about it, by what Azure answered. */
function advice(error: LoadError): string {
  const status = error.status;
  if (status === 401) return 'the sign-in was not accepted (expired or revoked); sign in again and retry';
  if (status === 403) return `your account needs Reader on ${readerScope(error.scope)}; ask its owner, then retry`;
  if (status === 404) return 'Azure says it does not exist (deleted since it was listed, or in a subscription you cannot see); refresh';
  if (status === 429) return 'Azure throttled the read; retry later';
  if (status !== undefined && status >= 500) return 'Azure failed to answer; retry later';
  if (status !== undefined) return 'Azure refused the read; retry, and report it if it persists';
  if (error.code === 'RequestTimeout' || error.code === 'OperationTimedOut') return 'Azure did not answer in the time allowed; retry later, or allow more time';
  return 'the answer did not arrive whole (the connection broke or the body was not valid); retry later';
}

/** The resource group (or subscription) a Reader role assignment must cover to read this scope. */
function readerScope(scope: string): string {
  try {
    const parsed = parseResourceId(scope);
    return parsed.resourceGroup !== undefined ? `resource group ${parsed.resourceGroup} (subscription ${parsed.subscriptionId})` : `subscription ${parsed.subscriptionId}`;
  } catch {
    return scope;
  }
}

function scopeSubscription(scope: string): string | undefined {
  if (/^[0-9a-f-]{36}$/i.test(scope)) return scope;
  try {
    return parseResourceId(scope).subscriptionId;
  } catch {
    return undefined;
  }
}

/** `/…/privateDnsZones/z/A/name` → `/…/privateDnsZones/z`. */
function zoneOfRecordSet(recordSetId: ResourceId): ResourceId {
  return recordSetId.replace(/\/A\/[^/]+$/i, '');
}
