import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parentId, parseResourceId, resourceGroupOf, resourceName, sameId, subscriptionOf } from '../../src/model/armId';

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

void test('parentId and resourceGroupOf read ids as Azure writes them and as users type them', () => {
  const nicConfig = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic/ipConfigurations/ip1';
  assert.equal(parentId(nicConfig), '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic');
  // Extra or trailing slashes and other casing give the same parent, written with single slashes.
  assert.equal(parentId('//subscriptions/s/resourceGroups/rg//PROVIDERS/Microsoft.Network/networkInterfaces/nic/ipConfigurations/ip1/'), '/subscriptions/s/resourceGroups/rg/PROVIDERS/Microsoft.Network/networkInterfaces/nic');
  assert.equal(parentId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a'), '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v');
  // Top-level resources, groups and subscriptions have no parent resource.
  assert.equal(parentId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'), undefined);
  assert.equal(parentId('/subscriptions/s/resourceGroups/rg'), undefined);
  assert.equal(parentId('/subscriptions/s'), undefined);
  // A name that contains "providers" is not the providers segment.
  assert.equal(parentId('/subscriptions/s/resourceGroups/providers-rg/providers/Microsoft.Network/privateDnsZones/z/A/providers'), '/subscriptions/s/resourceGroups/providers-rg/providers/Microsoft.Network/privateDnsZones/z');

  assert.equal(resourceGroupOf(nicConfig), 'rg');
  assert.equal(resourceGroupOf('//Subscriptions/s//ResourceGroups/My-RG/providers/x/y/z'), 'My-RG');
  assert.equal(resourceGroupOf('/subscriptions/s'), '');
  assert.equal(resourceGroupOf('/subscriptions/s/providers/Microsoft.Network/dnszones/z'), '');
});
