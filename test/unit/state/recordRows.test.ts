import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fqdnTable, sortFindings } from '../../../src/diagnosis/index';
import { recordRows } from '../../../src/state/diagnoseRegistry';
import { SnapshotBuilder, peer, seedTopology } from '../diagnosis/builder';

function rowsOf(snapshot: SnapshotBuilder['snapshot'], registryId: string) {
  const findings = sortFindings(diagnose(snapshot, registryId));
  const registry = snapshot.registries.find((r) => r.id === registryId)!;
  return recordRows(registry, fqdnTable(snapshot, registryId, undefined, findings), findings, snapshot.aRecordSets);
}

void test('seed document: the tree lists three records of the zone, the eastus data record missing with its create fix', () => {
  const t = seedTopology();
  const rows = rowsOf(t.snapshot, t.registry.id);
  assert.deepEqual(
    rows.map((r) => [r.recordSetName, r.verdict]),
    [
      ['myregistry', 'ok'],
      ['myregistry.eastus.data', 'missing'],
      ['myregistry.westeurope.data', 'ok'],
    ],
  );
  const eastus = rows.find((r) => r.recordSetName === 'myregistry.eastus.data')!;
  assert.deepEqual(eastus.expectedIps, ['10.0.0.8']);
  assert.equal(eastus.recordSet, undefined);
  assert.equal(eastus.privateDnsZoneId, t.zone.id);
  assert.deepEqual(eastus.fix?.writes.map((w) => w.kind), ['createARecordSet']);
  assert.match(eastus.explanation, /eastus/);
});

void test('two peered VNets sharing one record set give one tree row with both expected IPs and the worst verdict', () => {
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
  b.record(zone, 'myregistry', ['10.2.0.4']);
  b.record(zone, 'myregistry.westeurope.data', ['10.1.0.5', '10.2.0.5']);

  const rows = rowsOf(b.snapshot, registry.id);
  const rest = rows.filter((r) => r.recordSetName === 'myregistry');
  assert.equal(rest.length, 1, 'one node per record set, not one per VNet');
  assert.deepEqual(rest[0]!.expectedIps.slice().sort(), ['10.1.0.4', '10.2.0.4']);
  assert.notEqual(rest[0]!.verdict, 'ok', 'vnet1 resolves the other VNet\'s IP');
  assert.ok(rest[0]!.fix, 'the row offers the fix that adds the missing IP');
});
