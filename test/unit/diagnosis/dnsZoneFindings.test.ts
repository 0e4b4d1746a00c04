import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../src/diagnosis';
import { SnapshotBuilder, seedTopology } from './builder';

function endpointWithoutLink() {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet = b.vnet('myVNet');
  b.endpoint('myPrivateEndpoint', registry, vnet, { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' });
  return { b, registry, vnet };
}

void test('a zone that exists but is not linked to the endpoint VNet: the fix links it and writes the records it lacks', () => {
  const { b, registry, vnet } = endpointWithoutLink();
  const zone = b.zone();
  const rest = b.record(zone, 'myregistry', ['10.0.0.7']);
  const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === 'dns.zone.notLinked');
  assert.equal(finding?.subject, zone.id);
  assert.equal(finding?.severity, 'error');
  assert.match(finding!.message, /link the zone to myVNet/);
  assert.deepEqual(finding?.fix?.writes, [
    { kind: 'createVirtualNetworkLink', privateDnsZoneId: zone.id, linkName: 'myVNet-link', virtualNetworkId: vnet.id, ifNoneMatch: '*' },
    { kind: 'createARecordSet', privateDnsZoneId: zone.id, recordSetName: 'myregistry.westeurope.data', ttl: 10, ipv4Addresses: ['10.0.0.6'], ifNoneMatch: '*' },
  ]);
  assert.ok(!diagnose(b.snapshot, registry.id).some((f) => f.id === 'dns.record.orphaned'), `${rest.name} is served by the endpoint`);
});

void test('no zone at all: the fix creates privatelink.azurecr.io next to the endpoint, links it and writes every record', () => {
  const { b, registry, vnet } = endpointWithoutLink();
  const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === 'dns.zone.missing');
  assert.equal(finding?.subject, vnet.id);
  const writes = finding?.fix?.writes ?? [];
  assert.deepEqual(writes[0], { kind: 'createPrivateDnsZone', subscriptionId: b.snapshot.registries[0]!.subscriptionId, resourceGroup: 'myResourceGroup', zoneName: 'privatelink.azurecr.io', ifNoneMatch: '*' });
  assert.equal(writes[1]?.kind, 'createVirtualNetworkLink');
  assert.deepEqual(
    writes.slice(2).map((w) => (w.kind === 'createARecordSet' ? `${w.recordSetName}=${w.ipv4Addresses.join()}` : w.kind)).sort(),
    ['myregistry.westeurope.data=10.0.0.6', 'myregistry=10.0.0.7'],
  );
});

void test('a zone in a subscription the user cannot read is reported as unreadable, not missing', () => {
  const { b, registry } = endpointWithoutLink();
  b.snapshot.errors.push({ scope: '/subscriptions/00000000-0000-0000-0000-0000000000dd', read: 'privateDnsZones', what: 'private DNS zones', status: 403, code: 'AuthorizationFailed', message: 'The client does not have authorization' });
  const findings = diagnose(b.snapshot, registry.id);
  assert.ok(!findings.some((f) => f.id === 'dns.zone.missing'));
  const unreadable = findings.find((f) => f.id === 'dns.zone.unreadable');
  assert.equal(unreadable?.severity, 'warning');
  assert.match(unreadable!.message, /could not be read/);
  assert.equal(unreadable?.fix, undefined);
});

void test('a zone group pointing at a zone we cannot see makes the zone unreadable too', () => {
  const { b, registry } = endpointWithoutLink();
  const hiddenZone = '/subscriptions/00000000-0000-0000-0000-0000000000dd/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
  b.snapshot.privateDnsZoneGroups.push({
    id: `${b.snapshot.privateEndpoints[0]!.id}/privateDnsZoneGroups/default`,
    name: 'default',
    privateEndpointId: b.snapshot.privateEndpoints[0]!.id,
    privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: hiddenZone, recordSets: [] }],
  });
  const unreadable = diagnose(b.snapshot, registry.id).find((f) => f.id === 'dns.zone.unreadable');
  assert.equal(unreadable?.subject, hiddenZone);
});

void test('wrongly named zones linked to the endpoint VNet are errors, whatever the variant', () => {
  for (const name of ['azurecr.io', 'privatelink.westeurope.azurecr.io', 'myregistry.azurecr.io']) {
    const t = seedTopology();
    const wrong = t.b.zone(name);
    t.b.link(wrong, t.vnet);
    t.b.record(wrong, name === 'myregistry.azurecr.io' ? '@' : 'myregistry', ['10.0.0.7']);
    const finding = diagnose(t.snapshot, t.registry.id).find((f) => f.id === 'dns.zone.wrongName');
    assert.equal(finding?.subject, wrong.id, name);
    assert.equal(finding?.severity, 'error', name);
    assert.equal(finding?.expected, 'privatelink.azurecr.io');
  }
});

void test('an unrelated zone name is not reported', () => {
  const t = seedTopology();
  const other = t.b.zone('privatelink.blob.core.windows.net');
  t.b.link(other, t.vnet);
  assert.ok(!diagnose(t.snapshot, t.registry.id).some((f) => f.id === 'dns.zone.wrongName'));
});
