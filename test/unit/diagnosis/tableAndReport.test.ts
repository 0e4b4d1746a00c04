import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowList, buildCheckReport, fqdnTable, reportJson, reportMarkdown, type LiveAnswer } from '../../../src/diagnosis';
import { healthyTopology, seedTopology } from './builder';

const fixedNow = () => new Date('2025-01-02T03:04:05.000Z');

void test('the per-FQDN table shows the eastus data record as missing and the others as ok', () => {
  const { snapshot, registry, zone, vnet } = seedTopology();
  const rows = fqdnTable(snapshot, registry.id);
  const byFqdn = new Map(rows.map((r) => [r.fqdn, r]));
  assert.equal(byFqdn.get('myregistry.azurecr.io')?.verdict, 'ok');
  assert.equal(byFqdn.get('myregistry.westeurope.data.azurecr.io')?.verdict, 'ok');
  const eastus = byFqdn.get('myregistry.eastus.data.azurecr.io');
  assert.equal(eastus?.verdict, 'missing');
  assert.equal(eastus?.expectedIp, '10.0.0.8');
  assert.equal(eastus?.requiredMemberName, 'registry_data_eastus');
  assert.equal(eastus?.zoneId, zone.id);
  assert.equal(eastus?.virtualNetworkId, vnet.id);
  assert.deepEqual(eastus?.zoneRecordIps, []);
  assert.equal(eastus?.virtualAnswer?.status, 'nxdomain');
});

void test('rows carry the keys of the findings about them, so a view can offer the fix', () => {
  const { snapshot, registry } = seedTopology();
  const report = buildCheckReport(snapshot, registry.id, undefined, fixedNow);
  const eastus = report.table.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
  const finding = report.findings.find((f) => f.id === 'dns.record.missing');
  assert.deepEqual(eastus?.findingKeys, [finding?.key]);
});

void test('a live public answer turns a configured-ok row into public; a resolver failure makes it "could not check"', () => {
  const { snapshot, registry } = healthyTopology();
  const live: LiveAnswer[] = [
    { fqdn: 'myregistry.azurecr.io', server: 'system', status: 'ok', chain: ['myregistry.azurecr.io'], addresses: ['20.61.99.68'], addressClass: 'public', elapsedMs: 4, checkedAt: '' },
    { fqdn: 'myregistry.eastus.data.azurecr.io', server: 'system', status: 'timeout', chain: ['myregistry.eastus.data.azurecr.io'], addresses: [], addressClass: 'none', elapsedMs: 2000, checkedAt: '' },
  ];
  const rows = fqdnTable(snapshot, registry.id, live);
  assert.equal(rows.find((r) => r.fqdn === 'myregistry.azurecr.io')?.verdict, 'public');
  const eastus = rows.find((r) => r.fqdn === 'myregistry.eastus.data.azurecr.io');
  assert.equal(eastus?.verdict, 'unknown');
  assert.equal(eastus?.liveAnswer?.status, 'timeout');
  assert.match(eastus?.note ?? '', /did not answer \(timeout\)/);
});

void test('leftover records appear in the table as orphaned', () => {
  const t = healthyTopology();
  t.b.record(t.zone, 'myregistry.northeurope.data', ['10.0.0.9']);
  const row = fqdnTable(t.snapshot, t.registry.id).find((r) => r.fqdn === 'myregistry.northeurope.data.azurecr.io');
  assert.equal(row?.verdict, 'orphaned');
  assert.deepEqual(row?.zoneRecordIps, ['10.0.0.9']);
});

void test('the allow-list has the REST endpoint and a data endpoint for the home region and every replica', () => {
  const { snapshot, registry } = seedTopology();
  const { notes, ...list } = allowList(registry, snapshot.replications);
  assert.deepEqual(list, {
    restEndpoint: 'myregistry.azurecr.io',
    dataEndpoints: ['myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io'],
    hostNames: ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io'],
    storageRedirect: false,
  });
  assert.deepEqual(notes, ['Dedicated data endpoints are enabled: a client outside the VNet fetches layers from the same data endpoints.']);
});

void test('the JSON report names the finding, the table and when it was checked', () => {
  const { snapshot, registry } = seedTopology();
  const parsed = JSON.parse(reportJson(buildCheckReport(snapshot, registry.id, undefined, fixedNow))) as {
    version: number;
    checkedAt: string;
    snapshotTakenAt: string;
    summary: { error: number; healthy: boolean };
    findings: { id: string; subject: string }[];
    table: { fqdn: string; verdict: string }[];
  };
  assert.equal(parsed.version, 1);
  assert.equal(parsed.checkedAt, '2025-01-02T03:04:05.000Z');
  assert.equal(parsed.snapshotTakenAt, snapshot.takenAt);
  assert.deepEqual(parsed.summary, { error: 1, warning: 0, info: 2, unknown: 0, unreadable: 0, result: 'errorsFound', healthy: false });
  assert.ok(parsed.findings.some((f) => f.id === 'dns.record.missing' && f.subject === 'myregistry.eastus.data.azurecr.io'));
  assert.equal(parsed.table.length, 3);
});

void test('the Markdown report has the table, the finding with its fix and the allow-list', () => {
  const { snapshot, registry } = seedTopology();
  const md = reportMarkdown(buildCheckReport(snapshot, registry.id, undefined, fixedNow));
  assert.match(md, /^# Private Link check: myregistry$/m);
  assert.match(md, /Checked: 2025-01-02T03:04:05\.000Z/);
  assert.match(md, /\| myregistry\.eastus\.data\.azurecr\.io \| myVNet \| registry_data_eastus \| 10\.0\.0\.8 \| — \| .*NXDOMAIN .*\| missing \|/);
  assert.match(md, /\*\*error\*\* `dns\.record\.missing`/);
  assert.match(md, /Fix: Create A record myregistry\.eastus\.data → 10\.0\.0\.8 in privatelink\.azurecr\.io/);
  assert.match(md, /- `myregistry\.eastus\.data\.azurecr\.io`/);
});
