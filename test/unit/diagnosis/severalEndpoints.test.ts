// Several endpoints of one registry in one VNet share the zone's record sets; removals are described
// as removals and are safe only when no endpoint serves the IP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixPlansForRegistry, fqdnTable } from '../../../src/diagnosis';
import { describeWrite } from '../../../src/model/fixPlan';
import { SnapshotBuilder, healthyTopology, peer } from './builder';

function twoEndpointsInOneVnet() {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet = b.vnet('myVNet');
  const pe1 = b.endpoint('pe1', registry, vnet, { registry: '10.0.0.5', registry_data_westeurope: '10.0.0.4' });
  const pe2 = b.endpoint('pe2', registry, vnet, { registry: '10.0.0.9', registry_data_westeurope: '10.0.0.8' });
  const zone = b.zone();
  b.link(zone, vnet);
  // pe2's zone group was written last: it replaced pe1's IPs.
  const rest = b.record(zone, 'myregistry', ['10.0.0.9']);
  b.record(zone, 'myregistry.westeurope.data', ['10.0.0.8']);
  return { b, registry, vnet, pe1, pe2, zone, rest, snapshot: b.snapshot };
}

void test('two endpoints in one VNet, the records holding the second one\'s IPs: every name is ok and private, no error, nothing to fix', () => {
  const t = twoEndpointsInOneVnet();
  const findings = diagnose(t.snapshot, t.registry.id);
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.id.startsWith('dns.record.shared') && f.severity !== 'info'), []);
  const rows = fqdnTable(t.snapshot, t.registry.id, undefined, findings);
  assert.ok(rows.length >= 4);
  assert.deepEqual([...new Set(rows.map((r) => r.verdict))], ['ok']);
  const pe1Rest = rows.find((r) => r.fqdn === 'myregistry.azurecr.io' && r.privateEndpointId === t.pe1.id)!;
  assert.deepEqual(pe1Rest.virtualAnswer?.addresses, ['10.0.0.9']);
  assert.deepEqual(pe1Rest.answeredBy, [t.pe2.id]);
  assert.deepEqual(fixPlansForRegistry(t.snapshot, t.registry.id), []);
});

void test('the note on a shared record says which IP and endpoint answer, that it is private, and never that the VNet cannot reach the registry', () => {
  const t = twoEndpointsInOneVnet();
  const note = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.sharedByEndpoints' && f.subject === 'myregistry.azurecr.io');
  assert.equal(note?.severity, 'info');
  assert.match(note!.message, /resolves privately in myVNet to 10\.0\.0\.9, the IP of pe2/);
  assert.match(note!.message, /pe1 \(10\.0\.0\.5\) is in no record/);
  assert.doesNotMatch(note!.message, /cannot reach/);
});

void test('with a dead IP in the shared record set, the removal is a warning, safe, and says the IP goes because no endpoint serves it', () => {
  const t = twoEndpointsInOneVnet();
  t.rest.ipv4Addresses = ['10.0.0.9', '10.0.0.77'];
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch');
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding?.fix?.safe, true);
  assert.equal(finding?.fix?.title, 'Remove 10.0.0.77 from myregistry (no endpoint serves it)');
  assert.equal(
    describeWrite(finding!.fix!.writes[0]!),
    'Remove 10.0.0.77 from myregistry in privatelink.azurecr.io (no endpoint serves it), keeping 10.0.0.9, only if unchanged since read',
  );
});

void test('a replacement reads as a removal and an addition, never "replace … by ,"', () => {
  const t = healthyTopology();
  t.registryRecord.ipv4Addresses = ['10.0.0.99'];
  const fix = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch')?.fix;
  assert.equal(fix?.title, 'Remove 10.0.0.99 from myregistry (no endpoint serves it) and add 10.0.0.7');
  const line = describeWrite(fix!.writes[0]!);
  assert.equal(line, 'Remove 10.0.0.99 from myregistry in privatelink.azurecr.io (no endpoint serves it) and add 10.0.0.7, only if unchanged since read');
  assert.doesNotMatch(line, /by ,/);
});

void test('an IP another endpoint of the registry serves is never removed, even from a record that also holds a dead IP', () => {
  const t = twoEndpointsInOneVnet();
  t.rest.ipv4Addresses = ['10.0.0.5', '10.0.0.9', '10.0.0.77'];
  const removed = fixPlansForRegistry(t.snapshot, t.registry.id).flatMap((p) => p.writes).flatMap((w) => (w.kind === 'replaceInARecordSet' ? w.removedIpv4Addresses : []));
  assert.deepEqual(removed, ['10.0.0.77']);
});

void test('a connection whose endpoint cannot be read makes every removal unsafe: its IP could be the one in the record', () => {
  const t = healthyTopology();
  t.registryRecord.ipv4Addresses = ['10.0.0.7', '10.0.0.99'];
  t.registry.privateEndpointConnections.push({
    id: `${t.registry.id}/privateEndpointConnections/other`,
    name: 'other',
    registryId: t.registry.id,
    privateEndpointId: '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/elsewhere',
    status: 'Approved',
  });
  const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.record.ipMismatch');
  assert.equal(finding?.fix?.safe, false);
  assert.ok(!fixPlansForRegistry(t.snapshot, t.registry.id).some((p) => p.writes.some((w) => w.kind === 'replaceInARecordSet')));
});

void test('a record holding only a peered VNet\'s endpoint says clients get an IP outside their VNet, and the fix adds theirs', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet1 = b.vnet('vnet1');
  const vnet2 = b.vnet('vnet2', '10.2.0.0/16');
  peer(vnet1, vnet2);
  b.endpoint('pe1', registry, vnet1, { registry: '10.1.0.4', registry_data_westeurope: '10.1.0.5' });
  b.endpoint('pe2', registry, vnet1, { registry: '10.1.0.6', registry_data_westeurope: '10.1.0.7' });
  b.endpoint('pe3', registry, vnet2, { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5' });
  const zone = b.zone();
  b.link(zone, vnet1);
  b.link(zone, vnet2);
  b.record(zone, 'myregistry', ['10.2.0.4']);
  b.record(zone, 'myregistry.westeurope.data', ['10.2.0.5']);
  const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === 'dns.record.sharedOverwrite' && f.subject === 'myregistry.azurecr.io');
  assert.equal(finding?.severity, 'error');
  assert.match(finding!.message, /pe3/);
  assert.match(finding!.message, /clients in vnet1 get an IP outside their VNet/);
  const write = finding?.fix?.writes[0];
  assert.equal(write?.kind, 'addToARecordSet');
  if (write?.kind === 'addToARecordSet') assert.deepEqual(write.addedIpv4Addresses, ['10.1.0.4', '10.1.0.6']);
  const rows = fqdnTable(b.snapshot, registry.id).filter((r) => r.fqdn === 'myregistry.azurecr.io');
  assert.deepEqual(rows.map((r) => `${r.privateEndpointId?.split('/').pop()}:${r.verdict}`).sort(), ['pe1:wrongIp', 'pe2:wrongIp', 'pe3:ok']);
});
