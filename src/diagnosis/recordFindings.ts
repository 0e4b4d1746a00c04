// Findings about A record sets in the linked `privatelink.azurecr.io` zones: missing, pointing at a
// dead IP, overwritten by another VNet's endpoint, or left over after a deletion.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../model/armId';
import type { ArmWrite, FixPlan } from '../model/fixPlan';
import type { PrivateDnsZone } from '../model/types';
import type { RegistryContext } from './context';
import type { ExpectedRecord } from './expected';
import { findingKey, type Finding, type FindingId, type Severity } from './finding';
import { addToARecordSetWrite, addToRecordPlan, createARecordSetWrite, createRecordPlan, deleteRecordPlan, replaceInRecordPlan } from './fixPlans';
import { peeringBetween } from './peering';
import { idleEndpointIps, idleEndpointNames } from './idleEndpoints';
import { ipsInUse, orphanedRecordSets } from './recordUse';
import { removalBlockers } from './removalPolicy';
import { recordsUnread } from './unread';
import { indexSnapshot } from './snapshotIndex';

const list = (ips: readonly string[]): string => (ips.length > 0 ? ips.join(', ') : l10n.t('nothing'));
const unique = (ips: (string | undefined)[]): string[] => [...new Set(ips.filter((ip): ip is string => !!ip))];

/** The expected records for the VNets a zone is linked to, by record set name. */
function expectedByName(ctx: RegistryContext, vnetIds: readonly string[]): Map<string, ExpectedRecord[]> {
  const groups = new Map<string, ExpectedRecord[]>();
  for (const e of ctx.expected) {
    if (!vnetIds.some((v) => sameId(v, e.virtualNetworkId))) continue;
    const group = groups.get(e.recordSetName);
    if (group) group.push(e);
    else groups.set(e.recordSetName, [e]);
  }
  return groups;
}

/** The writes that make a zone serve the given VNets' records, adding only: used when linking or creating a zone. */
export function writesToServe(ctx: RegistryContext, zone: PrivateDnsZone | undefined, zoneId: string, vnetIds: readonly string[]): ArmWrite[] {
  const writes: ArmWrite[] = [];
  for (const [name, group] of expectedByName(ctx, vnetIds)) {
    const ips = unique(group.map((e) => e.privateIPAddress));
    if (ips.length === 0) continue;
    const recordSet = zone ? indexSnapshot(ctx.snapshot).recordSet(zone.id, name) : undefined;
    if (!recordSet) writes.push(createARecordSetWrite(zoneId, name, ips));
    else {
      const lacking = ips.filter((ip) => !recordSet.ipv4Addresses.includes(ip));
      if (lacking.length > 0) writes.push(addToARecordSetWrite(recordSet, lacking));
    }
  }
  return writes;
}

export function recordFindings(ctx: RegistryContext): Finding[] {
  const findings: Finding[] = [];
  // If some endpoints or NICs could not be read, an IP that looks unused may still be serving one.
  const removalIsSafe = removalBlockers(ctx).length === 0;
  for (const view of ctx.configured.linked) {
    for (const [name, group] of expectedByName(ctx, view.endpointVirtualNetworkIds)) {
      const finding = compareRecordSet(ctx, view.zone, name, group, removalIsSafe);
      if (finding) findings.push(finding);
    }
  }
  findings.push(...leftoverFindings(ctx));
  return findings;
}

/** The endpoints (by name) whose IP for this name is one of `ips`. */
function endpointNames(group: readonly ExpectedRecord[], ips: readonly string[]): string {
  return list(unique(group.filter((e) => e.privateIPAddress && ips.includes(e.privateIPAddress)).map((e) => resourceName(e.privateEndpointId))));
}

/** The pairs (one VNet from each list) proven not to be peered with each other, each pair once. */
function unpeeredPairs(ctx: RegistryContext, from: readonly string[], to: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const a of from) {
    for (const b of to) {
      if (pairs.some(([x, y]) => sameId(x, b) && sameId(y, a))) continue;
      if (peeringBetween(ctx, a, b) === 'notPeered') pairs.push([a, b]);
    }
  }
  return pairs;
}

function vnetIdsOf(group: readonly ExpectedRecord[]): string[] {
  const ids: string[] = [];
  for (const e of group) if (!ids.some((v) => sameId(v, e.virtualNetworkId))) ids.push(e.virtualNetworkId);
  return ids;
}

function compareRecordSet(
  ctx: RegistryContext,
  zone: PrivateDnsZone,
  name: string,
  group: ExpectedRecord[],
  removalIsSafe: boolean,
): Finding | undefined {
  const first = group[0]!;
  const fqdn = first.fqdn;
  const ips = unique(group.map((e) => e.privateIPAddress));
  if (ips.length === 0) return undefined; // no IP to point at yet: endpoint.memberMissing says why
  // Every finding here is about this FQDN in this zone; its fix plan is filed under the finding's key.
  const finding = (id: FindingId, severity: Severity, actual: string, message: string, fix?: (key: string) => FixPlan): Finding => {
    const key = findingKey(id, fqdn, zone.id);
    return { subject: fqdn, registryId: ctx.registry.id, expected: list(ips), id, key, severity, actual, message, ...(fix ? { fix: fix(key) } : {}) };
  };
  const recordSet = indexSnapshot(ctx.snapshot).recordSet(zone.id, name);

  if (!recordSet) {
    // The zone's records could not be listed: "missing" would be a guess (check.unreadable says why).
    if (recordsUnread(ctx.snapshot, zone.id)) return undefined;
    // A link with resolutionPolicy NxDomainRedirect sends a name missing from the zone to public DNS.
    const redirecting = indexSnapshot(ctx.snapshot)
      .linksOfZone(zone.id)
      .filter((l) => l.resolutionPolicy?.toLowerCase() === 'nxdomainredirect' && vnetIdsOf(group).some((v) => sameId(v, l.virtualNetworkId)));
    return finding(
      'dns.record.missing',
      'error',
      redirecting.length === 0 ? l10n.t('no A record') : l10n.t('no A record; resolved publicly (NxDomainRedirect)'),
      redirecting.length === 0
        ? l10n.t('{0} has no A record in {1}, so VNets linked to it get NXDOMAIN; create {2} → {3}.', fqdn, zone.name, name, list(ips))
        : l10n.t('{0} has no A record in {1}, so {2} resolve(s) it to the public IP instead of NXDOMAIN (link {3} has resolutionPolicy NxDomainRedirect); create {4} → {5}.', fqdn, zone.name, list(redirecting.map((l) => resourceName(l.virtualNetworkId))), list(redirecting.map((l) => l.name)), name, list(ips)),
      (key) => createRecordPlan(key, zone, name, ips),
    );
  }

  const have = recordSet.ipv4Addresses;
  const lacking = ips.filter((ip) => !have.includes(ip));
  const inUse = ipsInUse(ctx.snapshot, ctx.expected, fqdn);
  const stale = have.filter((ip) => !inUse.has(ip));
  // IPs some current endpoint serves: never removed, even when ours is missing.
  const served = have.filter((ip) => inUse.has(ip));
  const actual = list(have);

  if (have.length === 0) {
    return finding(
      'dns.record.missing',
      'error',
      l10n.t('empty A record set'),
      l10n.t('The A record set {0} in {1} is empty, so {2} has no answer; add {3}.', name, zone.name, fqdn, list(lacking)),
      (key) => addToRecordPlan(key, recordSet, lacking),
    );
  }

  // A client in a VNet gets every IP of the record set: it works privately when one of them is an
  // endpoint of the registry in that same VNet. Several endpoints in one VNet share one record set
  // (the zone group written last replaces the IPs), so one of their IPs is enough.
  const ownIps = (vnetId: string): string[] => unique(group.filter((e) => sameId(e.virtualNetworkId, vnetId)).map((e) => e.privateIPAddress));

  // IPs of endpoints whose connection is not Approved: their zone group (or a person) wrote them, and
  // they carry no traffic. A VNet whose Approved endpoints are all left out gets only those.
  const idle = idleEndpointIps(ctx, fqdn);
  const idleHere = have.filter((ip) => idle.has(ip));
  if (idleHere.length > 0 && stale.length === 0) {
    const working = (vnetId: string): string[] => ownIps(vnetId).filter((ip) => !idle.has(ip));
    const withWorking = vnetIdsOf(group).filter((v) => working(v).length > 0);
    const idleOnly = withWorking.filter((v) => !working(v).some((ip) => have.includes(ip)));
    const who = idleEndpointNames(idle, idleHere);
    if (idleOnly.length > 0) {
      const add = unique(idleOnly.flatMap(working));
      return finding(
        'dns.record.ipMismatch',
        'error',
        actual,
        l10n.t('{0} in {1} points only at {2}, the IP of {3}, whose connection is not Approved, so clients in {4} get an IP that carries no traffic for {5}; add {6} and keep the existing IP, or approve the connection.', name, zone.name, list(idleHere), who, list(idleOnly.map((v) => resourceName(v))), fqdn, list(add)),
        (key) => addToRecordPlan(key, recordSet, add),
      );
    }
    if (withWorking.length > 0) {
      return finding(
        'dns.record.ipMismatch',
        'warning',
        actual,
        l10n.t('{0} in {1} also points at {2}, the IP of {3}, whose connection is not Approved, so some lookups get an IP that carries no traffic; approve the connection, or remove the IP once you know it is not needed.', name, zone.name, list(idleHere), who),
      );
    }
  }

  const starved = vnetIdsOf(group).filter((v) => !ownIps(v).some((ip) => have.includes(ip)));

  if (starved.length > 0) {
    const missingHere = unique(starved.flatMap(ownIps));
    const vnetNames = list(starved.map((v) => resourceName(v)));
    if (served.length > 0) {
      // Another VNet's endpoint (its zone group, or a person) wrote its IP over ours: add ours back, keep theirs.
      // Unless that VNet is not peered with ours: adding ours would then give its clients an IP they cannot reach.
      const servingVnets = vnetIdsOf(ctx.expected.filter((e) => e.fqdn === fqdn && e.privateIPAddress !== undefined && served.includes(e.privateIPAddress)));
      const apart = unpeeredPairs(ctx, starved, servingVnets);
      if (apart.length > 0) {
        return finding(
          'dns.record.sharedOverwrite',
          'error',
          actual,
          l10n.t(
            '{0} in {1} points only at {2} ({3}), an endpoint in a VNet that is not peered with {4}, so clients in {4} get an IP they cannot reach for {5}; adding {6} to this record would give the other VNet\'s clients an IP they cannot reach instead: give each VNet its own {1} zone linked only to it, or peer the VNets.',
            name,
            zone.name,
            list(served),
            endpointNames(ctx.expected, served) || l10n.t('another endpoint'),
            vnetNames,
            fqdn,
            list(missingHere),
          ),
        );
      }
      return finding(
        'dns.record.sharedOverwrite',
        'error',
        actual,
        l10n.t('{0} in {1} points only at {2} ({3}), an endpoint in another VNet, so clients in {4} get an IP outside their VNet for {5} (reachable only through peering); add {6} and keep the existing IP (better: one zone per VNet).', name, zone.name, list(served), endpointNames(ctx.expected, served) || l10n.t('another endpoint'), vnetNames, fqdn, list(missingHere)),
        (key) => addToRecordPlan(key, recordSet, missingHere),
      );
    }
    return finding(
      'dns.record.ipMismatch',
      'error',
      actual,
      removalIsSafe
        ? l10n.t('{0} in {1} points at {2}, which no endpoint serves, instead of {3}, so {4} gets a dead IP in {5}; replace the IP.', name, zone.name, list(stale), list(lacking), fqdn, vnetNames)
        : l10n.t('{0} in {1} points at {2} instead of {3}, so {4} does not reach the endpoint in {5} (whether an endpoint that could not be read serves {2} is unknown); add {3}, and remove {2} only once you know nothing uses it.', name, zone.name, list(stale), list(lacking), fqdn, vnetNames),
      (key) => replaceInRecordPlan(key, recordSet, stale, lacking, removalIsSafe),
    );
  }

  if (stale.length > 0) {
    // With endpoints unread, an IP that looks dead may be one of theirs: said so, and the row is "could not check".
    return finding(
      'dns.record.ipMismatch',
      'warning',
      actual,
      removalIsSafe
        ? l10n.t('{0} in {1} also points at {2}, which no endpoint serves, so some lookups get a dead IP; remove it.', name, zone.name, list(stale))
        : l10n.t('{0} in {1} also points at {2}, which no endpoint that could be read serves (whether one that could not be read does is unknown); remove it only once you know nothing uses it.', name, zone.name, list(stale)),
      (key) => replaceInRecordPlan(key, recordSet, stale, [], removalIsSafe),
    );
  }

  const vnetsInRecord = vnetIdsOf(group).filter((v) => ownIps(v).some((ip) => have.includes(ip)));
  if (vnetsInRecord.length > 1) {
    // Each VNet also gets the others' IPs: a lookup that picks one it cannot reach fails.
    const apart = unpeeredPairs(ctx, vnetsInRecord, vnetsInRecord);
    if (apart.length > 0) {
      return finding(
        'dns.record.sharedOverwrite',
        'error',
        actual,
        l10n.t(
          '{0} in {1} holds the IPs of endpoints in VNets that are not peered ({2}), so clients in each get, on some lookups, an IP of the other VNet that they cannot reach unless you route traffic between them; give each VNet its own {1} zone linked only to it, or peer the VNets.',
          name,
          zone.name,
          list(apart.map(([a, b]) => `${resourceName(a)} – ${resourceName(b)}`)),
        ),
      );
    }
    return finding(
      'dns.record.sharedOverwrite',
      'warning',
      actual,
      l10n.t('{0} in {1} holds the IPs of endpoints in {2} VNets, so each VNet also gets the others\' IPs; give each VNet its own {1} zone or use one endpoint in a hub VNet.', name, zone.name, vnetsInRecord.length),
    );
  }

  if (lacking.length > 0) {
    // Every VNet answers with one of its own endpoints: private and working, through fewer endpoints.
    const vnetNames = list(vnetsInRecord.map((v) => resourceName(v)));
    return finding(
      'dns.record.sharedByEndpoints',
      'info',
      actual,
      l10n.t('{0} resolves privately in {1} to {2}, the IP of {3}; {4} ({5}) is in no record, so clients there use only {3}. Endpoints of one registry in one VNet share this zone\'s A records: the DNS zone group written last replaces the IPs, and deleting any endpoint whose zone group wrote them deletes them.', fqdn, vnetNames, actual, endpointNames(group, have), endpointNames(group, lacking), list(lacking)),
    );
  }
  return undefined;
}

/** Records left after a deletion, and the VNet links that still send clients to them. */
function leftoverFindings(ctx: RegistryContext): Finding[] {
  const findings: Finding[] = [];
  const reportedLinks = new Set<string>();
  for (const orphan of orphanedRecordSets(ctx.snapshot, ctx.names, ctx.expected, ctx.configured)) {
    if (orphan.unverifiedBecause) continue; // a candidate only: its row says "could not check"
    const { recordSet, zone, fqdn } = orphan;
    const key = findingKey('dns.record.orphaned', fqdn, zone.id);
    findings.push({
      id: 'dns.record.orphaned',
      key,
      severity: 'warning',
      subject: fqdn,
      registryId: ctx.registry.id,
      expected: l10n.t('no record (no endpoint serves it)'),
      actual: list(recordSet.ipv4Addresses),
      message: l10n.t('{0} in {1} points at {2}, which no endpoint of {3} serves (left over from a deleted endpoint or replica, or from an endpoint whose connection the registry no longer lists); delete it if nothing else uses it.', recordSet.name, zone.name, list(recordSet.ipv4Addresses), ctx.registry.name),
      fix: deleteRecordPlan(key, recordSet),
    });
    orphan.staleLinkIds.forEach((linkId, i) => {
      if (reportedLinks.has(linkId.toLowerCase())) return;
      reportedLinks.add(linkId.toLowerCase());
      const vnetName = resourceName(orphan.staleLinkVirtualNetworkIds[i] ?? linkId);
      findings.push({
        id: 'dns.link.stale',
        key: findingKey('dns.link.stale', linkId),
        severity: 'warning',
        subject: linkId,
        registryId: ctx.registry.id,
        expected: l10n.t('no endpoint of {0} in {1}: public resolution, or a working record', ctx.registry.name, vnetName),
        actual: `${fqdn} → ${list(recordSet.ipv4Addresses)}`,
        message: l10n.t('{0} is still linked to {1}, which sends {2} to {3}, an address no endpoint serves; delete the leftover records, or the link if the VNet no longer needs the zone.', vnetName, zone.name, fqdn, list(recordSet.ipv4Addresses)),
      });
    });
  }
  return findings;
}
