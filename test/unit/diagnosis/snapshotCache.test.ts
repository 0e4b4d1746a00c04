// What the engine works out once per snapshot (the index, each registry's context, the VNets'
// answers) must stay each registry's own when several share one snapshot, must not leak into the
// snapshot as data, and must not follow a copy of the snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectivityBasis, connectivityHosts, diagnose, fqdnTable } from '../../../src/diagnosis';
import type { Snapshot } from '../../../src/model/types';
import { SnapshotBuilder } from './builder';

/** Two registries with endpoints in one VNet, one zone linked to it, each with its records. */
function twoRegistries() {
  const b = new SnapshotBuilder();
  const alpha = b.registry('alpha');
  const beta = b.registry('beta');
  b.replica(beta, 'eastus');
  const vnet = b.vnet('sharedVNet');
  b.endpoint('alphaEndpoint', alpha, vnet, { registry: '10.0.0.4', registry_data_westeurope: '10.0.0.5' });
  b.endpoint('betaEndpoint', beta, vnet, { registry: '10.0.0.6', registry_data_westeurope: '10.0.0.7', registry_data_eastus: '10.0.0.8' });
  const zone = b.zone();
  b.link(zone, vnet);
  b.record(zone, 'alpha', ['10.0.0.4']);
  b.record(zone, 'alpha.westeurope.data', ['10.0.0.5']);
  b.record(zone, 'beta', ['10.0.0.6']);
  b.record(zone, 'beta.westeurope.data', ['10.0.0.9']); // a dead IP: beta's data endpoint is wrong
  return { snapshot: b.snapshot, alpha, beta };
}

function checkOf(snapshot: Snapshot, registryId: string) {
  const findings = diagnose(snapshot, registryId);
  return {
    findings: findings.map((f) => `${f.key} ${f.message}`),
    rows: fqdnTable(snapshot, registryId, undefined, findings).map((r) => `${r.fqdn} ${r.expectedIp ?? ''} ${r.verdict}`),
    hosts: connectivityHosts(snapshot, registryId).map((h) => h.host),
    basis: connectivityBasis(snapshot, registryId),
  };
}

void test('two registries checked on one snapshot each get their own rows, hosts and basis, as when checked alone', () => {
  const { snapshot, alpha, beta } = twoRegistries();
  const alphaShared = checkOf(snapshot, alpha.id);
  const betaShared = checkOf(snapshot, beta.id);

  assert.deepEqual(alphaShared.rows, ['alpha.azurecr.io 10.0.0.4 ok', 'alpha.westeurope.data.azurecr.io 10.0.0.5 ok']);
  assert.deepEqual(betaShared.rows, ['beta.azurecr.io 10.0.0.6 ok', 'beta.westeurope.data.azurecr.io 10.0.0.7 wrongIp', 'beta.eastus.data.azurecr.io 10.0.0.8 missing']);
  assert.deepEqual(alphaShared.hosts, ['alpha.azurecr.io', 'alpha.westeurope.data.azurecr.io']);
  assert.deepEqual(betaShared.hosts, ['beta.azurecr.io', 'beta.eastus.data.azurecr.io', 'beta.westeurope.data.azurecr.io']);
  assert.ok(!JSON.stringify(alphaShared.basis).includes('beta'), 'alpha’s basis names nothing of beta');
  assert.ok(!alphaShared.findings.some((f) => f.includes('beta')), 'alpha’s findings name nothing of beta');
  assert.ok(betaShared.findings.some((f) => f.startsWith('dns.record.ipmismatch|beta.westeurope.data.azurecr.io')));

  // Each checked first, on a snapshot of its own: the same answers.
  assert.deepEqual(checkOf(twoRegistries().snapshot, beta.id), betaShared);
  assert.deepEqual(checkOf(twoRegistries().snapshot, alpha.id), alphaShared);
});

void test('what a check works out is not part of the snapshot, and a copy of the snapshot is checked anew', () => {
  const { snapshot, beta } = twoRegistries();
  const before = JSON.stringify(snapshot);
  const keys = Reflect.ownKeys(snapshot).filter((k) => Object.prototype.propertyIsEnumerable.call(snapshot, k));
  checkOf(snapshot, beta.id);

  assert.equal(JSON.stringify(snapshot), before);
  assert.deepEqual(Reflect.ownKeys(snapshot).filter((k) => Object.prototype.propertyIsEnumerable.call(snapshot, k)), keys);
  assert.deepStrictEqual(snapshot, structuredClone(snapshot));

  // A copy whose record was fixed: its own verdict, and the original keeps its own.
  const copy: Snapshot = { ...snapshot, aRecordSets: snapshot.aRecordSets.map((r) => (r.name === 'beta.westeurope.data' ? { ...r, ipv4Addresses: ['10.0.0.7'] } : r)) };
  assert.ok(checkOf(copy, beta.id).rows.includes('beta.westeurope.data.azurecr.io 10.0.0.7 ok'));
  assert.ok(checkOf(snapshot, beta.id).rows.includes('beta.westeurope.data.azurecr.io 10.0.0.7 wrongIp'));
});

void test('the connectivity basis names the subnet of each endpoint with its network policies', () => {
  const disabled = twoRegistries();
  const enabled = twoRegistries();
  const subnet = enabled.snapshot.virtualNetworks[0]!.subnets[0]!;
  subnet.privateEndpointNetworkPolicies = 'Enabled';
  const subnetOf = (snapshot: Snapshot, registryId: string): string | undefined => connectivityBasis(snapshot, registryId).parts[`endpoint:${snapshot.privateEndpoints[0]!.id.toLowerCase()}`];
  assert.equal(subnetOf(disabled.snapshot, disabled.alpha.id), `${subnet.id.toLowerCase()} Disabled`);
  assert.equal(subnetOf(enabled.snapshot, enabled.alpha.id), `${subnet.id.toLowerCase()} Enabled`);
});
