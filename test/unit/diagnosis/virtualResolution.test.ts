import { test } from 'node:test';
import assert from 'node:assert/strict';
import { virtualResolution } from '../../../src/diagnosis';
import { SnapshotBuilder, healthyTopology, seedTopology } from './builder';

void test('inside the linked VNet the registry resolves through the privatelink CNAME to the private IP', () => {
  const { snapshot, vnet, zone, registryRecord } = healthyTopology();
  const answer = virtualResolution(snapshot, vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'private');
  assert.deepEqual(answer.chain, ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io']);
  assert.deepEqual(answer.addresses, ['10.0.0.7']);
  assert.equal(answer.zoneId, zone.id);
  assert.equal(answer.recordSetId, registryRecord.id);
});

void test('a missing data record in the linked zone is NXDOMAIN, not the public IP', () => {
  const { snapshot, vnet } = seedTopology();
  const answer = virtualResolution(snapshot, vnet.id, 'myregistry.eastus.data.azurecr.io.');
  assert.equal(answer.status, 'nxdomain');
  assert.deepEqual(answer.chain, ['myregistry.eastus.data.azurecr.io', 'myregistry.eastus.data.privatelink.azurecr.io']);
});

void test('a VNet without a linked zone gets the public answer', () => {
  const t = healthyTopology();
  const other = t.b.vnet('otherVNet', '10.9.0.0/16');
  assert.equal(virtualResolution(t.snapshot, other.id, 'myregistry.azurecr.io').status, 'public');
});

void test('a zone named azurecr.io linked to the VNet answers before the CNAME is followed', () => {
  const b = new SnapshotBuilder();
  const vnet = b.vnet('myVNet');
  const wrong = b.zone('azurecr.io');
  b.link(wrong, vnet);
  const answer = virtualResolution(b.snapshot, vnet.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'nxdomain');
  assert.deepEqual(answer.chain, ['myregistry.azurecr.io']);
  assert.equal(answer.zoneName, 'azurecr.io');
});

void test('when DNS resources could not be read, an uncovered name is unknown rather than public', () => {
  const t = healthyTopology();
  const other = t.b.vnet('otherVNet', '10.9.0.0/16');
  t.snapshot.errors.push({ scope: '/subscriptions/00000000-0000-0000-0000-0000000000dd', read: 'virtualNetworkLinks', what: 'virtual network links', message: 'Forbidden' });
  const answer = virtualResolution(t.snapshot, other.id, 'myregistry.azurecr.io');
  assert.equal(answer.status, 'unknown');
  assert.match(answer.note ?? '', /Forbidden/);
});
