// Unknown is not missing: hand-built snapshots in which a read failed. No finding may come from what
// was not read, the verdicts that depend on it are "unknown", no fix plan touches it, and the failed
// read itself is a `check.unreadable` finding that names the resource, Azure's answer and what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckReport, diagnose, fixPlansForRegistry, fqdnTable, type LiveAnswer } from '../../../src/diagnosis';
import type { LoadError, ReadKind } from '../../../src/model/types';
import { readWhat } from '../../../src/model/types';
import { healthyTopology, seedTopology } from './builder';

function failed(scope: string, read: ReadKind, status: number | undefined, code: string | undefined, message = 'Injected.'): LoadError {
  return { scope, read, what: readWhat[read], ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { code } : {}), message };
}

/** The seed world as the loader leaves it when the zone's A-record listing fails: no records, one error. */
function recordsUnreadable(status: number | undefined, code: string | undefined) {
  const t = seedTopology();
  t.snapshot.aRecordSets = [];
  t.snapshot.errors.push(failed(t.zone.id, 'aRecordSets', status, code));
  return t;
}

/** Whether Fix All or --fix would write anything: a plan marked safe. */
const writesAnything = (findings: ReturnType<typeof diagnose>): boolean => findings.some((f) => f.fix?.safe === true && f.fix.writes.length > 0);

for (const [status, code, advice] of [
  [500, 'InternalServerError', /Azure failed to answer; retry later/],
  [429, 'TooManyRequests', /Azure throttled the read; retry later/],
  [403, 'AuthorizationFailed', /needs Reader on resource group myResourceGroup/],
  [404, 'ResourceNotFound', /does not exist/],
  [undefined, 'ECONNRESET', /did not arrive whole/],
] as const) {
  void test(`a zone whose A-record listing answered ${status ?? code}: no record is "missing", every verdict is unknown, no plan`, () => {
    const t = recordsUnreadable(status, code);
    const findings = diagnose(t.snapshot, t.registry.id);
    assert.ok(!findings.some((f) => f.id === 'dns.record.missing'), findings.map((f) => f.id).join(', '));
    const unreadable = findings.find((f) => f.id === 'check.unreadable');
    assert.equal(unreadable?.subject, t.zone.id);
    assert.match(unreadable!.message, /the A records of privatelink\.azurecr\.io could not be read/);
    assert.match(unreadable!.message, new RegExp([status, code].filter((p) => p !== undefined).join(' ')));
    assert.match(unreadable!.message, advice);
    assert.equal(writesAnything(findings), false);
    assert.deepEqual(fixPlansForRegistry(t.snapshot, t.registry.id), []);

    const rows = fqdnTable(t.snapshot, t.registry.id);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.verdict, 'unknown', row.fqdn);
      assert.equal(row.virtualAnswer?.status, 'unknown', 'the VNet answer is unknown, not NXDOMAIN');
      assert.match(row.note ?? '', /A records of privatelink\.azurecr\.io could not be read/);
    }
    const report = buildCheckReport(t.snapshot, t.registry.id);
    assert.equal(report.summary.result, 'couldNotCheck');
    assert.equal(report.summary.healthy, false);
    assert.equal(report.summary.unknown, 3);
    assert.deepEqual(report.readErrors.map((e) => [e.scope, e.read, e.status, e.code]), [[t.zone.id, 'aRecordSets', status, code]]);
  });
}

void test('a zone whose links could not be read: the VNet is not called unlinked and nothing is linked by a fix', () => {
  const t = healthyTopology();
  t.snapshot.virtualNetworkLinks = [];
  t.snapshot.errors.push(failed(t.zone.id, 'virtualNetworkLinks', 429, 'TooManyRequests'));
  const findings = diagnose(t.snapshot, t.registry.id);
  assert.ok(!findings.some((f) => f.id === 'dns.zone.notLinked' || f.id === 'dns.zone.missing'));
  assert.equal(writesAnything(findings), false);
  assert.ok(findings.some((f) => f.id === 'check.unreadable' && /virtual network links of privatelink\.azurecr\.io/.test(f.message)));
  assert.ok(fqdnTable(t.snapshot, t.registry.id).every((r) => r.verdict === 'unknown'));
});

void test('a subscription whose zones could not be listed: no zone is "missing" and none is created', () => {
  const t = healthyTopology();
  t.snapshot.privateDnsZones = [];
  t.snapshot.virtualNetworkLinks = [];
  t.snapshot.aRecordSets = [];
  t.snapshot.errors.push(failed(`/subscriptions/${t.registry.subscriptionId}`, 'privateDnsZones', 403, 'AuthorizationFailed'));
  const findings = diagnose(t.snapshot, t.registry.id);
  assert.ok(!findings.some((f) => f.id === 'dns.zone.missing'));
  assert.equal(writesAnything(findings), false);
  assert.match(findings.find((f) => f.id === 'check.unreadable')!.message, /needs Reader on subscription/);
  assert.ok(fqdnTable(t.snapshot, t.registry.id).every((r) => r.verdict === 'unknown'));
});

void test('an endpoint NIC that could not be read: its names are unknown, named in the note', () => {
  const t = healthyTopology();
  const nicId = t.snapshot.networkInterfaces[0]!.id;
  t.snapshot.networkInterfaces = [];
  t.endpoint.customDnsConfigs = [];
  t.snapshot.errors.push(failed(nicId, 'networkInterface', 500, 'InternalServerError'));
  const rows = fqdnTable(t.snapshot, t.registry.id);
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.equal(row.verdict, 'unknown');
    assert.match(row.note ?? '', /network interface myPrivateEndpoint\.nic could not be read \(500 InternalServerError\)/);
  }
  assert.equal(buildCheckReport(t.snapshot, t.registry.id).summary.result, 'couldNotCheck');
});

void test('an endpoint NIC that could not be read while the endpoint lists its IPs: the records are checked from those, and the finding says so rather than "not checked"', () => {
  const t = healthyTopology();
  const nicId = t.snapshot.networkInterfaces[0]!.id;
  t.snapshot.networkInterfaces = [];
  t.snapshot.errors.push(failed(nicId, 'networkInterface', 403, 'AuthorizationFailed'));
  assert.ok(t.endpoint.customDnsConfigs.length > 0);
  const rows = fqdnTable(t.snapshot, t.registry.id);
  assert.ok(rows.length > 0 && rows.every((r) => r.verdict === 'ok'), rows.map((r) => `${r.fqdn} ${r.verdict}`).join(', '));
  const unreadable = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'check.unreadable');
  assert.ok(unreadable);
  assert.doesNotMatch(unreadable.message, /not checked/);
  assert.match(unreadable.message, /network interface myPrivateEndpoint\.nic could not be read \(403 AuthorizationFailed\), so its names and IPs were taken from the endpoint’s DNS configuration \(customDnsConfigs\) instead, and no IP is removed from a record until it can be read; your account needs Reader/);
});

void test('with endpoints unread, a record nobody seems to serve is not "orphaned" and its IP is not called dead', () => {
  const t = healthyTopology();
  t.b.record(t.zone, 'myregistry.northeurope.data', ['10.0.0.9']);
  t.registryRecord.ipv4Addresses = ['10.0.0.7', '10.0.0.99'];
  t.snapshot.errors.push(failed('/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg2/providers/Microsoft.Network/privateEndpoints/other', 'privateEndpoint', 403, 'AuthorizationFailed'));
  const findings = diagnose(t.snapshot, t.registry.id);
  assert.ok(!findings.some((f) => f.id === 'dns.record.orphaned' || f.id === 'dns.link.stale'));
  const mismatch = findings.find((f) => f.id === 'dns.record.ipMismatch');
  assert.match(mismatch?.message ?? '', /whether one that could not be read does is unknown/);
  assert.equal(mismatch?.fix?.safe, false);
  assert.equal(writesAnything(findings), false);
  const rows = fqdnTable(t.snapshot, t.registry.id);
  assert.equal(rows.find((r) => r.fqdn === 'myregistry.northeurope.data.azurecr.io')?.verdict, 'unknown');
  assert.equal(rows.find((r) => r.fqdn === 'myregistry.azurecr.io')?.verdict, 'unknown');
  assert.equal(rows.find((r) => r.fqdn === 'myregistry.westeurope.data.azurecr.io')?.verdict, 'ok');
});

void test('usages and provider registration that could not be read: every row ok, yet the check is not healthy', () => {
  const t = healthyTopology();
  delete t.snapshot.providerRegistrationState[t.registry.subscriptionId];
  t.snapshot.errors.push(failed(t.registry.id, 'usages', 429, 'TooManyRequests'));
  t.snapshot.errors.push(failed(`/subscriptions/${t.registry.subscriptionId}/providers/Microsoft.ContainerRegistry`, 'providerRegistration', 403, 'AuthorizationFailed'));
  const report = buildCheckReport(t.snapshot, t.registry.id);
  assert.ok(report.table.every((r) => r.verdict === 'ok'));
  assert.deepEqual(
    report.findings.filter((f) => f.id === 'check.unreadable').map((f) => f.subject).sort(),
    [t.registry.id, `/subscriptions/${t.registry.subscriptionId}/providers/Microsoft.ContainerRegistry`].sort(),
  );
  assert.ok(!report.findings.some((f) => f.id === 'provider.notRegistered' || f.id === 'registry.endpointLimit'));
  assert.equal(report.summary.result, 'couldNotCheck');
  assert.equal(report.summary.unreadable, 2);
});

void test('an error proven from what was read still counts when something else could not be read', () => {
  const t = seedTopology(); // the eastus data record is missing: read, and absent
  t.snapshot.errors.push(failed(t.registry.id, 'usages', 500, 'InternalServerError'));
  const report = buildCheckReport(t.snapshot, t.registry.id);
  assert.ok(report.findings.some((f) => f.id === 'dns.record.missing' && f.fix?.safe));
  assert.equal(report.summary.result, 'errorsFound');
});

void test('a DNS server that failed every query leaves every row unknown: the check is not healthy', () => {
  const t = healthyTopology();
  const live: LiveAnswer[] = ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io'].map((fqdn) => ({
    fqdn,
    server: '127.0.0.1:1',
    status: 'servfail',
    chain: [fqdn],
    addresses: [],
    addressClass: 'none',
    elapsedMs: 1,
    checkedAt: '',
    errorCode: 'ESERVFAIL',
  }));
  const report = buildCheckReport(t.snapshot, t.registry.id, live);
  assert.ok(report.table.every((r) => r.verdict === 'unknown'));
  assert.equal(report.summary.result, 'couldNotCheck');
  assert.equal(report.summary.healthy, false);
  assert.ok(report.findings.some((f) => f.id === 'live.resolverFailed'));
});

void test('everything read and right: healthy', () => {
  const t = healthyTopology();
  const report = buildCheckReport(t.snapshot, t.registry.id);
  assert.equal(report.summary.result, 'healthy');
  assert.equal(report.summary.healthy, true);
  assert.deepEqual(report.readErrors, []);
});
