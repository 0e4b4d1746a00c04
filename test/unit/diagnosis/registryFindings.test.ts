import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixPlansForRegistry } from '../../../src/diagnosis';
import { SnapshotBuilder, healthyTopology, subscriptionId } from './builder';

void test('after adding a replica the connection went back to Pending: reported, and approving is offered but never applied by Fix all', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  b.replica(registry, 'eastus');
  const vnet = b.vnet('myVNet');
  const pe = b.endpoint('myPrivateEndpoint', registry, vnet, { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' }, 'Pending');
  const zone = b.zone();
  b.link(zone, vnet);
  b.record(zone, 'myregistry', ['10.0.0.7']);
  b.record(zone, 'myregistry.westeurope.data', ['10.0.0.6']);

  const findings = diagnose(b.snapshot, registry.id);
  const pending = findings.find((f) => f.id === 'connection.pending');
  assert.equal(pending?.subject, pe.id);
  assert.equal(pending?.severity, 'error');
  assert.deepEqual(pending?.fix?.writes, [
    { kind: 'setConnectionState', connectionId: registry.privateEndpointConnections[0]!.id, status: 'Approved', description: 'Approved' },
  ]);
  assert.equal(pending?.fix?.safe, false);
  // the NIC does not serve eastus yet: no record can be written, and the user is told why
  const member = findings.find((f) => f.id === 'endpoint.memberMissing');
  assert.match(member!.message, /registry_data_eastus/);
  assert.ok(!findings.some((f) => f.id === 'dns.record.missing'));
  assert.deepEqual(fixPlansForRegistry(b.snapshot, registry.id), []);
});

void test('rejected and disconnected connections are errors without an automatic fix', () => {
  for (const status of ['Rejected', 'Disconnected'] as const) {
    const b = new SnapshotBuilder();
    const registry = b.registry('myregistry');
    b.endpoint('pe', registry, b.vnet('myVNet'), { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' }, status);
    const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === `connection.${status.toLowerCase()}`);
    assert.equal(finding?.severity, 'error', status);
    assert.equal(finding?.fix, undefined, status);
    assert.equal(finding?.actual, status);
  }
});

void test('a Standard registry cannot have private endpoints', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry', { sku: 'Standard' });
  const finding = diagnose(b.snapshot, registry.id).find((f) => f.id === 'registry.notPremium');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.actual, 'Standard');
});

void test('endpoint usage near the limit warns, at the limit it is an error', () => {
  const { snapshot, registry } = healthyTopology();
  snapshot.usages[registry.id] = [{ name: 'PrivateEndpointConnections', limit: 10, currentValue: 9, unit: 'Count' }];
  assert.equal(diagnose(snapshot, registry.id).find((f) => f.id === 'registry.endpointLimit')?.severity, 'warning');
  snapshot.usages[registry.id] = [{ name: 'PrivateEndpointConnections', limit: 10, currentValue: 10, unit: 'Count' }];
  assert.equal(diagnose(snapshot, registry.id).find((f) => f.id === 'registry.endpointLimit')?.severity, 'error');
  snapshot.usages[registry.id] = [{ name: 'PrivateEndpointConnections', limit: 200, currentValue: 3, unit: 'Count' }];
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.endpointLimit'));
});

void test('public network access still enabled is information only; disabled is silent', () => {
  const { snapshot, registry } = healthyTopology();
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.publicNetworkAccessEnabled');
  assert.equal(finding?.severity, 'info');
  // ACR Tasks need an agent pool in the VNet once public access is off; the bypass does not help them.
  assert.match(finding!.message, /ACR Tasks and az acr build then need a dedicated agent pool in the virtual network/);
  assert.doesNotMatch(finding!.message, /needs the trusted-services bypass/);
  registry.publicNetworkAccess = 'Disabled';
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.publicNetworkAccessEnabled'));
});

void test('public network access that Azure did not report raises no finding (unknown is not Enabled)', () => {
  const { snapshot, registry } = healthyTopology();
  delete registry.publicNetworkAccess;
  delete registry.networkRuleBypassOptions;
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.publicNetworkAccessEnabled'));
});

void test('Microsoft.ContainerRegistry not registered in the endpoint subscription is an error naming the command', () => {
  const { snapshot, registry } = healthyTopology();
  snapshot.providerRegistrationState[subscriptionId] = 'NotRegistered';
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'provider.notRegistered');
  assert.equal(finding?.subject, `/subscriptions/${subscriptionId}`);
  assert.match(finding!.message, /az provider register --namespace Microsoft\.ContainerRegistry/);
});

void test('clients are told to keep the registry login server, not the privatelink name', () => {
  const { snapshot, registry } = healthyTopology();
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'client.privatelinkNameUsed');
  assert.equal(finding?.severity, 'info');
  assert.match(finding!.message, /myregistry\.azurecr\.io.*myregistry\.privatelink\.azurecr\.io/);
});

void test('a registry that is not in the inventory is reported as unreadable, with the load error', () => {
  const { snapshot } = healthyTopology();
  const missingId = `/subscriptions/${subscriptionId}/resourceGroups/other/providers/Microsoft.ContainerRegistry/registries/nope`;
  snapshot.errors.push({ scope: `/subscriptions/${subscriptionId}/resourceGroups/other`, read: 'registries', what: 'registries', status: 403, message: 'AuthorizationFailed' });
  const [finding] = diagnose(snapshot, missingId);
  assert.equal(finding?.id, 'registry.unreadable');
  assert.match(finding!.message, /AuthorizationFailed/);
});
