import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckReport, type DnsQuerier } from '../../../src/diagnosis';
import { markChecking, statusStateFromReport } from '../../../src/webviews/statusModel';
import { checkRegistry } from '../../../src/webviews/statusCheck';
import type { RegistryDetails } from '../../../src/session/azureModule';
import { SnapshotBuilder, seedTopology } from '../diagnosis/builder';

const fixedNow = () => new Date('2025-01-02T03:04:05.000Z');

void test('after adding replica eastus, the panel lists the eastus data record as missing, with its fix', () => {
  const { snapshot, registry } = seedTopology();
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow), snapshot, 'system');
  const eastus = state.rows.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
  assert.equal(eastus?.verdict, 'missing');
  assert.equal(eastus?.tone, 'error');
  assert.equal(eastus?.expectedIp, '10.0.0.8');
  assert.equal(eastus?.requiredMemberName, 'registry_data_eastus');
  assert.equal(eastus?.virtualNetworkName, 'myVNet');
  assert.deepEqual(eastus?.zoneRecordIps, []);
  assert.equal(state.rows.find((r) => r.fqdn === 'myregistry.azurecr.io')?.verdict, 'ok');

  const missing = state.findings.find((f) => f.id === 'dns.record.missing');
  assert.ok(missing?.fix?.safe, 'a safe fix is offered');
  assert.ok(missing.fix.writes.some((w) => w.includes('myregistry.eastus.data') && w.includes('10.0.0.8')), missing.fix.writes.join('\n'));
  assert.equal(state.checkedAt, '2025-01-02T03:04:05.000Z');
  assert.equal(state.checking, false);
});

void test('the allow-list has the REST endpoint first, then every data endpoint', () => {
  const { snapshot, registry } = seedTopology();
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow), snapshot, 'system');
  assert.equal(state.allowList[0], 'myregistry.azurecr.io');
  assert.ok(state.allowList.includes('myregistry.westeurope.data.azurecr.io'));
  assert.ok(state.allowList.includes('myregistry.eastus.data.azurecr.io'));
});

void test('while re-checking, the previous results keep their time and are marked as not current', () => {
  const { snapshot, registry } = seedTopology();
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow), snapshot, 'system');
  const stale = markChecking(state);
  assert.equal(stale.checking, true);
  assert.equal(stale.checkedAt, state.checkedAt);
});

void test('a full check asks the chosen DNS server for every name and shows its answers with the chain', async () => {
  const { snapshot, registry } = seedTopology();
  const asked: string[] = [];
  const querier: DnsQuerier = {
    resolve4: (name) => {
      asked.push(name);
      return name === 'myregistry.azurecr.io' ? Promise.resolve(['10.0.0.7']) : Promise.reject(Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' }));
    },
    resolveCname: (name) =>
      name === 'myregistry.azurecr.io' ? Promise.resolve(['myregistry.privatelink.azurecr.io']) : Promise.reject(Object.assign(new Error('no CNAME'), { code: 'ENODATA' })),
  };
  const details: RegistryDetails = {
    replications: snapshot.replications,
    privateEndpointConnections: snapshot.registries[0]!.privateEndpointConnections,
    privateEndpoints: snapshot.privateEndpoints,
    networkInterfaces: snapshot.networkInterfaces,
    privateDnsZones: snapshot.privateDnsZones,
    virtualNetworkLinks: snapshot.virtualNetworkLinks,
    aRecordSets: snapshot.aRecordSets,
    privateDnsZoneGroups: snapshot.privateDnsZoneGroups,
    usages: snapshot.usages[registry.id] ?? [],
    virtualNetworks: snapshot.virtualNetworks,
    errors: [],
  };
  const check = await checkRegistry(snapshot.subscriptions[0]!, registry, details, ['127.0.0.1:5353'], { server: '127.0.0.1:5353', querier });
  assert.ok(asked.includes('myregistry.eastus.data.azurecr.io'));
  const state = statusStateFromReport(check.report, check.snapshot, check.liveServer);
  assert.equal(state.liveServer, '127.0.0.1:5353');
  const rest = state.rows.find((r) => r.fqdn === 'myregistry.azurecr.io');
  assert.deepEqual(rest?.liveAnswer?.chain, ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io']);
  assert.deepEqual(rest?.liveAnswer?.addresses, ['10.0.0.7']);
  assert.equal(state.rows.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io')?.liveAnswer?.status, 'nxdomain');
});

void test('public network access and the trusted-services bypass Azure did not report show as unknown, with no finding about them', () => {
  const { snapshot, registry } = seedTopology();
  delete registry.publicNetworkAccess;
  delete registry.networkRuleBypassOptions;
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow), snapshot, 'system');
  assert.equal(state.publicNetworkAccess, 'unknown');
  assert.equal(state.networkRuleBypassOptions, 'unknown');
  assert.ok(!state.findings.some((f) => f.id === 'registry.publicNetworkAccessEnabled'));
});

void test('a connectivity check shows per host its address, each step\'s time and the result; a DENIED host is an error finding', () => {
  const { snapshot, registry } = seedTopology();
  const step = (s: 'resolve' | 'connect' | 'tls' | 'http', detail: string) => ({ step: s, outcome: 'ok' as const, elapsedMs: 1.5, detail });
  const connectivity = {
    checkedAt: '2025-01-02T03:04:05.000Z',
    mode: 'sandbox' as const,
    dnsServer: '127.0.0.1:5353',
    results: [
      {
        host: 'myregistry.azurecr.io',
        role: 'loginServer' as const,
        address: '203.0.113.106',
        addressClass: 'public' as const,
        dialed: '203.0.113.106:443 via 127.0.0.1:40001',
        outcome: 'publicEndpoint' as const,
        step: 'http' as const,
        steps: [step('resolve', 'myregistry.azurecr.io → 203.0.113.106'), step('connect', 'TCP 443 open'), step('tls', 'TLSv1.3'), step('http', 'GET /v2/ → HTTP 403 DENIED')],
        http: { status: 403, errorCode: 'DENIED', clientIp: '198.51.100.10' },
        checkedAt: '2025-01-02T03:04:05.000Z',
        elapsedMs: 6,
      },
      {
        host: 'myregistry.westeurope.data.azurecr.io',
        role: 'dataEndpoint' as const,
        address: '10.0.0.6',
        addressClass: 'private' as const,
        outcome: 'reachable' as const,
        step: 'http' as const,
        steps: [step('resolve', '10.0.0.6'), step('connect', 'open'), step('tls', 'TLSv1.3'), step('http', 'GET /v2/ → HTTP 404')],
        http: { status: 404 },
        checkedAt: '2025-01-02T03:04:05.000Z',
        elapsedMs: 6,
      },
    ],
  };
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow, connectivity), snapshot, 'system');
  const [login, data] = state.connectivity!.results;
  assert.equal(login?.result, 'reached the public endpoint (403 DENIED)');
  assert.equal(login?.tone, 'error');
  assert.equal(login?.dialed, '203.0.113.106:443 via 127.0.0.1:40001');
  assert.deepEqual(login?.steps.map((s) => [s.step, s.elapsedMs]), [['resolve', 1.5], ['connect', 1.5], ['tls', 1.5], ['http', 1.5]]);
  assert.equal(data?.result, 'reachable (HTTP 404)');
  assert.equal(data?.tone, 'ok');
  const denied = state.findings.find((f) => f.id === 'connectivity.publicEndpoint');
  assert.equal(denied?.severity, 'error');
  assert.match(denied!.message, /client with IP '198\.51\.100\.10'/);
});

void test('a connectivity result kept from before the registry changed is shown from its time, outdated, greyed, with no finding', () => {
  const { snapshot, registry } = seedTopology();
  const connectivity = {
    checkedAt: '2025-01-02T03:04:05.000Z',
    mode: 'sandbox' as const,
    dnsServer: '127.0.0.1:5353',
    outdated: true,
    results: [
      {
        host: 'myregistry.azurecr.io',
        role: 'loginServer' as const,
        address: '203.0.113.106',
        outcome: 'publicEndpoint' as const,
        step: 'http' as const,
        steps: [{ step: 'http' as const, outcome: 'ok' as const, elapsedMs: 2, detail: 'GET /v2/ → HTTP 403 DENIED' }],
        http: { status: 403, errorCode: 'DENIED', clientIp: '198.51.100.10' },
        checkedAt: '2025-01-02T03:04:05.000Z',
        elapsedMs: 2,
      },
    ],
  };
  const state = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow, connectivity), snapshot, 'system');
  assert.equal(state.connectivity?.outdated, true);
  assert.equal(state.connectivity?.checkedAt, '2025-01-02T03:04:05.000Z');
  assert.equal(state.connectivity?.results[0]?.tone, 'unknown');
  assert.equal(state.connectivity?.results[0]?.result, 'reached the public endpoint (403 DENIED)');
  assert.equal(state.findings.find((f) => f.id.startsWith('connectivity.')), undefined);
  assert.equal(state.connectivity?.undetermined, undefined, 'changed, not undetermined');

  // Whether the registry changed cannot be told: the page is told what could not be read.
  const why = ['network security group pe-nsg could not be read (403 AuthorizationFailed)'];
  const unknown = statusStateFromReport(buildCheckReport(snapshot, registry.id, undefined, fixedNow, { ...connectivity, undetermined: why }), snapshot, 'system');
  assert.deepEqual(unknown.connectivity?.undetermined, why);
  assert.equal(unknown.connectivity?.results[0]?.tone, 'unknown');
  assert.equal(unknown.findings.find((f) => f.id.startsWith('connectivity.')), undefined);
});

void test('two endpoints of the registry in one VNet, the records holding the second one\'s IPs: each row names its endpoint, and the first one\'s rows say the second one answers', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet = b.vnet('myVNet');
  b.endpoint('pe1', registry, vnet, { registry: '10.0.0.5', registry_data_westeurope: '10.0.0.4' });
  b.endpoint('pe2', registry, vnet, { registry: '10.0.0.9', registry_data_westeurope: '10.0.0.8' });
  const zone = b.zone();
  b.link(zone, vnet);
  b.record(zone, 'myregistry', ['10.0.0.9']);
  b.record(zone, 'myregistry.westeurope.data', ['10.0.0.8']);
  const state = statusStateFromReport(buildCheckReport(b.snapshot, registry.id, undefined, fixedNow), b.snapshot, 'system');
  const rest = state.rows.filter((r) => r.fqdn === 'myregistry.azurecr.io');
  assert.deepEqual(
    rest.map((r) => [r.privateEndpointName, r.expectedIp, r.zoneRecordIps, r.verdict, r.answeredBy]),
    [
      ['pe1', '10.0.0.5', ['10.0.0.9'], 'ok', ['pe2']],
      ['pe2', '10.0.0.9', ['10.0.0.9'], 'ok', undefined],
    ],
  );
});
