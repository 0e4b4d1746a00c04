// What a connectivity result rests on, and how it compares with the registry as read later: the
// network security group and route table of the endpoint's subnet count where its network policies
// let them apply to the endpoint, and a part that could not be read makes the comparison "cannot
// tell", never "the same".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectivityBasis } from '../../../src/diagnosis';
import { compareBasis } from '../../../src/model/connectivityBasis';
import type { NetworkSecurityGroup, RouteTable, SecurityRule, Snapshot } from '../../../src/model/types';
import { SnapshotBuilder } from './builder';

const allowHttps: SecurityRule = { name: 'AllowHttps', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefixes: ['VirtualNetwork'], destinationAddressPrefixes: ['10.0.0.4'], destinationPortRanges: ['443'] };

/** myregistry's endpoint in myVNet/mySubnet, with a group and a route table on the subnet. */
function world(policies: string) {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry');
  const vnet = b.vnet('myVNet');
  b.endpoint('myPrivateEndpoint', registry, vnet, { registry: '10.0.0.4', registry_data_westeurope: '10.0.0.5' });
  const zone = b.zone();
  b.link(zone, vnet);
  b.record(zone, 'myregistry', ['10.0.0.4']);
  const subnet = vnet.subnets[0]!;
  const nsg: NetworkSecurityGroup = { id: vnet.id.replace(/virtualNetworks\/.*/, 'networkSecurityGroups/mySubnet-nsg'), name: 'mySubnet-nsg', securityRules: [allowHttps] };
  const table: RouteTable = { id: vnet.id.replace(/virtualNetworks\/.*/, 'routeTables/mySubnet-routes'), name: 'mySubnet-routes', routes: [{ name: 'toFirewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.9.4' }] };
  subnet.privateEndpointNetworkPolicies = policies;
  subnet.networkSecurityGroupId = nsg.id;
  subnet.routeTableId = table.id;
  b.snapshot.networkSecurityGroups = [nsg];
  b.snapshot.routeTables = [table];
  return { snapshot: b.snapshot, registry, nsg, table };
}

/** The comparison of a world's basis with the same world after `change`. */
function afterChange(policies: string, change: (w: ReturnType<typeof world>) => void) {
  const before = world(policies);
  const after = world(policies);
  change(after);
  return compareBasis(connectivityBasis(before.snapshot, before.registry.id), connectivityBasis(after.snapshot, after.registry.id));
}

void test('a rule of the endpoint subnet\'s group that takes TCP 443 to the endpoint is part of the basis while the policies let the group apply', () => {
  const denied = (w: ReturnType<typeof world>): void => void (w.nsg.securityRules = [{ ...allowHttps, access: 'Deny' }]);
  assert.deepEqual(afterChange('Enabled', denied), { state: 'changed', parts: [`endpoint:${world('Enabled').snapshot.privateEndpoints[0]!.id.toLowerCase()}`] });
  assert.equal(afterChange('NetworkSecurityGroupEnabled', denied).state, 'changed');
  // The group does not filter the endpoint's traffic: changing it changes nothing the check measured.
  assert.equal(afterChange('Disabled', denied).state, 'same');
  assert.equal(afterChange('RouteTableEnabled', denied).state, 'same');
  // Rules for another port or for other addresses do not decide whether the endpoint is reached on 443.
  assert.equal(afterChange('Enabled', (w) => void w.nsg.securityRules.push({ ...allowHttps, name: 'DenySsh', priority: 90, access: 'Deny', destinationPortRanges: ['22'] })).state, 'same');
  assert.equal(afterChange('Enabled', (w) => void w.nsg.securityRules.push({ ...allowHttps, name: 'DenyOther', priority: 90, access: 'Deny', destinationAddressPrefixes: ['10.0.7.0/24'] })).state, 'same');
  assert.equal(afterChange('Enabled', (w) => void w.nsg.securityRules.push({ ...allowHttps, name: 'DenyAll', priority: 90, access: 'Deny', protocol: '*', destinationAddressPrefixes: ['*'], destinationPortRanges: ['*'] })).state, 'changed');
  // A rule whose destination is an application security group (no prefix: the groups are not read) may take in the endpoint.
  assert.equal(afterChange('Enabled', (w) => void w.nsg.securityRules.push({ ...allowHttps, name: 'DenyToAsg', priority: 90, access: 'Deny', destinationAddressPrefixes: [] })).state, 'changed');
});

void test('the routes of the endpoint subnet\'s route table are part of the basis while the policies let user-defined routes apply', () => {
  const toInternet = (w: ReturnType<typeof world>): void => void (w.table.routes = [{ name: 'toFirewall', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }]);
  assert.equal(afterChange('Enabled', toInternet).state, 'changed');
  assert.equal(afterChange('RouteTableEnabled', toInternet).state, 'changed');
  assert.equal(afterChange('RouteTableEnabled', (w) => void (w.table.disableBgpRoutePropagation = true)).state, 'changed');
  assert.equal(afterChange('NetworkSecurityGroupEnabled', toInternet).state, 'same');
  assert.equal(afterChange('Disabled', toInternet).state, 'same');
  // Another table on the subnet, or none, or other policies: the subnet changed.
  assert.equal(afterChange('Enabled', (w) => void (w.snapshot.virtualNetworks[0]!.subnets[0]!.routeTableId = undefined)).state, 'changed');
  assert.equal(afterChange('Disabled', (w) => void (w.snapshot.virtualNetworks[0]!.subnets[0]!.privateEndpointNetworkPolicies = 'RouteTableEnabled')).state, 'changed');
});

void test('a group or route table that could not be read: whether the registry changed cannot be told, then or now, and a change read both times still counts', () => {
  const unreadable = (w: { snapshot: Snapshot }, read: 'networkSecurityGroup' | 'routeTable', scope: string): void => {
    if (read === 'networkSecurityGroup') w.snapshot.networkSecurityGroups = [];
    else w.snapshot.routeTables = [];
    w.snapshot.errors.push({ scope, read, what: read === 'routeTable' ? 'route table' : 'network security group', status: 403, code: 'AuthorizationFailed', message: 'No access.' });
  };
  const nsgUnread = afterChange('Enabled', (w) => unreadable(w, 'networkSecurityGroup', w.nsg.id));
  assert.deepEqual(nsgUnread, { state: 'unknown', unread: ['network security group mySubnet-nsg could not be read (403 AuthorizationFailed)'] });
  const tableUnread = afterChange('Enabled', (w) => unreadable(w, 'routeTable', w.table.id));
  assert.deepEqual(tableUnread, { state: 'unknown', unread: ['route table mySubnet-routes could not be read (403 AuthorizationFailed)'] });

  // Unread when checked, readable now: no more known than the other way round.
  const then = world('Enabled');
  unreadable(then, 'networkSecurityGroup', then.nsg.id);
  const now = world('Enabled');
  assert.equal(compareBasis(connectivityBasis(then.snapshot, then.registry.id), connectivityBasis(now.snapshot, now.registry.id)).state, 'unknown');

  // Not read, with no error (a reader that cannot read groups): said so, not taken as "no group".
  const silent = world('Enabled');
  silent.snapshot.networkSecurityGroups = [];
  assert.deepEqual(Object.values(connectivityBasis(silent.snapshot, silent.registry.id).unread), ['network security group mySubnet-nsg was not read']);

  // A change read both times outweighs what could not be read.
  const changedToo = world('Enabled');
  unreadable(changedToo, 'networkSecurityGroup', changedToo.nsg.id);
  changedToo.registry.publicNetworkAccess = 'Disabled';
  assert.deepEqual(compareBasis(connectivityBasis(world('Enabled').snapshot, changedToo.registry.id), connectivityBasis(changedToo.snapshot, changedToo.registry.id)), { state: 'changed', parts: ['publicNetworkAccess'] });
});

void test('public network access Resource Graph left out is not known, so a result cannot be told current', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry', { publicNetworkAccess: undefined });
  const basis = connectivityBasis(b.snapshot, registry.id);
  assert.deepEqual(basis.unread, { publicNetworkAccess: 'the public network access of registry myregistry is not known' });
  assert.equal(compareBasis(basis, basis).state, 'unknown');
});
