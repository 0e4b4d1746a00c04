// What a VNet really resolves: custom DNS servers, DNS Private Resolver inbound endpoints, forwarding
// rulesets, hub and spoke peering, NxDomainRedirect on a link; each over a hand-built snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckReport, diagnose, fixPlansForRegistry, fqdnTable, verdictText, virtualResolution } from '../../../src/diagnosis';
import type { DnsForwardingRuleset, Snapshot, VirtualNetwork } from '../../../src/model/types';
import { healthyTopology, peer, seedTopology } from './builder';

const inboundIp = '10.0.1.4';

/** A resolver in `vnet` with one inbound endpoint. */
function addResolver(snapshot: Snapshot, vnet: VirtualNetwork): void {
  const resolverId = `${vnet.id.replace(/virtualNetworks\/.*$/, '')}dnsResolvers/hubResolver`;
  snapshot.dnsResolverInboundEndpoints = [
    { id: `${resolverId}/inboundEndpoints/inbound`, name: 'inbound', dnsResolverId: resolverId, virtualNetworkId: vnet.id, ipAddresses: [inboundIp] },
  ];
}

function ruleset(vnet: VirtualNetwork, domainName: string, targets: string[], enabled = true): DnsForwardingRuleset {
  return {
    id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/dnsForwardingRulesets/rs',
    name: 'rs',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'myResourceGroup',
    virtualNetworkIds: [vnet.id],
    rules: [{ name: 'acr', domainName, targetDnsServers: targets.map((ipAddress) => ({ ipAddress, port: 53 })), enabled }],
  };
}

void test('a VNet with a DNS server of its own depends on that server: unknown-style, never healthy, never an error, with the forwarder to configure', () => {
  const t = healthyTopology();
  t.vnet.dnsServers = ['10.0.0.4'];
  t.snapshot.dnsResolverInboundEndpoints = [];
  const answer = virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'dependsOnDnsServers');
  assert.deepEqual(answer.dnsServers, ['10.0.0.4']);
  const rows = fqdnTable(t.snapshot, t.registry.id);
  assert.ok(rows.every((r) => r.verdict === 'unknown' && r.dependsOnDnsServers?.[0] === '10.0.0.4'));
  assert.match(verdictText(rows[0]!), /^depends on your DNS servers/);
  const findings = diagnose(t.snapshot, t.registry.id);
  const f = findings.find((x) => x.id === 'dns.vnet.dnsServersUnproven');
  assert.ok(f, 'a dns.vnet.dnsServersUnproven finding');
  assert.equal(f.severity, 'warning');
  assert.equal(f.subject, t.vnet.id);
  assert.match(f.message, /myVNet.*10\.0\.0\.4/);
  assert.match(f.message, /conditional forwarder for azurecr\.io to 168\.63\.129\.16 on a DNS server in a VNet linked to privatelink\.azurecr\.io \(myVNet\)/);
  assert.equal(f.fix, undefined, 'nothing Azure holds can be written to fix a DNS server of yours');
  assert.equal(findings.filter((x) => x.severity === 'error').length, 0);
  assert.equal(buildCheckReport(t.snapshot, t.registry.id).summary.result, 'couldNotCheck');
});

void test('168.63.129.16 listed as the DNS server is Azure DNS: the answer is the linked zone', () => {
  const t = healthyTopology();
  t.vnet.dnsServers = ['168.63.129.16'];
  assert.equal(virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io').status, 'private');
});

void test('a DNS server that is a Private Resolver inbound endpoint in a VNet linked to the zone is proven private', () => {
  const t = healthyTopology();
  addResolver(t.snapshot, t.vnet);
  const app = t.b.vnet('appVNet', '10.3.0.0/16');
  app.dnsServers = [inboundIp];
  const answer = virtualResolution(t.snapshot, app.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'private');
  assert.deepEqual(answer.addresses, ['10.0.0.7']);
  assert.equal(answer.answeredFromVirtualNetworkId, t.vnet.id);
  assert.match(answer.via ?? '', /inbound endpoint of DNS private resolver hubResolver in myVNet/);
  // The endpoint's own VNet using it too: rows ok, no finding.
  const own = healthyTopology();
  addResolver(own.snapshot, own.vnet);
  own.vnet.dnsServers = [inboundIp];
  assert.ok(fqdnTable(own.snapshot, own.registry.id).every((r) => r.verdict === 'ok'));
  assert.equal(diagnose(own.snapshot, own.registry.id).filter((f) => f.id.startsWith('dns.vnet.')).length, 0);
});

void test('a DNS server whose resolvers could not be read is "could not check", not "depends"', () => {
  const t = healthyTopology();
  t.vnet.dnsServers = ['10.0.0.4'];
  t.snapshot.errors.push({ scope: '/subscriptions/00000000-0000-0000-0000-000000000001', read: 'dnsResolvers', what: 'DNS private resolvers', status: 403, code: 'AuthorizationFailed', message: 'denied' });
  const answer = virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'unknown');
  assert.match(answer.note ?? '', /DNS private resolvers .* could not be read \(403 AuthorizationFailed\)/);
  assert.ok(diagnose(t.snapshot, t.registry.id).some((f) => f.id === 'check.unreadable' && f.subject.endsWith('000000000001')));
});

void test('a forwarding ruleset linked to an Azure-DNS VNet sends azurecr.io to an inbound endpoint: proven; to another server: depends', () => {
  // Snapshots are read once and indexed (never changed after): each variation is a world of its own.
  const world = (domainName: string, targets: string[], enabled = true) => {
    const t = healthyTopology();
    addResolver(t.snapshot, t.vnet);
    const build = t.b.vnet('buildVNet', '10.4.0.0/16');
    t.snapshot.dnsForwardingRulesets = [ruleset(build, domainName, targets, enabled)];
    return (fqdn: string) => virtualResolution(t.snapshot, build.id, fqdn);
  };
  assert.equal(world('azurecr.io.', [inboundIp])('myregistry.eastus.data.azurecr.io').status, 'private');
  // A rule for privatelink.azurecr.io. only catches the second hop: still proven.
  const second = world('privatelink.azurecr.io.', [inboundIp])('myregistry.azurecr.io');
  assert.equal(second.status, 'private');
  assert.deepEqual(second.chain, ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io']);
  // To an on-premises server: depends on it.
  const onPrem = world('azurecr.io.', ['192.168.10.10'])('myregistry.azurecr.io');
  assert.equal(onPrem.status, 'dependsOnDnsServers');
  assert.match(onPrem.note ?? '', /forwarding ruleset rs \(rule acr: azurecr\.io → 192\.168\.10\.10\)/);
  // A disabled rule does nothing: buildVNet is not linked to the zone, so public.
  assert.equal(world('azurecr.io.', ['192.168.10.10'], false)('myregistry.azurecr.io').status, 'public');
});

void test('a ruleset that could not be read leaves every VNet answer unknown', () => {
  const t = healthyTopology();
  t.snapshot.errors.push({ scope: '/subscriptions/00000000-0000-0000-0000-000000000001', read: 'dnsForwardingRulesets', what: 'DNS forwarding rulesets', status: 500, code: 'InternalServerError', message: 'boom' });
  assert.equal(virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io').status, 'unknown');
  assert.ok(fqdnTable(t.snapshot, t.registry.id).every((r) => r.verdict === 'unknown' && !r.dependsOnDnsServers));
});

void test('a rule that forwards to an inbound endpoint whose VNet forwards back is a loop: unknown', () => {
  const t = healthyTopology();
  addResolver(t.snapshot, t.vnet);
  t.snapshot.dnsForwardingRulesets = [ruleset(t.vnet, 'azurecr.io.', [inboundIp])];
  const answer = virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'unknown');
  assert.match(answer.note ?? '', /loop/);
});

void test('hub and spoke: a spoke peered to the endpoint VNet, on Azure DNS, without the link resolves public; the fix links the zone', () => {
  const world = (options: { publicAccess?: string; linked?: boolean } = {}) => {
    const t = healthyTopology();
    if (options.publicAccess) t.registry.publicNetworkAccess = options.publicAccess;
    const spoke = t.b.vnet('spokeVNet', '10.2.0.0/16');
    peer(t.vnet, spoke);
    if (options.linked) t.b.link(t.zone, spoke);
    return { ...t, spoke };
  };
  const t = world();
  assert.equal(virtualResolution(t.snapshot, t.spoke.id, 'myregistry.azurecr.io').status, 'public');
  const f = diagnose(t.snapshot, t.registry.id).find((x) => x.id === 'dns.vnet.peeredNotLinked');
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /spokeVNet is peered to myVNet.*peering does not share private DNS zones.*link privatelink\.azurecr\.io to spokeVNet/);
  assert.deepEqual(f.fix?.writes.map((w) => w.kind), ['createVirtualNetworkLink']);
  assert.equal(f.fix?.safe, true);
  assert.ok(fixPlansForRegistry(t.snapshot, t.registry.id).some((p) => p.findingKey === f.key), 'Fix all applies the link');
  // With public access disabled the spoke cannot pull at all: an error.
  const closed = world({ publicAccess: 'Disabled' });
  assert.equal(diagnose(closed.snapshot, closed.registry.id).find((x) => x.id === 'dns.vnet.peeredNotLinked')?.severity, 'error');
  // Once linked, nothing to say.
  const linked = world({ linked: true });
  assert.equal(diagnose(linked.snapshot, linked.registry.id).some((x) => x.id === 'dns.vnet.peeredNotLinked'), false);
});

void test('a spoke using the hub resolver as its DNS server is proven; a spoke on a DNS VM depends on it', () => {
  const world = (servers: string[]) => {
    const t = healthyTopology();
    addResolver(t.snapshot, t.vnet);
    const spoke = t.b.vnet('spokeVNet', '10.2.0.0/16');
    peer(t.vnet, spoke);
    spoke.dnsServers = servers;
    return { ...t, spoke };
  };
  const proven = world([inboundIp]);
  assert.equal(diagnose(proven.snapshot, proven.registry.id).some((x) => x.id.startsWith('dns.vnet.')), false);
  const vm = world(['10.0.0.4']);
  const f = diagnose(vm.snapshot, vm.registry.id).find((x) => x.id === 'dns.vnet.dnsServersUnproven');
  assert.equal(f?.subject, vm.spoke.id);
  assert.match(f?.message ?? '', /a conditional forwarder for azurecr\.io to 10\.0\.1\.4 \(inbound endpoint of hubResolver in myVNet\)/);
  // No row is the spoke's, yet the check does not call itself healthy.
  assert.equal(buildCheckReport(vm.snapshot, vm.registry.id).summary.result, 'couldNotCheck');
});

void test('a peered VNet that could not be read leaves no finding but a check.unreadable', () => {
  const t = healthyTopology();
  const spokeId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/ghost';
  t.vnet.virtualNetworkPeerings = [{ id: `${t.vnet.id}/virtualNetworkPeerings/p`, name: 'p', remoteVirtualNetworkId: spokeId, peeringState: 'Connected' }];
  t.snapshot.errors.push({ scope: spokeId, read: 'virtualNetwork', what: 'virtual network', status: 403, code: 'AuthorizationFailed', message: 'denied' });
  const findings = diagnose(t.snapshot, t.registry.id);
  assert.equal(findings.some((f) => f.id === 'dns.vnet.peeredNotLinked'), false);
  assert.match(findings.find((f) => f.id === 'check.unreadable')?.message ?? '', /DNS servers and peerings are unknown/);
});

void test('NxDomainRedirect on the link: the missing record resolves publicly, and the VNet answer and the message say so', () => {
  const t = seedTopology();
  t.link.resolutionPolicy = 'NxDomainRedirect';
  const answer = virtualResolution(t.snapshot, t.vnet.id, 'myregistry.eastus.data.azurecr.io');
  assert.equal(answer.status, 'public');
  assert.equal(answer.nxDomainRedirectLinkId, t.link.id);
  assert.match(answer.note ?? '', /resolutionPolicy NxDomainRedirect/);
  const row = fqdnTable(t.snapshot, t.registry.id).find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
  assert.equal(row?.verdict, 'missing');
  const f = diagnose(t.snapshot, t.registry.id).find((x) => x.id === 'dns.record.missing');
  assert.match(f?.message ?? '', /myVNet resolve\(s\) it to the public IP instead of NXDOMAIN \(link MyDNSLink has resolutionPolicy NxDomainRedirect\)/);
  // Records that exist are unaffected.
  assert.equal(virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io').status, 'private');
  // Without the policy: NXDOMAIN, as before.
  const plain = seedTopology();
  plain.link.resolutionPolicy = 'Default';
  assert.equal(virtualResolution(plain.snapshot, plain.vnet.id, 'myregistry.eastus.data.azurecr.io').status, 'nxdomain');
});

void test('a VNet whose read failed resolves "could not check", with the failed read named', () => {
  const t = healthyTopology();
  t.snapshot.virtualNetworks = [];
  t.snapshot.errors.push({ scope: t.vnet.id, read: 'virtualNetwork', what: 'virtual network', status: 429, code: 'TooManyRequests', message: 'slow down' });
  const answer = virtualResolution(t.snapshot, t.vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'unknown');
  assert.match(answer.note ?? '', /which DNS servers myVNet uses: virtual network myVNet could not be read \(429 TooManyRequests\)/);
});
