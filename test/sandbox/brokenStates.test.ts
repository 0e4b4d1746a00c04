// Azure states no other suite builds, each checked through the CLI (dist/cli.js) and the extension's
// own path (the loader, the tree's and the status panel's diagnosis, Fix All) with the real SDKs: what
// Azure really sends in them (a dual-stack endpoint's NIC, an empty A record set, a list answered with
// a page that holds no list) must give verdicts that are true of the sandbox's DNS, or "could not check".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, SUBSCRIPTION_PRODUCTION as SUB, startSandbox, type RunningSandbox } from '../../src/sandbox';
import type { CheckReport } from '../../src/diagnosis';
import { runCli, writeReadyFile } from './cli/runCli';
import { extensionCheck, inject, recordIps, removedIps, resetWorld, sandboxState, untrueVerdicts, writesReceived, type FaultRule } from './faultWorld';
import { arm, clients, id, LRO, raw, RG } from './helpers';

const RGP = `/subscriptions/${SUB}/resourceGroups/${SEED.resourceGroup}/providers`;
const ZONE = `${RGP}/Microsoft.Network/privateDnsZones/${SEED.zone}`;
const NIC = `${RGP}/Microsoft.Network/networkInterfaces/${SEED.nic}`;
const DNS_API = 'api-version=2024-06-01';
/** Resource Graph refused, so every read below is made, and answered, by ARM. */
const GRAPH_REFUSED: FaultRule = { method: 'POST', pathPattern: '/providers/Microsoft\\.ResourceGraph/resources', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } };

async function putRecord(sb: RunningSandbox, name: string, ips: string[]): Promise<void> {
  const r = await arm(sb, 'PUT', `${ZONE}/A/${name}?${DNS_API}`, { properties: { ttl: 10, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) } });
  assert.ok(r.status < 300, r.text);
}

/** The endpoint's NIC as Azure shows a dual-stack private endpoint: each member's IPv4 configuration, then an IPv6 one with the same FQDNs. */
async function dualStackNic(sb: RunningSandbox): Promise<void> {
  const nic = (await arm(sb, 'GET', `${NIC}?api-version=2024-05-01`)).json as { properties: { ipConfigurations: { name: string; properties: Record<string, unknown> }[] } };
  const configs = nic.properties.ipConfigurations;
  for (const c of configs) c.properties.privateIPAddressVersion = 'IPv4';
  configs.push(...configs.map((c, i) => ({ ...c, name: `${c.name}-v6`, properties: { ...c.properties, privateIPAddress: `fd00:db8::${i + 5}`, privateIPAddressVersion: 'IPv6', primary: false } })));
  await inject(sb, GRAPH_REFUSED, { method: 'GET', pathPattern: '/networkInterfaces/myPrivateEndpoint\\.nic[^/]*$', status: 200, body: nic });
}

/** One of the seed's resources as ARM shows it, changed, and served so to the reads that follow (from ARM: Resource Graph refused). */
async function servedChanged(sb: RunningSandbox, path: string, apiVersion: string, pathPattern: string, change: (body: Record<string, unknown>) => void): Promise<void> {
  const body = (await arm(sb, 'GET', `${path}?api-version=${apiVersion}`)).json as Record<string, unknown>;
  change(body);
  await inject(sb, GRAPH_REFUSED, { method: 'GET', pathPattern, status: 200, body });
}

const cliArgs = (readyFile: string, dns: string[], ...more: string[]): string[] => ['check', '--registry', SEED.registry, '--sandbox-ready-file', readyFile, '--json', ...dns, ...more];

void describe('broken Azure states: verdicts true of the VNet or "could not check"', () => {
  let sb: RunningSandbox;
  let readyFile: string;
  before(async () => {
    sb = await startSandbox({ scenario: 'seed' });
    readyFile = writeReadyFile(sb);
  });
  after(async () => sb.close());

  async function arrange(setup: (sb: RunningSandbox) => Promise<void>): Promise<Map<string, string[]>> {
    await resetWorld(sb);
    await setup(sb);
    await raw(sb, 'DELETE', '/_sandbox/requests');
    return recordIps(await sandboxState(sb));
  }

  const withEastus = async (s: RunningSandbox): Promise<void> => putRecord(s, 'myregistry.eastus.data', ['10.0.0.5']);

  void it('a dual-stack endpoint: its IPv6 configurations neither replace the IPv4 address an A record needs nor call for a write', async () => {
    const setup = async (s: RunningSandbox): Promise<void> => {
      await withEastus(s);
      await dualStackNic(s);
    };
    const before = await arrange(setup);
    const check = await extensionCheck(sb, { inventorySource: 'arm' });
    for (const rows of [check.treeRows, check.report.table]) {
      assert.deepEqual(rows.map((r) => [r.fqdn, r.expectedIp, r.verdict]), [
        ['myregistry.azurecr.io', '10.0.0.7', 'ok'],
        ['myregistry.westeurope.data.azurecr.io', '10.0.0.6', 'ok'],
        ['myregistry.eastus.data.azurecr.io', '10.0.0.5', 'ok'],
      ]);
    }
    assert.deepEqual(check.report.findings.filter((f) => f.severity !== 'info').map((f) => f.id), []);
    assert.deepEqual(await check.fixAll(), []);

    await arrange(setup);
    const run = await runCli(cliArgs(readyFile, ['--dns-server', sb.dnsServer], '--fix', '--yes'));
    assert.equal(run.code, 0, run.stdout.slice(0, 2000));
    const report = JSON.parse(run.stdout) as CheckReport;
    assert.equal(report.summary.result, 'healthy');
    assert.deepEqual(await writesReceived(sb), [], 'nothing written');
    assert.deepEqual(removedIps(before, recordIps(await sandboxState(sb))), []);
  });

  void it('an A record set with no records: the VNet gets NODATA, said as such; the fix adds the IP and removes none', async () => {
    const before = await arrange(async (s) => {
      await withEastus(s);
      await putRecord(s, 'myregistry', []);
    });
    const check = await extensionCheck(sb);
    const row = check.report.table.find((r) => r.fqdn === 'myregistry.azurecr.io')!;
    assert.equal(row.verdict, 'missing');
    assert.equal(row.liveAnswer?.status, 'nodata');
    const live = check.report.findings.filter((f) => f.id.startsWith('live.'));
    assert.deepEqual(live.map((f) => [f.id, f.subject]), [['live.nxdomain', 'myregistry.azurecr.io']]);
    assert.match(live[0]!.message, /NODATA/);
    const outcomes = await check.fixAll();
    assert.deepEqual(outcomes.map((o) => [o.status, o.write.kind]), [['applied', 'addToARecordSet']]);
    assert.deepEqual(removedIps(before, recordIps(await sandboxState(sb))), []);
    assert.deepEqual(recordIps(await sandboxState(sb)).get(`${ZONE}/A/myregistry`.toLowerCase()), ['10.0.0.7']);
  });

  const links: { state: string; change: (link: { properties: Record<string, unknown> }) => void }[] = [
    { state: 'virtualNetworkLinkState: InProgress', change: (l) => Object.assign(l.properties, { virtualNetworkLinkState: 'InProgress', provisioningState: 'Updating' }) },
    { state: 'provisioningState: Failed', change: (l) => Object.assign(l.properties, { provisioningState: 'Failed' }) },
  ];
  for (const c of links) {
    void it(`a VNet link with ${c.state}: what the VNet resolves is "could not check", never ok; nothing written`, async () => {
      const setup = async (s: RunningSandbox): Promise<void> => {
        await withEastus(s);
        await servedChanged(s, `${ZONE}/virtualNetworkLinks`, '2024-06-01', '/virtualNetworkLinks$', (b) => (b.value as { properties: Record<string, unknown> }[]).forEach(c.change));
      };
      await arrange(setup);
      const check = await extensionCheck(sb, { inventorySource: 'arm' });
      assert.equal(check.treeRows.length, 3);
      for (const row of check.treeRows) {
        assert.equal(row.verdict, 'unknown', row.fqdn);
        assert.ok(row.note?.includes(`link ${SEED.link}`) && row.note.includes(c.state), row.note);
      }
      assert.deepEqual(await check.fixAll(), []);

      await arrange(setup);
      const run = await runCli(cliArgs(readyFile, ['--no-dns'], '--fix', '--yes'));
      assert.equal(run.code, 2, run.stdout.slice(0, 2000));
      const report = JSON.parse(run.stdout) as CheckReport;
      assert.ok(report.table.every((r) => r.verdict === 'unknown'));
      assert.deepEqual(await writesReceived(sb), []);
    });
  }

  void it('an endpoint whose provisioning failed: a warning that names it, and the check is "could not check", never healthy', async () => {
    const setup = async (s: RunningSandbox): Promise<void> => {
      await withEastus(s);
      await servedChanged(s, `${RGP}/Microsoft.Network/privateEndpoints/${SEED.privateEndpoint}`, '2024-05-01', '/privateEndpoints/myPrivateEndpoint$', (b) => Object.assign(b.properties as object, { provisioningState: 'Failed' }));
    };
    await arrange(setup);
    const check = await extensionCheck(sb, { inventorySource: 'arm' });
    const finding = check.report.findings.find((f) => f.id === 'endpoint.provisioningFailed');
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, new RegExp(`${SEED.privateEndpoint}.*az resource update --ids`));
    assert.equal(check.report.summary.result, 'couldNotCheck');

    await arrange(setup);
    const run = await runCli(cliArgs(readyFile, ['--dns-server', sb.dnsServer]));
    assert.equal(run.code, 2, run.stdout.slice(0, 2000));
    assert.equal((JSON.parse(run.stdout) as CheckReport).summary.result, 'couldNotCheck');
  });

  void it('a connection the registry owner removed (the endpoint stays, Disconnected): its records are orphaned, said without claiming the endpoint was deleted, and no fix removes an IP', async () => {
    const REGISTRY = `${RGP}/Microsoft.ContainerRegistry/registries/${SEED.registry}`;
    const setup = async (s: RunningSandbox): Promise<void> => {
      await withEastus(s);
      const r = await arm(s, 'DELETE', `${REGISTRY}/privateEndpointConnections/${SEED.registryConnection}?api-version=2023-07-01`);
      assert.ok(r.status < 300, r.text);
    };
    const before = await arrange(setup);
    const check = await extensionCheck(sb);
    assert.deepEqual(check.treeRows.map((r) => r.verdict), ['orphaned', 'orphaned', 'orphaned']);
    const orphaned = check.report.findings.filter((f) => f.id === 'dns.record.orphaned');
    assert.equal(orphaned.length, 3);
    for (const f of orphaned) assert.match(f.message, /no endpoint of myregistry serves .*or from an endpoint whose connection the registry no longer lists/);
    assert.deepEqual(await check.fixAll(), []);

    await arrange(setup);
    const run = await runCli(cliArgs(readyFile, ['--dns-server', sb.dnsServer], '--fix', '--yes'));
    assert.deepEqual((JSON.parse(run.stdout) as CheckReport).table.map((r) => r.verdict), ['orphaned', 'orphaned', 'orphaned']);
    assert.deepEqual(await writesReceived(sb), [], 'a record set is deleted only by a person, one at a time');
    assert.deepEqual(removedIps(before, recordIps(await sandboxState(sb))), []);
  });

  void it("a Pending endpoint's DNS zone group wrote its IPs over the Approved endpoint's: those rows are wrong, not ok; the fix adds the Approved IPs back and keeps the others", async () => {
    const setup = async (s: RunningSandbox): Promise<void> => {
      await withEastus(s);
      const c = clients(s);
      await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
        RG,
        'pe2',
        {
          location: SEED.location,
          subnet: { id: id.subnet(SEED.vnet, SEED.subnet) },
          manualPrivateLinkServiceConnections: [{ name: 'pe2Connection', privateLinkServiceId: id.registry(SEED.registry), groupIds: ['registry'], requestMessage: 'please approve' }],
        },
        LRO,
      );
      await c.network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, 'pe2', 'default', { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: id.zone(SEED.zone) }] }, LRO);
    };
    const before = await arrange(setup);
    const pe2Ips = [...before.values()].flat();
    assert.ok(!pe2Ips.includes('10.0.0.7'), `the zone group replaced the records: ${pe2Ips.join(', ')}`);
    const check = await extensionCheck(sb);
    const approvedRows = check.treeRows.filter((r) => r.privateEndpointId?.endsWith(`/${SEED.privateEndpoint}`));
    assert.deepEqual(approvedRows.map((r) => r.verdict), ['wrongIp', 'wrongIp', 'wrongIp']);
    const errors = check.report.findings.filter((f) => f.id === 'dns.record.ipMismatch');
    assert.deepEqual(errors.map((f) => f.severity), ['error', 'error', 'error']);
    assert.match(errors.find((f) => f.subject === 'myregistry.azurecr.io')!.message, /pe2 \(Pending\).*add 10\.0\.0\.7 and keep the existing IP/);
    const outcomes = await check.fixAll();
    assert.deepEqual(outcomes.map((o) => [o.status, o.write.kind]), Array(3).fill(['applied', 'addToARecordSet']));
    const after = recordIps(await sandboxState(sb));
    assert.deepEqual(removedIps(before, after), []);
    assert.deepEqual(after.get(`${ZONE}/A/myregistry`.toLowerCase())?.sort(), [...(before.get(`${ZONE}/A/myregistry`.toLowerCase()) ?? []), '10.0.0.7'].sort());

    // Checked again: pe2's IP is still there and still carries no traffic, which is said, and never removed by a fix.
    const run = await runCli(cliArgs(readyFile, ['--dns-server', sb.dnsServer], '--fix', '--yes'));
    assert.equal(run.code, 1, run.stdout.slice(0, 2000));
    const report = JSON.parse(run.stdout) as CheckReport;
    assert.deepEqual(report.findings.filter((f) => f.id === 'dns.record.ipMismatch').map((f) => f.severity), ['warning', 'warning', 'warning']);
    assert.deepEqual(removedIps(after, recordIps(await sandboxState(sb))), []);
  });

  void it('the only zone deleted while a DNS zone group still points at it: the zone is missing (an error with its fix), not "unreadable", and the check is never healthy', async () => {
    const setup = async (s: RunningSandbox): Promise<void> => {
      await clients(s).network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, SEED.privateEndpoint, 'default', { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: id.zone(SEED.zone) }] }, LRO);
      for (const path of [`${ZONE}/virtualNetworkLinks/${SEED.link}`, `${ZONE}/A/myregistry`, `${ZONE}/A/myregistry.westeurope.data`, `${ZONE}/A/myregistry.eastus.data`, ZONE]) {
        const r = await arm(s, 'DELETE', `${path}?${DNS_API}`);
        assert.ok(r.status < 300, `${path}: ${r.text}`);
      }
    };
    await arrange(setup);
    const check = await extensionCheck(sb);
    assert.ok(!check.report.findings.some((f) => f.id === 'dns.zone.unreadable'), 'its subscription was read: the zone is gone, not unreadable');
    const missing = check.report.findings.find((f) => f.id === 'dns.zone.missing');
    assert.equal(missing?.severity, 'error');
    assert.equal(check.report.summary.result, 'errorsFound');

    const run = await runCli(cliArgs(readyFile, ['--dns-server', sb.dnsServer], '--fix', '--yes'));
    assert.equal(run.code, 0, `fixed and verified: ${run.stdout.slice(0, 2000)}`);
    const report = JSON.parse(run.stdout) as CheckReport;
    assert.deepEqual(report.table.map((r) => r.verdict), ['ok', 'ok', 'ok']);
  });

  // A proxy's or a gateway's 200 page, or a body cut to `{}`: the list is unread, never empty.
  const notLists: { what: string; pathPattern: string; read: string; body: unknown }[] = [
    { what: 'the private DNS zones', pathPattern: `^/subscriptions/${SUB}/providers/Microsoft\\.Network/privateDnsZones$`, read: 'privateDnsZones', body: {} },
    { what: 'the VNet links', pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/virtualNetworkLinks$', read: 'virtualNetworkLinks', body: { value: null } },
    { what: 'the A record sets', pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/A$', read: 'aRecordSets', body: '<html><body>Proxy login</body></html>' },
  ];
  for (const c of notLists) {
    void it(`${c.what} answered 200 without a list: a failed read, not an empty list; no verdict from it, nothing written`, async () => {
      const setup = async (s: RunningSandbox): Promise<void> => {
        await withEastus(s);
        await inject(s, GRAPH_REFUSED, { method: 'GET', pathPattern: c.pathPattern, status: 200, body: c.body, ...(typeof c.body === 'string' ? { headers: { 'Content-Type': 'text/html' } } : {}) });
      };
      const before = await arrange(setup);
      const check = await extensionCheck(sb, { inventorySource: 'arm' });
      const state = await sandboxState(sb);
      assert.deepEqual([...untrueVerdicts(state, check.treeRows), ...untrueVerdicts(state, check.report.table)], []);
      assert.ok(!check.report.table.some((r) => r.verdict === 'missing' || r.verdict === 'public'), JSON.stringify(check.report.table.map((r) => r.verdict)));
      const error = check.errors.find((e) => e.read === c.read);
      assert.equal(error?.code, 'InvalidListAnswer', JSON.stringify(check.errors));
      assert.equal(check.report.summary.result, 'couldNotCheck');
      assert.deepEqual(await check.fixAll(), []);

      await arrange(setup);
      const run = await runCli(cliArgs(readyFile, ['--no-dns'], '--fix', '--yes'));
      assert.equal(run.code, 2, run.stdout.slice(0, 2000));
      const report = JSON.parse(run.stdout) as CheckReport;
      assert.ok(report.readErrors.some((e) => e.read === c.read && e.code === 'InvalidListAnswer'), JSON.stringify(report.readErrors));
      assert.ok(report.findings.some((f) => f.id === 'check.unreadable'));
      assert.deepEqual(await writesReceived(sb), [], 'nothing written from an unread list');
      assert.deepEqual(removedIps(before, recordIps(await sandboxState(sb))), []);
    });
  }
});
