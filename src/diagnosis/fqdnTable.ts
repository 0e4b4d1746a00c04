// One row per FQDN a registry needs per VNet with an endpoint (plus leftover records): what the NIC
// says, what the zone holds, what the VNet would resolve, what a real resolver answers, and the
// verdict the tree and the status panel show.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../model/armId';
import type { ResourceId, Snapshot } from '../model/types';
import { linkedZoneNamed } from './configured';
import { registryContext, type RegistryContext } from './context';
import type { ExpectedRecord } from './expected';
import type { Finding } from './finding';
import type { LiveAnswer } from './liveResolution';
import { peeringBetween } from './peering';
import { idleEndpointIps } from './idleEndpoints';
import { ipsInUse, orphanedRecordSets } from './recordUse';
import { indexSnapshot } from './snapshotIndex';
import { removalBlockers } from './removalPolicy';
import { endpointReadErrors, readErrors, unreadNote } from './unread';
import { virtualResolution, type VirtualAnswer } from './virtualResolution';
import { serverAnswersFor, type VnetServerAnswer } from './vnetDnsLive';

export type Verdict = 'ok' | 'missing' | 'wrongIp' | 'orphaned' | 'public' | 'nxdomain' | 'unknown';

export interface FqdnRow {
  fqdn: string;
  /** Undefined for a leftover record no VNet with an endpoint is linked to. */
  virtualNetworkId?: ResourceId;
  privateEndpointId?: ResourceId;
  requiredMemberName?: string;
  expectedIp?: string;
  zoneId?: ResourceId;
  recordSetId?: ResourceId;
  zoneRecordIps: string[];
  virtualAnswer?: VirtualAnswer;
  /** When the VNet's answer holds another endpoint's IP for this name (several endpoints in one VNet share a record set): that endpoint. */
  answeredBy?: ResourceId[];
  liveAnswer?: LiveAnswer;
  /** `unknown` ("could not check") when the verdict depends on something that could not be read or answered. */
  verdict: Verdict;
  /** Why the verdict is `unknown`. */
  note?: string;
  /**
   * When the verdict is `unknown` because the VNet's DNS servers (or a forwarding rule's) decide the
   * answer and Azure's configuration does not show what they do: those servers ("depends on your DNS servers").
   */
  dependsOnDnsServers?: string[];
  /** When the VNet's own DNS servers were asked live (they decide its answer): what each said. */
  dnsServerAnswers?: { server: string; answer?: LiveAnswer }[];
  /** Keys of the findings about this row, so a view can offer their fixes. */
  findingKeys: string[];
}

export function fqdnTable(snapshot: Snapshot, registryId: ResourceId, live?: readonly LiveAnswer[], findings?: readonly Finding[], serverAnswers?: readonly VnetServerAnswer[]): FqdnRow[] {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx) return [];
  const liveByFqdn = new Map((live ?? []).map((a) => [a.fqdn, a]));
  const rows: FqdnRow[] = ctx.expected.map((e) => expectedRow(ctx, e, liveByFqdn.get(e.fqdn), serverAnswers));

  for (const orphan of orphanedRecordSets(snapshot, ctx.names, ctx.expected, ctx.configured)) {
    const vnetId = orphan.staleLinkVirtualNetworkIds[0];
    const unverified = orphan.unverifiedBecause;
    rows.push({
      fqdn: orphan.fqdn,
      ...(vnetId !== undefined ? { virtualNetworkId: vnetId, virtualAnswer: virtualResolution(snapshot, vnetId, orphan.fqdn, ctx.names.suffix) } : {}),
      zoneId: orphan.zone.id,
      recordSetId: orphan.recordSet.id,
      zoneRecordIps: [...orphan.recordSet.ipv4Addresses],
      ...(liveByFqdn.has(orphan.fqdn) ? { liveAnswer: liveByFqdn.get(orphan.fqdn)! } : {}),
      verdict: unverified ? 'unknown' : 'orphaned',
      ...(unverified ? { note: l10n.t('whether an endpoint still serves it: {0}', unreadNote(unverified)) } : {}),
      findingKeys: [],
    });
  }

  if (findings) {
    const bySubject = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = bySubject.get(f.subject);
      if (list) list.push(f);
      else bySubject.set(f.subject, [f]);
    }
    for (const row of rows) {
      const zone = row.zoneId?.toLowerCase();
      const about = bySubject.get(row.fqdn) ?? [];
      row.findingKeys = about.filter((f) => zone === undefined || !f.key.includes('|/subscriptions/') || f.key.endsWith(zone)).map((f) => f.key);
    }
  }
  return rows;
}

function expectedRow(ctx: RegistryContext, e: ExpectedRecord, live: LiveAnswer | undefined, serverAnswers: readonly VnetServerAnswer[] | undefined): FqdnRow {
  const zone = linkedZoneNamed(ctx.snapshot, e.virtualNetworkId, ctx.names.zoneName);
  const recordSet = zone ? indexSnapshot(ctx.snapshot).recordSet(zone.id, e.recordSetName) : undefined;
  const virtualAnswer = virtualResolution(ctx.snapshot, e.virtualNetworkId, e.fqdn, ctx.names.suffix);
  const asked = virtualAnswer.status === 'dependsOnDnsServers' ? serverAnswersFor(serverAnswers, e.virtualNetworkId, e.fqdn).filter((a) => virtualAnswer.dnsServers?.includes(a.server)) : [];
  // The VNet's own DNS servers, asked live, settle what the configuration could not.
  const fromServers = e.privateIPAddress && asked.length > 0 ? verdictFromServers(ctx, e, virtualAnswer.dnsServers ?? [], asked) : undefined;
  const configVerdict = fromServers ?? verdictFromConfiguration(ctx, e, virtualAnswer);
  const answeredBy = answeringEndpoints(ctx, e, virtualAnswer);
  const verdict = combinedVerdict(ctx, e, configVerdict, live);
  const failed = asked.filter((a) => a.answer?.status !== 'ok' && a.answer?.status !== 'nxdomain' && a.answer?.status !== 'nodata');
  const askNote = failed.length > 0 ? `; asked live, ${failed.map((a) => `${a.server} ${a.answer ? `did not answer (${a.answer.status})` : 'could not be reached from here'}`).join(', ')}` : '';
  const note = verdict === 'unknown' ? `${unknownNote(ctx, e, virtualAnswer, live)}${askNote}` : undefined;
  return {
    fqdn: e.fqdn,
    virtualNetworkId: e.virtualNetworkId,
    privateEndpointId: e.privateEndpointId,
    requiredMemberName: e.requiredMemberName,
    ...(e.privateIPAddress !== undefined ? { expectedIp: e.privateIPAddress } : {}),
    ...(zone ? { zoneId: zone.id } : {}),
    ...(recordSet ? { recordSetId: recordSet.id } : {}),
    zoneRecordIps: recordSet ? [...recordSet.ipv4Addresses] : [],
    virtualAnswer,
    ...(answeredBy.length > 0 ? { answeredBy } : {}),
    ...(live ? { liveAnswer: live } : {}),
    verdict,
    ...(note !== undefined ? { note } : {}),
    ...(verdict === 'unknown' && virtualAnswer.status === 'dependsOnDnsServers' && e.privateIPAddress ? { dependsOnDnsServers: [...(virtualAnswer.dnsServers ?? [])] } : {}),
    ...(asked.length > 0 ? { dnsServerAnswers: asked } : {}),
    findingKeys: [],
  };
}

/**
 * The configuration's verdict, then the live answer's where one was asked for: a live answer can
 * prove a problem the configuration could not be read for, but "ok" needs both, and a resolver that
 * failed leaves the row unverified.
 */
function combinedVerdict(ctx: RegistryContext, e: ExpectedRecord, configVerdict: Verdict, live: LiveAnswer | undefined): Verdict {
  if (!live || !e.privateIPAddress) return configVerdict;
  if (configVerdict === 'ok') return verdictFromLive(ctx, e, live);
  if (configVerdict === 'unknown') {
    const fromLive = verdictFromLive(ctx, e, live);
    return fromLive === 'ok' ? 'unknown' : fromLive;
  }
  return configVerdict;
}

function unknownNote(ctx: RegistryContext, e: ExpectedRecord, answer: VirtualAnswer, live: LiveAnswer | undefined): string {
  if (!e.privateIPAddress) {
    const nicIds = ctx.endpoints.find((p) => sameId(p.privateEndpointId, e.privateEndpointId))?.endpoint?.networkInterfaceIds ?? [];
    const nic = readErrors(ctx.snapshot, 'networkInterface', 'privateEndpoint').find((x) => sameId(x.scope, e.privateEndpointId) || nicIds.some((id) => sameId(id, x.scope)));
    return nic ? l10n.t('the private IP is unknown: {0}', unreadNote(nic)) : l10n.t('the endpoint has no IP for {0} yet', e.requiredMemberName);
  }
  if (answer.status === 'unknown' || answer.status === 'dependsOnDnsServers') return answer.note ?? l10n.t('part of the DNS configuration could not be read');
  if (answer.status === 'private' && !answer.addresses.every((ip) => ipsInUse(ctx.snapshot, ctx.expected, e.fqdn).has(ip))) {
    const hidden = endpointReadErrors(ctx.snapshot)[0];
    return l10n.t('whether {0} all belong to endpoints: {1}', answer.addresses.join(', '), hidden ? unreadNote(hidden) : (removalBlockers(ctx)[0] ?? l10n.t('some endpoints could not be read')));
  }
  if (live && live.status !== 'ok') return l10n.t('the DNS server {0} did not answer ({1}{2})', live.server, live.status, live.errorCode ? ` ${live.errorCode}` : '');
  const unknownReach = answer.status === 'private' ? answer.addresses.filter((ip) => reachability(ctx, e, ip) === 'unknown') : [];
  if (unknownReach.length > 0) return l10n.t('whether {0} can be reached from {1}: a virtual network whose peerings would say so could not be read', unknownReach.join(', '), resourceName(e.virtualNetworkId));
  return l10n.t('part of the check could not be completed');
}

function verdictFromConfiguration(ctx: RegistryContext, e: ExpectedRecord, answer: VirtualAnswer): Verdict {
  if (!e.privateIPAddress) return 'unknown';
  switch (answer.status) {
    case 'unknown':
    case 'dependsOnDnsServers':
      // Never healthy, never an error: what the VNet's own DNS servers answer is not in Azure's configuration.
      return 'unknown';
    case 'public':
      // A link with NxDomainRedirect turns our missing record into the public answer: still a missing record.
      return answer.nxDomainRedirectLinkId !== undefined && answer.zoneName === ctx.names.zoneName ? 'missing' : 'public';
    case 'nxdomain':
      // NXDOMAIN from the right zone means our record is missing; from a wrongly named zone it is that zone's doing.
      return answer.zoneName === ctx.names.zoneName ? 'missing' : 'nxdomain';
    case 'nodata':
      return 'missing';
    case 'private': {
      // A client gets every IP of the answer: all must be served, and one must be an endpoint of the
      // registry in this VNet (this one, or another endpoint sharing the record set).
      const inUse = ipsInUse(ctx.snapshot, ctx.expected, e.fqdn);
      if (!answer.addresses.every((ip) => inUse.has(ip))) {
        // An IP no endpoint we read serves may be served by one we could not read.
        return removalBlockers(ctx).length > 0 ? 'unknown' : 'wrongIp';
      }
      const own = ownIpsInVnet(ctx, e);
      if (!answer.addresses.some((ip) => own.includes(ip))) return 'wrongIp';
      // An IP of an endpoint whose connection is not Approved carries no traffic: for the row of an
      // Approved endpoint, a lookup that gets one fails (a row of an idle endpoint is that endpoint's
      // connection finding's matter, whatever DNS holds).
      const idle = idleEndpointIps(ctx, e.fqdn);
      if (idle.size > 0 && !idle.has(e.privateIPAddress) && answer.addresses.some((ip) => idle.has(ip))) return 'wrongIp';
      // The answer's other IPs are tried too: one only in VNets not peered with this one is a dead IP here.
      const others = answer.addresses.filter((ip) => !own.includes(ip)).map((ip) => reachability(ctx, e, ip));
      return others.includes('unreachable') ? 'wrongIp' : others.includes('unknown') ? 'unknown' : 'ok';
    }
  }
}

/** Whether the row's VNet reaches an endpoint serving `ip` for the row's name: in it, or through a peering. */
function reachability(ctx: RegistryContext, e: ExpectedRecord, ip: string): 'reachable' | 'unreachable' | 'unknown' {
  const peerings = ctx.expected.filter((x) => x.fqdn === e.fqdn && x.privateIPAddress === ip).map((x) => peeringBetween(ctx, e.virtualNetworkId, x.virtualNetworkId));
  if (peerings.length === 0 || peerings.some((p) => p === 'same' || p === 'peered')) return 'reachable';
  return peerings.includes('unknown') ? 'unknown' : 'unreachable';
}

/** The IPs the registry's endpoints in the row's VNet have for the row's name. */
function ownIpsInVnet(ctx: RegistryContext, e: ExpectedRecord): string[] {
  return ctx.expected
    .filter((x) => x.fqdn === e.fqdn && sameId(x.virtualNetworkId, e.virtualNetworkId) && x.privateIPAddress)
    .map((x) => x.privateIPAddress!);
}

/** Endpoints of the row's VNet other than the row's own whose IP the VNet's answer holds: who actually answers. */
function answeringEndpoints(ctx: RegistryContext, e: ExpectedRecord, answer: VirtualAnswer): ResourceId[] {
  if (answer.status !== 'private' || (e.privateIPAddress && answer.addresses.includes(e.privateIPAddress))) return [];
  return ctx.expected
    .filter((x) => x.fqdn === e.fqdn && sameId(x.virtualNetworkId, e.virtualNetworkId) && x.privateIPAddress && answer.addresses.includes(x.privateIPAddress))
    .map((x) => x.privateEndpointId);
}

/**
 * The verdict from the VNet's own DNS servers asked live: a problem any of them answers is proven; ok
 * needs every server the VNet names to have answered ok; otherwise undefined (still "depends").
 */
function verdictFromServers(ctx: RegistryContext, e: ExpectedRecord, servers: readonly string[], asked: { server: string; answer?: LiveAnswer }[]): Verdict | undefined {
  const verdicts = asked.flatMap((a) => (a.answer ? [verdictFromLive(ctx, e, a.answer)] : []));
  const problem = verdicts.find((v) => v !== 'ok' && v !== 'unknown');
  if (problem) return problem;
  const okServers = asked.filter((a) => a.answer && verdictFromLive(ctx, e, a.answer) === 'ok').map((a) => a.server);
  return servers.every((s) => okServers.includes(s)) ? 'ok' : undefined;
}

/** A live answer speaks for one machine, so it only has to match the IP of some VNet's endpoint. */
function verdictFromLive(ctx: RegistryContext, e: ExpectedRecord, live: LiveAnswer): Verdict {
  switch (live.status) {
    case 'ok': {
      const expectedIps = ctx.expected.filter((x) => x.fqdn === e.fqdn && sameId(x.registryId, e.registryId)).map((x) => x.privateIPAddress);
      if (live.addresses.some((ip) => expectedIps.includes(ip))) return 'ok';
      return live.addressClass === 'private' ? 'wrongIp' : 'public';
    }
    case 'nxdomain':
    case 'nodata':
      return 'nxdomain';
    default:
      return 'unknown'; // the resolver failed: what clients get was not verified
  }
}
