// What a VNet really resolves, through the built checker against the sandbox: one world per failure
// mode (custom DNS servers with and without the forwarder, a DNS Private Resolver with a forwarding
// ruleset, hub and spoke, NxDomainRedirect), text and JSON, the live check against a VNet's own DNS
// server through the loopback listener the sandbox publishes for it, and the fix of the spoke.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLiveResolver, resolveLive } from '../../../src/diagnosis';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { ScenarioName } from '../../../src/sandbox/scenarios';
import { id, raw } from '../helpers';
import { runCli, writeReadyFile } from './runCli';

interface JsonReport {
  summary: { result: string; unknown: number };
  findings: { id: string; key: string; subject: string; severity: string; message: string; fix?: { safe: boolean; writes: { kind: string; virtualNetworkId?: string }[] } }[];
  table: { fqdn: string; verdict: string; note?: string; dependsOnDnsServers?: string[]; virtualAnswer?: { status: string; nxDomainRedirectLinkId?: string; via?: string }; liveAnswer?: { status: string; addressClass: string } }[];
  vnetDnsServers?: { virtualNetworkId: string; server: string; dialled?: string; answers: { fqdn: string; status: string; addresses: string[] }[] }[];
  allowList?: { onPremisesForwarder?: string };
  readErrors: { read: string }[];
}

const hubVnet = id.vnet('myDockerVMVNET');

function world(scenario: ScenarioName): { sandbox: () => RunningSandbox; ready: () => string } {
  let sandbox: RunningSandbox;
  let ready: string;
  before(async () => {
    sandbox = await startSandbox({ scenario });
    ready = writeReadyFile(sandbox);
  });
  after(async () => {
    await sandbox.close();
  });
  return { sandbox: () => sandbox, ready: () => ready };
}

async function check(ready: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', ready, '--json', ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

void describe('custom DNS servers without the forwarder', () => {
  const w = world('custom-dns');
  void test('the VNet answer depends on 10.0.0.4; asked live through its loopback listener, it answers public: an error naming the forwarder', async () => {
    const { code, report, stderr } = await check(w.ready());
    assert.equal(code, 1, stderr);
    assert.ok(report.table.every((r) => r.virtualAnswer?.status === 'dependsOnDnsServers'));
    const asked = report.vnetDnsServers?.find((s) => s.server === '10.0.0.4');
    assert.ok(asked, 'the VNet DNS server was asked');
    assert.match(asked.dialled ?? '', /^127\.0\.0\.1:\d+$/, 'the sandbox IP is data: its loopback listener was dialled');
    assert.ok(asked.answers.every((a) => a.status === 'ok' && a.addresses.every((ip) => ip.startsWith('203.0.113.'))));
    const f = report.findings.find((x) => x.id === 'dns.vnet.dnsServersResolvePublic');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.subject, hubVnet);
    assert.match(f?.message ?? '', /myDockerVMVNET's DNS servers 10\.0\.0\.4 answer myregistry\..* with 203\.0\.113\.\d+ \(public\).*Configure a conditional forwarder for azurecr\.io to 168\.63\.129\.16/);
    assert.ok(report.table.every((r) => r.verdict === 'public'));
  });
  void test('without live DNS the verdict is "depends on your DNS servers": exit 2, never healthy, never an error', async () => {
    const { code, report } = await check(w.ready(), '--no-dns');
    assert.equal(code, 2);
    assert.equal(report.summary.result, 'couldNotCheck');
    assert.ok(report.table.every((r) => r.verdict === 'unknown' && r.dependsOnDnsServers?.[0] === '10.0.0.4'));
    assert.equal(report.findings.filter((f) => f.severity === 'error').length, 0);
    assert.ok(report.findings.some((f) => f.id === 'dns.vnet.dnsServersUnproven' && f.subject === hubVnet));
    const text = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', w.ready(), '--no-dns']);
    assert.match(text.stdout, /myregistry\.azurecr\.io\s+myDockerVMVNET\s+10\.0\.0\.7\s+10\.0\.0\.7\s+DEPENDS ON 10\.0\.0\.4\s+-\s+depends on your DNS servers/);
    assert.match(text.stdout, /WARN  dns\.vnet\.dnsServersUnproven/);
    assert.match(text.stdout, /On-premises and VPN clients: their DNS servers need a conditional forwarder for azurecr\.io/);
  });
});

void describe('custom DNS servers with the forwarder', () => {
  const w = world('custom-dns-forwarder');
  void test('the configuration cannot prove it; the live answer of 10.0.0.4 does: every row ok, exit 0', async () => {
    const { code, report, stderr } = await check(w.ready());
    assert.equal(code, 0, stderr + JSON.stringify(report.findings));
    assert.ok(report.table.every((r) => r.virtualAnswer?.status === 'dependsOnDnsServers' && r.verdict === 'ok'));
    assert.equal(report.findings.some((f) => f.id.startsWith('dns.vnet.')), false);
    const text = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', w.ready()]);
    assert.match(text.stdout, /VNets' own DNS servers, asked live:\n {2}10\.0\.0\.4 \(myDockerVMVNET\): myregistry\.azurecr\.io → 10\.0\.0\.7 \(private\)/);
  });
});

void describe('a DNS Private Resolver and a forwarding ruleset', () => {
  const w = world('private-resolver');
  void test('appVNet (DNS server: the inbound endpoint) and buildVNet (ruleset: azurecr.io → inbound endpoint) are proven private: healthy', async () => {
    const { code, report, stderr } = await check(w.ready());
    assert.equal(code, 0, stderr + JSON.stringify(report.findings, null, 1));
    assert.equal(report.findings.some((f) => f.id.startsWith('dns.vnet.')), false);
    assert.equal(report.vnetDnsServers, undefined, 'nothing depends on a DNS server, so none is asked');
    assert.match(report.allowList?.onPremisesForwarder ?? '', /a conditional forwarder for azurecr\.io to 10\.0\.1\.4 \(inbound endpoint of myResolver in myDockerVMVNET\)/);
    // The sandbox's DNS answers as a client in appVNet: through the inbound endpoint, the private IP.
    const answer = await resolveLive(createLiveResolver({ servers: [w.sandbox().dnsServer] }), 'myregistry.azurecr.io');
    assert.deepEqual(answer.addresses, ['10.0.0.7']);
  });
  void test('with Resource Graph refused, the resolver and the ruleset are read from ARM, to the same verdicts', async () => {
    const sb = w.sandbox();
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: 'Microsoft\\.ResourceGraph', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no' } } });
    try {
      await raw(sb, 'DELETE', '/_sandbox/requests');
      const { report } = await check(w.ready());
      assert.equal(report.findings.some((f) => f.id.startsWith('dns.vnet.')), false);
      const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string }[] };
      assert.ok(log.value.some((e) => /\/dnsForwardingRulesets\/myRuleset\/forwardingRules$/i.test(e.path)));
      assert.ok(log.value.some((e) => /\/dnsResolvers\/myResolver\/inboundEndpoints$/i.test(e.path)));
    } finally {
      await raw(sb, 'DELETE', '/_sandbox/faults');
    }
  });
  void test('a ruleset read that fails leaves the verdicts "could not check" and names the read', async () => {
    const sb = w.sandbox();
    await raw(sb, 'POST', '/_sandbox/faults', { pathPattern: 'forwardingRules$', status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } });
    try {
      const { code, report } = await check(w.ready(), '--no-dns');
      assert.equal(code, 2);
      assert.ok(report.readErrors.some((e) => e.read === 'dnsForwardingRulesets'));
      assert.ok(report.table.every((r) => r.verdict === 'unknown' && !r.dependsOnDnsServers));
    } finally {
      await raw(sb, 'DELETE', '/_sandbox/faults');
    }
  });
});

void describe('hub and spoke', () => {
  const w = world('hub-spoke');
  void test('spokeVNet, peered to the hub and on Azure DNS, resolves public; --fix --yes links the zone and then it resolves privately', async () => {
    const sb = w.sandbox();
    const spoke = id.vnet('spokeVNet');
    await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: spoke });
    const before = await resolveLive(createLiveResolver({ servers: [sb.dnsServer] }), 'myregistry.azurecr.io');
    assert.equal(before.addressClass, 'public');

    const { report } = await check(w.ready(), '--no-dns');
    const f = report.findings.find((x) => x.id === 'dns.vnet.peeredNotLinked');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /spokeVNet is peered to myDockerVMVNET.*peering does not share private DNS zones/);
    assert.deepEqual(f?.fix?.writes.map((x) => [x.kind, x.virtualNetworkId]), [['createVirtualNetworkLink', spoke]]);
    const text = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', w.ready(), '--no-dns']);
    assert.match(text.stdout, /WARN  dns\.vnet\.peeredNotLinked[\s\S]*fix \(applied by --fix --yes\): Link privatelink\.azurecr\.io to spokeVNet/);

    const fixed = await check(w.ready(), '--no-dns', '--fix', '--yes');
    assert.equal(fixed.report.findings.some((x) => x.id === 'dns.vnet.peeredNotLinked'), false);
    const after = await resolveLive(createLiveResolver({ servers: [sb.dnsServer] }), 'myregistry.azurecr.io');
    assert.deepEqual(after.addresses, ['10.0.0.7']);
  });
});

void describe('NxDomainRedirect on the link', () => {
  const w = world('nxdomain-redirect');
  void test('the missing eastus record resolves publicly instead of NXDOMAIN, and the answer and the message say so', async () => {
    const { code, report } = await check(w.ready());
    assert.equal(code, 1);
    const row = report.table.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
    assert.equal(row?.verdict, 'missing');
    assert.equal(row?.virtualAnswer?.status, 'public');
    assert.match(row?.virtualAnswer?.nxDomainRedirectLinkId ?? '', /virtualNetworkLinks\/MyDNSLink$/);
    assert.equal(row?.liveAnswer?.addressClass, 'public', 'the sandbox DNS redirects too: a public IP, not NXDOMAIN');
    const f = report.findings.find((x) => x.id === 'dns.record.missing');
    assert.match(f?.message ?? '', /resolve\(s\) it to the public IP instead of NXDOMAIN \(link MyDNSLink has resolutionPolicy NxDomainRedirect\)/);
    const text = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', w.ready()]);
    assert.match(text.stdout, /myregistry\.eastus\.data\.azurecr\.io\s+myDockerVMVNET\s+10\.0\.0\.5\s+-\s+PUBLIC \(NXDOMAIN REDIRECTED\)/);
  });
});
