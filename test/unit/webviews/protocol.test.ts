import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePersistedState, parseWebviewMessage } from '../../../src/webviews/protocol';

const connectionId =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myregistry/privateEndpointConnections/myPrivateEndpoint-1234';

void test('every message the panel sends is accepted as it was sent', () => {
  const messages = [
    { type: 'ready' },
    { type: 'rerun' },
    { type: 'fix', findingKey: 'dns.record.missing|myregistry.eastus.data.azurecr.io' },
    { type: 'fixAll' },
    { type: 'checkConnectivity' },
    { type: 'approve', connectionId, description: '' },
    { type: 'approve', connectionId, description: 'Approved by the platform team' },
    { type: 'reject', connectionId, description: 'Not one of our VNets' },
    { type: 'exportReport', format: 'markdown' },
    { type: 'exportReport', format: 'json' },
    { type: 'copy', text: 'myregistry.azurecr.io\nmyregistry.eastus.data.azurecr.io' },
  ];
  for (const m of messages) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
});

void test('anything that is not an object with a known type is refused', () => {
  for (const data of [undefined, null, 'ready', 42, [], [{ type: 'ready' }], {}, { type: 7 }, { type: 'deleteEverything' }, { type: 'READY' }]) {
    assert.equal(parseWebviewMessage(data), undefined, JSON.stringify(data));
  }
});

void test('a known type with fields of the wrong type, missing or extra is refused', () => {
  const bad = [
    { type: 'fix' },
    { type: 'fix', findingKey: 12 },
    { type: 'fix', findingKey: '' },
    { type: 'approve', connectionId },
    { type: 'approve', connectionId: 5, description: 'ok' },
    { type: 'approve', connectionId: '', description: 'ok' },
    { type: 'exportReport', format: 'html' },
    { type: 'exportReport' },
    { type: 'copy', text: '' },
    { type: 'checkConnectivity', host: '10.0.0.7' },
    { type: 'copy', text: ['a'] },
    { type: 'rerun', force: true },
    { type: 'fix', findingKey: 'k', plan: { writes: [] } },
  ];
  for (const data of bad) assert.equal(parseWebviewMessage(data), undefined, JSON.stringify(data));
});

void test('rejecting a connection needs a description the endpoint owner can read', () => {
  assert.equal(parseWebviewMessage({ type: 'reject', connectionId, description: '' }), undefined);
  assert.equal(parseWebviewMessage({ type: 'reject', connectionId, description: '   ' }), undefined);
  assert.equal(parseWebviewMessage({ type: 'reject', connectionId }), undefined);
});

void test('oversized strings are refused rather than passed on to Azure or the clipboard', () => {
  assert.equal(parseWebviewMessage({ type: 'copy', text: 'x'.repeat(64 * 1024 + 1) }), undefined);
  assert.equal(parseWebviewMessage({ type: 'fix', findingKey: 'k'.repeat(5000) }), undefined);
});

void test('a stored panel state is revived only with a registry resource id and name', () => {
  const registryId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myregistry';
  assert.deepEqual(parsePersistedState({ registryId, registryName: 'myregistry', drafts: {}, last: { anything: true } }), { registryId, registryName: 'myregistry' });
  for (const data of [undefined, null, 'myregistry', {}, { registryId }, { registryId: 'myregistry', registryName: 'myregistry' }, { registryId, registryName: 3 }]) {
    assert.equal(parsePersistedState(data), undefined, JSON.stringify(data));
  }
});

void test('a re-run may name a DNS server for that check, and only an address with an optional port', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'rerun' }), { type: 'rerun' });
  assert.deepEqual(parseWebviewMessage({ type: 'rerun', dnsServer: ' 10.0.0.4:53 ' }), { type: 'rerun', dnsServer: '10.0.0.4:53' });
  assert.deepEqual(parseWebviewMessage({ type: 'rerun', dnsServer: '[fd00::1]:5353' }), { type: 'rerun', dnsServer: '[fd00::1]:5353' });
  for (const bad of ['', 'dns.example.com; rm -rf /', '10.0.0.4:53:53', 42]) {
    assert.equal(parseWebviewMessage({ type: 'rerun', dnsServer: bad }), undefined, String(bad));
  }
});
