import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedRecords } from '../../../src/diagnosis';
import { SnapshotBuilder, seedTopology } from './builder';

void test('a registry with a replica needs the REST record and one data record per region, each with the NIC IP for its member', () => {
  const { snapshot, registry, vnet } = seedTopology();
  const records = expectedRecords(snapshot, registry.id);
  assert.deepEqual(
    records.map((r) => [r.recordSetName, r.fqdn, r.requiredMemberName, r.privateIPAddress]).sort(),
    [
      ['myregistry', 'myregistry.azurecr.io', 'registry', '10.0.0.7'],
      ['myregistry.eastus.data', 'myregistry.eastus.data.azurecr.io', 'registry_data_eastus', '10.0.0.8'],
      ['myregistry.westeurope.data', 'myregistry.westeurope.data.azurecr.io', 'registry_data_westeurope', '10.0.0.6'],
    ],
  );
  assert.ok(records.every((r) => r.virtualNetworkId === vnet.id && r.zoneName === 'privatelink.azurecr.io'));
  assert.equal(records.find((r) => r.region === 'eastus')?.privatelinkFqdn, 'myregistry.eastus.data.privatelink.azurecr.io');
});

void test('a replica the NIC does not serve yet is still expected, without an IP', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  b.replica(registry, 'eastus');
  b.endpoint('pe', registry, b.vnet('myVNet'), { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' });
  const eastus = expectedRecords(b.snapshot, registry.id).find((r) => r.requiredMemberName === 'registry_data_eastus');
  assert.ok(eastus);
  assert.equal(eastus.privateIPAddress, undefined);
});

void test('each VNet with an endpoint expects its own records with its own IPs', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  b.endpoint('pe1', registry, b.vnet('vnet1'), { registry: '10.1.0.4', registry_data_westeurope: '10.1.0.5' });
  b.endpoint('pe2', registry, b.vnet('vnet2', '10.2.0.0/16'), { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5' });
  const rest = expectedRecords(b.snapshot, registry.id).filter((r) => r.recordSetName === 'myregistry');
  assert.deepEqual(rest.map((r) => r.privateIPAddress).sort(), ['10.1.0.4', '10.2.0.4']);
});

void test('a rejected endpoint carries no traffic, so no record is expected for it', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  b.endpoint('pe', registry, b.vnet('myVNet'), { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' }, 'Rejected');
  assert.deepEqual(expectedRecords(b.snapshot, registry.id), []);
});

void test('when the NIC is unreadable the endpoint customDnsConfigs still give the IPs', () => {
  const { snapshot, registry } = seedTopology();
  snapshot.networkInterfaces = [];
  const eastus = expectedRecords(snapshot, registry.id).find((r) => r.requiredMemberName === 'registry_data_eastus');
  assert.equal(eastus?.privateIPAddress, '10.0.0.8');
});
