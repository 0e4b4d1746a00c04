import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parentId, parseResourceId, resourceName, sameId, subscriptionOf } from '../../src/model/armId';

const recordId =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io/A/myregistry';

void test('a record set id parses into its subscription, group and type/name pairs', () => {
  const parsed = parseResourceId(recordId);
  assert.equal(parsed.subscriptionId, '00000000-0000-0000-0000-000000000001');
  assert.equal(parsed.resourceGroup, 'myResourceGroup');
  assert.equal(parsed.provider, 'Microsoft.Network');
  assert.deepEqual(parsed.types, [
    ['privateDnsZones', 'privatelink.azurecr.io'],
    ['A', 'myregistry'],
  ]);
  assert.equal(resourceName(recordId), 'myregistry');
});

void test('the parent of a record set is its zone; a top-level resource has none', () => {
  const zoneId = parentId(recordId);
  assert.ok(zoneId?.endsWith('/privateDnsZones/privatelink.azurecr.io'));
  assert.equal(parentId(zoneId!), undefined);
});

void test('ids compare case-insensitively, as Azure does', () => {
  assert.ok(sameId(recordId, recordId.toUpperCase()));
  assert.ok(!sameId(recordId, undefined));
});

void test('a string that is not a resource id is refused', () => {
  assert.throws(() => parseResourceId('/resourceGroups/x'), /Not an Azure resource id/);
});

void test('a name, a subscription and a comparison read the id as its segments, whatever the slashes and the case', () => {
  assert.equal(resourceName(`${recordId}/`), 'myregistry');
  assert.equal(resourceName('myregistry'), 'myregistry');
  assert.equal(resourceName(''), '');
  assert.equal(subscriptionOf('//Subscriptions//abc/resourceGroups/x'), 'abc');
  assert.equal(subscriptionOf('/subscriptions/abc'), 'abc');
  assert.throws(() => subscriptionOf('/subscriptions/'), /Not an Azure resource id/);
  assert.throws(() => subscriptionOf('/resourceGroups/x'), /Not an Azure resource id/);
  assert.ok(sameId('/subscriptions/A/x', '/SUBSCRIPTIONS/a/X'));
  assert.ok(!sameId('/subscriptions/a/x', '/subscriptions/a/xy'));
  assert.ok(!sameId(undefined, undefined));
  // Only letters fold: characters 32 apart that are not letters stay different.
  assert.ok(!sameId('/subscriptions/a/[', '/subscriptions/a/{'));
  assert.ok(!sameId('/subscriptions/a/@', '/subscriptions/a/`'));
  assert.ok(!sameId('/subscriptions/a/x', '/subscriptions/a/y'));
  // Beyond ASCII, as lower-casing compares.
  assert.ok(sameId('/subscriptions/a/Ärzte', '/subscriptions/a/ärzte'));
  assert.ok(!sameId('/subscriptions/a/Ärzte', '/subscriptions/a/örzte'));
});
