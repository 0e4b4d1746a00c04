// Findings about what the registry's client VNets really resolve: the VNets with an endpoint, and the
// VNets peered to them (hub and spoke: peering shares addresses, never private DNS zones). A VNet whose
// DNS servers (or a forwarding rule's) Azure's configuration cannot prove gets "depends on your DNS
// servers" with the exact forwarder to configure; a peered VNet that resolves the public IP gets the
// link to the zone as its fix.
import * as l10n from '@vscode/l10n';
import { resourceName, sameId } from '../model/armId';
import type { ResourceId, Snapshot } from '../model/types';
import { linkedZoneNamed } from './configured';
import { registryContext, type RegistryContext } from './context';
import { findingKey, type Finding } from './finding';
import { linkZonePlan } from './fixPlans';
import { peeredVirtualNetworks, type PeeredVnet } from './peering';
import { virtualResolution, type VirtualAnswer } from './virtualResolution';
import { forwarderAdvice } from './vnetDns';
import { serverAnswersFor, type VnetServerAnswer } from './vnetDnsLive';

/** What on-premises and VPN clients' DNS servers need (Azure DNS answers only inside Azure); undefined without private endpoints. */
export function onPremisesForwarder(snapshot: Snapshot, registryId: ResourceId): string | undefined {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx || ctx.expected.length === 0) return undefined;
  return forwarderAdvice(snapshot, registryZoneId(ctx), ctx.names.suffix);
}

/** The `privatelink.` zone the registry's records are in, as seen from its endpoints' VNets. */
function registryZoneId(ctx: RegistryContext): ResourceId | undefined {
  for (const vnetId of ctx.configured.endpointVirtualNetworkIds) {
    const zone = linkedZoneNamed(ctx.snapshot, vnetId, ctx.names.zoneName);
    if (zone) return zone.id;
  }
  return ctx.configured.linked[0]?.zone.id;
}

export function vnetDnsFindings(ctx: RegistryContext, serverAnswers?: readonly VnetServerAnswer[]): Finding[] {
  const findings: Finding[] = [];
  const fqdn = ctx.names.loginServer;
  for (const vnetId of ctx.configured.endpointVirtualNetworkIds) {
    const answer = virtualResolution(ctx.snapshot, vnetId, fqdn, ctx.names.suffix);
    if (answer.status === 'dependsOnDnsServers') findings.push(...dependsFindings(ctx, vnetId, answer, serverAnswers));
  }
  for (const peered of peeredVirtualNetworks(ctx)) {
    const answer = virtualResolution(ctx.snapshot, peered.virtualNetworkId, fqdn, ctx.names.suffix);
    if (answer.status === 'dependsOnDnsServers') findings.push(...dependsFindings(ctx, peered.virtualNetworkId, answer, serverAnswers));
    else if (answer.status === 'public' && answer.nxDomainRedirectLinkId === undefined && answer.via === undefined) {
      const finding = peeredFinding(ctx, peered, answer);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

/**
 * A VNet that depends on its DNS servers: asked live, a server that answers a registry name publicly
 * (or not at all: NXDOMAIN, another IP) proves the forwarder missing, an error; servers that all
 * answer the endpoints' IPs prove it there, no finding; otherwise "depends on your DNS servers".
 */
function dependsFindings(ctx: RegistryContext, vnetId: ResourceId, answer: VirtualAnswer, serverAnswers: readonly VnetServerAnswer[] | undefined): Finding[] {
  const servers = answer.dnsServers ?? [];
  const names = [...new Set(ctx.expected.map((e) => e.fqdn))];
  const expectedIps = (fqdn: string): string[] => ctx.expected.filter((e) => e.fqdn === fqdn && e.privateIPAddress).map((e) => e.privateIPAddress!);
  const wrong: { server: string; fqdn: string; got: string }[] = [];
  let allOk = names.length > 0;
  for (const fqdn of names) {
    const asked = serverAnswersFor(serverAnswers, vnetId, fqdn).filter((a) => servers.includes(a.server));
    for (const server of servers) {
      const got = asked.find((a) => a.server === server)?.answer;
      if (!got || !['ok', 'nxdomain', 'nodata'].includes(got.status)) {
        allOk = false;
        continue;
      }
      if (got.status === 'ok' && got.addresses.some((ip) => expectedIps(fqdn).includes(ip))) continue;
      allOk = false;
      wrong.push({ server, fqdn, got: got.status === 'ok' ? `${got.addresses.join(', ')} (${got.addressClass})` : got.status.toUpperCase() });
    }
  }
  if (wrong.length > 0) return [resolvesPublicFinding(ctx, vnetId, wrong)];
  if (allOk) return [];
  return [unprovenFinding(ctx, vnetId, answer)];
}

function resolvesPublicFinding(ctx: RegistryContext, vnetId: ResourceId, wrong: { server: string; fqdn: string; got: string }[]): Finding {
  const vnet = resourceName(vnetId);
  const servers = [...new Set(wrong.map((w) => w.server))];
  const forwarder = forwarderAdvice(ctx.snapshot, registryZoneId(ctx), ctx.names.suffix);
  const first = wrong[0]!;
  return {
    id: 'dns.vnet.dnsServersResolvePublic',
    key: findingKey('dns.vnet.dnsServersResolvePublic', vnetId),
    severity: 'error',
    subject: vnetId,
    virtualNetworkId: vnetId,
    registryId: ctx.registry.id,
    expected: l10n.t("the endpoints' private IPs ({0})", forwarder),
    actual: wrong.map((w) => `${w.server}: ${w.fqdn} → ${w.got}`).join('; '),
    message: l10n.t(
      "Asked live, {0}'s DNS servers {1} answer {2} with {3}{4}, not the private endpoint's IP: they do not forward {5} to Azure DNS from a VNet linked to {6}. Configure {7}.",
      vnet,
      servers.join(', '),
      first.fqdn,
      first.got,
      wrong.length > 1 ? l10n.t(' (and {0} more name(s) alike)', wrong.length - 1) : '',
      ctx.names.suffix,
      ctx.names.zoneName,
      forwarder,
    ),
  };
}

function unprovenFinding(ctx: RegistryContext, vnetId: ResourceId, answer: VirtualAnswer): Finding {
  const vnet = resourceName(vnetId);
  const servers = answer.dnsServers ?? [];
  const forwarder = forwarderAdvice(ctx.snapshot, registryZoneId(ctx), ctx.names.suffix);
  // A forwarding rule says where the name goes; a VNet's own servers need no more words.
  const ruleset = answer.forwardingRuleset !== undefined;
  const how = ruleset && answer.via ? answer.via : l10n.t('DNS servers of {0}', vnet);
  return {
    id: 'dns.vnet.dnsServersUnproven',
    key: findingKey('dns.vnet.dnsServersUnproven', vnetId),
    severity: 'warning',
    subject: vnetId,
    virtualNetworkId: vnetId,
    registryId: ctx.registry.id,
    expected: l10n.t('{0} resolved through {1} ({2})', ctx.names.loginServer, ctx.names.zoneName, forwarder),
    actual: l10n.t('depends on {0} ({1})', servers.join(', '), how),
    message: l10n.t(
      "What {0} resolves for {1} depends on your DNS servers {2}{3}: Azure's configuration does not show them forwarding {4} to Azure DNS from a VNet linked to {5}. Configure {6}, then check live against them from a VM in {0}.",
      vnet,
      ctx.names.loginServer,
      servers.join(', '),
      ruleset ? ` (${how})` : '',
      ctx.names.suffix,
      ctx.names.zoneName,
      forwarder,
    ),
  };
}

function peeredFinding(ctx: RegistryContext, peered: PeeredVnet, answer: VirtualAnswer): Finding | undefined {
  const zone = linkedZoneNamed(ctx.snapshot, peered.hubVirtualNetworkId, ctx.names.zoneName);
  // Without the zone linked to the hub, the hub's own finding (dns.zone.notLinked / missing) comes first.
  if (!zone) return undefined;
  const spoke = resourceName(peered.virtualNetworkId);
  const hub = resourceName(peered.hubVirtualNetworkId);
  const key = findingKey('dns.vnet.peeredNotLinked', zone.id, peered.virtualNetworkId);
  const publicBlocked = ctx.registry.publicNetworkAccess?.toLowerCase() === 'disabled';
  const forwarder = forwarderAdvice(ctx.snapshot, zone.id, ctx.names.suffix);
  return {
    id: 'dns.vnet.peeredNotLinked',
    key,
    // With public access disabled a spoke that resolves the public IP cannot pull at all.
    severity: publicBlocked ? 'error' : 'warning',
    subject: zone.id,
    virtualNetworkId: peered.virtualNetworkId,
    registryId: ctx.registry.id,
    expected: l10n.t('{0} linked to {1}', zone.name, spoke),
    actual: l10n.t('{0} → public IP in {1}', [ctx.names.loginServer, ...answer.chain].join(' → '), spoke),
    message: publicBlocked
      ? l10n.t(
          "{0} is peered to {1}, where {2}'s endpoint is, but peering does not share private DNS zones: {3} is not linked to {0}, which uses Azure DNS, so clients there resolve {4} to the public IP and, with public network access disabled, cannot pull; link {3} to {0} (or give {0} DNS servers with {5}).",
          spoke,
          hub,
          ctx.registry.name,
          zone.name,
          ctx.names.loginServer,
          forwarder,
        )
      : l10n.t(
          "{0} is peered to {1}, where {2}'s endpoint is, but peering does not share private DNS zones: {3} is not linked to {0}, which uses Azure DNS, so clients there resolve {4} to the public IP; link {3} to {0} (or give {0} DNS servers with {5}).",
          spoke,
          hub,
          ctx.registry.name,
          zone.name,
          ctx.names.loginServer,
          forwarder,
        ),
    fix: linkZonePlan(key, zone, peered.virtualNetworkId, []),
  };
}
