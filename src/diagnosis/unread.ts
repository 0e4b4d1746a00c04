// What could not be read, asked the way the rules need it. A verdict that depends on an unread part
// is "could not check", never "missing" or "healthy", and no fix plan is built from it. Every failed
// read is also a `check.unreadable` finding that names the resource, Azure's answer and what to do.
import * as l10n from '@vscode/l10n';
import { parseResourceId, resourceName, sameId } from '../model/armId';
import type { FixPlan } from '../model/fixPlan';
import type { LoadError, ReadKind, ResourceId, Snapshot } from '../model/types';
import { findingKey, type Finding } from './finding';

/** The failed reads of these kinds. */
export function readErrors(snapshot: Snapshot, ...kinds: ReadKind[]): LoadError[] {
  // Asked many times per check, and most loads fail nothing.
  if (snapshot.errors.length === 0) return [];
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
  if (snapshot.errors.length === 0) return [];
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
  return [error.status, error.code].filter((p) => p !== undefined).join(' ') || l10n.t('no answer');
}

/** Why a verdict could not be reached, in one clause: "the A records of privatelink.azurecr.io could not be read (500 InternalServerError)". */
export function unreadNote(error: LoadError): string {
  return l10n.t('{0} could not be read ({1})', subjectText(error), answerText(error));
}

/** The plans that write where something could not be read (a zone's records or links): dropped, never applied. */
export function planTouchesUnread(snapshot: Snapshot, plan: FixPlan): boolean {
  if (snapshot.errors.length === 0) return false;
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
      case 'removeVirtualNetworkRules':
        return unreadAt(snapshot, 'networkRules', w.registryId) !== undefined;
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
    expected: l10n.t('the {0} read', error.what),
    actual: `${answerText(error)}: ${error.message}`,
    message: l10n.t('Could not check: {0}, so {1}; {2}.', unreadNote(error), consequenceOf(snapshot, error), advice(error)),
  }));
}

/** What the failed read leaves unchecked, in this snapshot. */
function consequenceOf(snapshot: Snapshot, error: LoadError): string {
  // A NIC's endpoint lists the same names and IPs in its customDnsConfigs: the records are checked from those.
  if (error.read === 'networkInterface' && snapshot.privateEndpoints.some((pe) => pe.networkInterfaceIds.some((id) => sameId(id, error.scope)) && pe.customDnsConfigs.some((c) => c.ipAddresses.length > 0))) {
    return l10n.t('its names and IPs were taken from the endpoint’s DNS configuration (customDnsConfigs) instead, and no IP is removed from a record until it can be read');
  }
  return consequence[error.read];
}

// Getters: each is read when a message is made, in the language configured by then.
const consequence: Record<ReadKind, string> = {
  get subscriptions() {
    return l10n.t('nothing in them was checked');
  },
  get subscription() {
    return l10n.t('nothing in it was checked');
  },
  get registries() {
    return l10n.t('registries there were not checked');
  },
  get registry() {
    return l10n.t('the registry was not checked');
  },
  get registryDetails() {
    return l10n.t('nothing about the registry was checked');
  },
  get replications() {
    return l10n.t('the replicas’ data endpoints and leftover records were not checked');
  },
  get usages() {
    return l10n.t('the private endpoint limit was not checked');
  },
  get privateEndpoint() {
    return l10n.t('the names it serves and their records were not checked');
  },
  get networkInterface() {
    return l10n.t('the endpoint’s private IPs are unknown and their records were not checked');
  },
  get virtualNetwork() {
    return l10n.t('its DNS servers and peerings are unknown, so what it resolves is unknown');
  },
  get privateDnsZones() {
    return l10n.t('a zone serving the registry may exist unseen, and the VNets’ answers are unknown');
  },
  get virtualNetworkLinks() {
    return l10n.t('which VNets resolve through this zone is unknown');
  },
  get aRecordSets() {
    return l10n.t('the verdicts of its records are unknown (not missing) and no fix is offered for them');
  },
  get privateDnsZoneGroups() {
    return l10n.t('which zone the endpoint writes its records to is unknown');
  },
  get providerRegistration() {
    return l10n.t('whether endpoints can be created in that subscription was not checked');
  },
  get dnsResolvers() {
    return l10n.t('whether the VNets’ DNS servers are Private Resolver inbound endpoints is unknown, so what they resolve is unknown');
  },
  get dnsForwardingRulesets() {
    return l10n.t('whether a forwarding ruleset sends azurecr.io elsewhere is unknown, so what the VNets resolve is unknown');
  },
  get resourceGraph() {
    return l10n.t('the inventory was read from ARM instead');
  },
  get tasks() {
    return l10n.t('whether its tasks can run with public network access disabled was not checked');
  },
  get agentPools() {
    return l10n.t('whether its tasks have an agent pool in a virtual network was not checked');
  },
  get networkRules() {
    return l10n.t('its virtual network (service endpoint) rules were not checked, and no fix is offered for them');
  },
  get networkSecurityGroup() {
    return l10n.t('whether it lets clients in the virtual network reach the private endpoint on port 443 was not checked');
  },
  get routeTable() {
    return l10n.t('whether its routes changed since connectivity was last checked is unknown, so that result is not taken as current');
  },
};

function subjectText(error: LoadError): string {
  const name = resourceName(error.scope);
  switch (error.read) {
    case 'aRecordSets':
    case 'virtualNetworkLinks':
      return l10n.t('the {0} of {1}', error.what, name);
    case 'privateDnsZones':
    case 'dnsResolvers':
    case 'dnsForwardingRulesets':
    case 'registries':
    case 'providerRegistration':
      return l10n.t('the {0} of subscription {1}', error.what, scopeSubscription(error.scope) ?? name);
    case 'replications':
    case 'usages':
    case 'tasks':
    case 'agentPools':
    case 'networkRules':
      return l10n.t('the {0} of registry {1}', error.what, name);
    case 'privateDnsZoneGroups':
      return l10n.t('the {0} of private endpoint {1}', error.what, name);
    case 'subscriptions':
    case 'resourceGraph':
      return l10n.t('the {0}', error.what);
    default:
      return `${error.what} ${name}`;
  }
}

/** What a person can do about it, by what Azure answered. */
function advice(error: LoadError): string {
  const status = error.status;
  if (status === 401) return l10n.t('the sign-in was not accepted (expired or revoked); sign in again and retry');
  if (status === 403) return l10n.t('your account needs Reader on {0}; ask its owner, then retry', readerScope(error.scope));
  if (status === 404) return l10n.t('Azure says it does not exist (deleted since it was listed, or in a subscription you cannot see); refresh');
  if (status === 429) return l10n.t('Azure throttled the read; retry later');
  if (status !== undefined && status >= 500) return l10n.t('Azure failed to answer; retry later');
  if (status !== undefined) return l10n.t('Azure refused the read; retry, and report it if it persists');
  if (error.code === 'RequestTimeout' || error.code === 'OperationTimedOut') return l10n.t('Azure did not answer in the time allowed; retry later, or allow more time');
  return l10n.t('the answer did not arrive whole (the connection broke or the body was not valid); retry later');
}

/** The resource group (or subscription) a Reader role assignment must cover to read this scope. */
function readerScope(scope: string): string {
  try {
    const parsed = parseResourceId(scope);
    return parsed.resourceGroup !== undefined ? l10n.t('resource group {0} (subscription {1})', parsed.resourceGroup, parsed.subscriptionId) : l10n.t('subscription {0}', parsed.subscriptionId);
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
