import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixPlansForRegistry, fqdnTable, type Finding } from '../../../src/diagnosis';
import { SnapshotBuilder, healthyTopology, peer, seedTopology } from './builder';

const ids = (findings: Finding[]): string[] => findings.map((f) => f.id);
const errors = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

void test('after adding replica eastus, the eastus data record is reported missing and the fix creates myregistry.eastus.data → 10.0.0.8', () => {
  const { snapshot, registry, zone } = seedTopology();
  const findings = diagnose(snapshot, registry.id);
  const missing = findings.filter((f) => f.id === 'dns.record.missing');
  assert.equal(missing.length, 1);
  const finding = missing[0]!;
  assert.equal(finding.subject, 'myregistry.eastus.data.azurecr.io');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.expected, '10.0.0.8');
  assert.match(finding.message, /create myregistry\.eastus\.data → 10\.0\.0\.8/);
  assert.deepEqual(finding.fix?.writes, [
    { kind: 'createARecordSet', privateDnsZoneId: zone.id, recordSetName: 'myregistry.eastus.data', ttl: 10, ipv4Addresses: ['10.0.0.8'], ifNoneMatch: '*' },
  ]);
  assert.equal(finding.fix?.safe, true);
  assert.equal(finding.fix?.findingKey, finding.key);
  // the other record sets are not touched by any plan
  const touched = fixPlansForRegistry(snapshot, registry.id).flatMap((p) => p.writes);
  assert.deepEqual(touched.map((w) => w.kind), ['createARecordSet']);
  assert.deepEqual(errors(findings).map((f) => f.id), ['dns.record.missing']);
});

void test('with every record in place there are no errors and nothing to fix', () => {
  const { snapshot, registry } = healthyTopology();
  const findings = diagnose(snapshot, registry.id);
  assert.deepEqual(errors(findings), []);
  assert.deepEqual(fixPlansForRegistry(snapshot, registry.id), []);
  // only guidance remains
  assert.deepEqual(ids(findings).sort(), ['client.privatelinkNameUsed', 'registry.publicNetworkAccessEnabled']);
});

void test('finding keys are stable across checks and unique within one', () => {
  const { snapshot, registry } = seedTopology();
  const first = diagnose(snapshot, registry.id).map((f) => f.key);
  const second = diagnose(snapshot, registry.id).map((f) => f.key);
  assert.deepEqual(first, second);
  assert.equal(new Set(first).size, first.length);
});

void test('an empty record set (created, IP never added) is missing and the fix adds to it at its etag', () => {
  const t = seedTopology();
  const empty = t.b.record(t.zone, 'myregistry.eastus.data', []);
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.missing');
  assert.deepEqual(finding?.fix?.writes, [
    { kind: 'addToARecordSet', recordSetId: empty.id, ifMatch: empty.etag, ttl: 10, existingIpv4Addresses: [], addedIpv4Addresses: ['10.0.0.8'] },
  ]);
});

void test('a second endpoint in a peered VNet that overwrote the shared record: the fix adds the first IP back and keeps the second', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet1 = b.vnet('vnet1');
  const vnet2 = b.vnet('vnet2', '10.2.0.0/16');
  peer(vnet1, vnet2);
  b.endpoint('pe1', registry, vnet1, { registry: '10.1.0.4', registry_data_westeurope: '10.1.0.5' });
  b.endpoint('pe2', registry, vnet2, { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5' });
  const zone = b.zone();
  b.link(zone, vnet1);
  b.link(zone, vnet2);
  const rest = b.record(zone, 'myregistry', ['10.2.0.4']);
  b.record(zone, 'myregistry.westeurope.data', ['10.2.0.5']);

  const shared = diagnose(b.snapshot, registry.id).filter((f) => f.id === 'dns.record.sharedOverwrite');
  assert.deepEqual(shared.map((f) => f.subject).sort(), ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io']);
  const restFinding = shared.find((f) => f.subject === 'myregistry.azurecr.io')!;
  assert.equal(restFinding.severity, 'error');
  assert.match(restFinding.message, /vnet1/);
  assert.deepEqual(restFinding.fix?.writes, [
    { kind: 'addToARecordSet', recordSetId: rest.id, ifMatch: rest.etag, ttl: 10, existingIpv4Addresses: ['10.2.0.4'], addedIpv4Addresses: ['10.1.0.4'] },
  ]);
  assert.equal(restFinding.fix?.safe, true);
});

void test('one record set holding two peered VNets\' endpoint IPs is flagged as shared without a fix', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet1 = b.vnet('vnet1');
  const vnet2 = b.vnet('vnet2', '10.2.0.0/16');
  peer(vnet1, vnet2);
  b.endpoint('pe1', registry, vnet1, { registry: '10.1.0.4', registry_data_westeurope: '10.1.0.5' });
  b.endpoint('pe2', registry, vnet2, { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5' });
  const zone = b.zone();
  b.link(zone, vnet1);
  b.link(zone, vnet2);
  b.record(zone, 'myregistry', ['10.1.0.4', '10.2.0.4']);
  b.record(zone, 'myregistry.westeurope.data', ['10.1.0.5', '10.2.0.5']);
  const shared = diagnose(b.snapshot, registry.id).filter((f) => f.id === 'dns.record.sharedOverwrite');
  assert.equal(shared.length, 2);
  assert.ok(shared.every((f) => f.severity === 'warning' && f.fix === undefined));
});

void test('a record pointing at an IP the NIC no longer has is an IP mismatch; replacing the dead IP is safe', () => {
  const t = healthyTopology();
  t.registryRecord.ipv4Addresses = ['10.0.0.99'];
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch');
  assert.equal(finding?.subject, 'myregistry.azurecr.io');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.actual, '10.0.0.99');
  assert.deepEqual(finding?.fix?.writes, [
    {
      kind: 'replaceInARecordSet',
      recordSetId: t.registryRecord.id,
      ifMatch: t.registryRecord.etag,
      ttl: 10,
      existingIpv4Addresses: ['10.0.0.99'],
      removedIpv4Addresses: ['10.0.0.99'],
      addedIpv4Addresses: ['10.0.0.7'],
    },
  ]);
  assert.equal(finding?.fix?.safe, true);
});

void test('when endpoints could not all be read, replacing an IP is not offered as safe', () => {
  const t = healthyTopology();
  t.registryRecord.ipv4Addresses = ['10.0.0.99'];
  t.snapshot.errors.push({ scope: '/subscriptions/00000000-0000-0000-0000-000000000002', read: 'privateEndpoint', what: 'private endpoint', status: 403, message: 'AuthorizationFailed' });
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch');
  assert.equal(finding?.fix?.safe, false);
});

void test('a record with a dead IP next to the right one is a warning whose fix only removes the dead IP', () => {
  const t = healthyTopology();
  t.registryRecord.ipv4Addresses = ['10.0.0.7', '10.0.0.99'];
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch');
  assert.equal(finding?.severity, 'warning');
  const write = finding?.fix?.writes[0];
  assert.equal(write?.kind, 'replaceInARecordSet');
  if (write?.kind === 'replaceInARecordSet') {
    assert.deepEqual(write.removedIpv4Addresses, ['10.0.0.99']);
    assert.deepEqual(write.addedIpv4Addresses, []);
  }
});

void test('after the endpoint is deleted, its records are orphaned and the VNet link that still serves them is stale', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet = b.vnet('myVNet');
  const zone = b.zone();
  const link = b.link(zone, vnet, 'MyDNSLink');
  const rest = b.record(zone, 'myregistry', ['10.0.0.7']);
  b.record(zone, 'myregistry.westeurope.data', ['10.0.0.6']);
  b.record(zone, 'otherregistry', ['10.0.0.20']); // another registry's record is not ours to judge

  const findings = diagnose(b.snapshot, registry.id);
  const orphaned = findings.filter((f) => f.id === 'dns.record.orphaned');
  assert.deepEqual(orphaned.map((f) => f.subject).sort(), ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io']);
  const restOrphan = orphaned.find((f) => f.subject === 'myregistry.azurecr.io')!;
  assert.deepEqual(restOrphan.fix?.writes, [{ kind: 'deleteARecordSet', recordSetId: rest.id, ifMatch: rest.etag, ipv4Addresses: ['10.0.0.7'] }]);
  assert.equal(restOrphan.fix?.safe, false, 'deleting is never part of Fix all');
  const stale = findings.filter((f) => f.id === 'dns.link.stale');
  assert.deepEqual(stale.map((f) => f.subject), [link.id]);
  assert.deepEqual(fixPlansForRegistry(b.snapshot, registry.id), []);
});

void test('a record for a removed replica is orphaned even while the other records are fine', () => {
  const t = healthyTopology();
  t.b.record(t.zone, 'myregistry.northeurope.data', ['10.0.0.9']);
  const orphaned = diagnose(t.snapshot, t.registry.id).filter((f) => f.id === 'dns.record.orphaned');
  assert.deepEqual(orphaned.map((f) => f.subject), ['myregistry.northeurope.data.azurecr.io']);
  // the zone is linked to the VNet that has the endpoint, so that link is not stale
  assert.ok(!diagnose(t.snapshot, t.registry.id).some((f) => f.id === 'dns.link.stale'));
});

/** Two VNets, not peered, each with an endpoint of myregistry, both linked to one zone. */
function twoVnetsOneZone(restIps: string[], dataIps: string[]) {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet1 = b.vnet('vnet1');
  const vnet2 = b.vnet('vnet2', '10.2.0.0/16');
  b.endpoint('pe1', registry, vnet1, { registry: '10.1.0.4', registry_data_westeurope: '10.1.0.5' });
  b.endpoint('pe2', registry, vnet2, { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5' });
  const zone = b.zone();
  b.link(zone, vnet1);
  b.link(zone, vnet2);
  b.record(zone, 'myregistry', restIps);
  b.record(zone, 'myregistry.westeurope.data', dataIps);
  return { b, registry, vnet1, vnet2 };
}

void test('one record set holding the IPs of two VNets that are not peered: an error without a fix, and both VNets\' rows are wrong, not ok', () => {
  const { b, registry } = twoVnetsOneZone(['10.1.0.4', '10.2.0.4'], ['10.1.0.5', '10.2.0.5']);
  const shared = diagnose(b.snapshot, registry.id).filter((f) => f.id === 'dns.record.sharedOverwrite');
  assert.equal(shared.length, 2);
  assert.ok(shared.every((f) => f.severity === 'error' && f.fix === undefined));
  assert.match(shared[0]!.message, /not peered \(vnet1 – vnet2\)/);
  assert.match(shared[0]!.message, /its own privatelink\.azurecr\.io zone/);
  const rows = fqdnTable(b.snapshot, registry.id).filter((r) => r.fqdn === 'myregistry.azurecr.io');
  assert.deepEqual(rows.map((r) => r.verdict), ['wrongIp', 'wrongIp']);
});

void test('a record overwritten by the endpoint of a VNet that is not peered: no fix, because adding the IP back would give that VNet a dead IP', () => {
  const { b, registry } = twoVnetsOneZone(['10.2.0.4'], ['10.2.0.5']);
  const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === 'dns.record.sharedOverwrite' && f.subject === 'myregistry.azurecr.io');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.fix, undefined);
  assert.match(finding!.message, /not peered with vnet1/);
  assert.ok(!fixPlansForRegistry(b.snapshot, registry.id).some((p) => p.writes.some((w) => w.kind === 'addToARecordSet')));
});

void test('two VNets sharing a record where one VNet could not be read: its rows say whether the other IP is reachable could not be checked, never ok', () => {
  const { b, registry, vnet2 } = twoVnetsOneZone(['10.1.0.4', '10.2.0.4'], ['10.1.0.5', '10.2.0.5']);
  b.snapshot.virtualNetworks = b.snapshot.virtualNetworks.filter((v) => v !== vnet2);
  const rows = fqdnTable(b.snapshot, registry.id).filter((r) => r.fqdn === 'myregistry.azurecr.io');
  assert.ok(rows.every((r) => r.verdict !== 'ok'), JSON.stringify(rows.map((r) => r.verdict)));
  assert.ok(rows.some((r) => r.verdict === 'unknown'));
});
