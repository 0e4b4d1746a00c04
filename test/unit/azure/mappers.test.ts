// Published example payloads go through the real SDK clients (fake transport) and the mappers, so
// both the SDKs' deserialization and our mapping are checked against Azure's documented shapes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArmClients } from '../../../src/azure/clients';
import { sdkArmReads } from '../../../src/azure/armReads';
import { flattenArmProperties } from '../../../src/azure/resourceGraph';
import { toRegistry } from '../../../src/azure/mappers';
import { FakeArm, TARGET, fakeCredential } from './fakeArm';
import * as ex from './examplePayloads';

function reads(fake: FakeArm) {
  return sdkArmReads(createArmClients({ target: TARGET, credential: fakeCredential, httpClient: fake }));
}

void describe('mappers: published ARM examples → snapshot types', () => {
  void it('an auto-approved private endpoint: subnet, VNet, NIC ids, connection and customDnsConfigs', async () => {
    const fake = new FakeArm().on('GET', '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/testPe', { status: 200, body: ex.privateEndpointGet });
    const pe = await reads(fake).getPrivateEndpoint(ex.privateEndpointGet.id, undefined);
    assert.equal(pe.name, 'testPe');
    assert.equal(pe.subscriptionId, 'subId');
    assert.equal(pe.resourceGroup, 'rg1');
    assert.equal(pe.subnetId, '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet');
    assert.equal(pe.virtualNetworkId, '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet');
    assert.deepEqual(pe.networkInterfaceIds, ['/subscriptions/subId/resourceGroups/rg1/provders/Microsoft.Network/networkInterfaces/testPe.nic.abcd1234']);
    assert.deepEqual(pe.connections, [
      {
        name: 'plsconnection1',
        privateLinkServiceId: '/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateLinkServices/testPls',
        groupIds: ['groupIdFromResource'],
        requestMessage: 'Please approve my connection.',
        status: 'Approved',
        description: 'Auto-approved',
        manual: false,
      },
    ]);
    assert.deepEqual(pe.customDnsConfigs.map((c) => [c.fqdn, c.ipAddresses]), [
      ['abc.cosmos.com', ['192.168.0.4']],
      ['abc2.cosmos.com', ['192.168.0.5']],
    ]);
    assert.equal(pe.provisioningState, 'Succeeded');
  });

  void it('an endpoint waiting for manual approval shows its manual connection as Pending', async () => {
    const fake = new FakeArm().on('GET', '*/privateEndpoints/testPe', { status: 200, body: ex.privateEndpointGetForManualApproval });
    const pe = await reads(fake).getPrivateEndpoint(ex.privateEndpointGet.id, undefined);
    assert.deepEqual(pe.connections.map((c) => [c.name, c.status, c.manual, c.requestMessage]), [['plsconnection1', 'Pending', true, 'Please manually approve my connection.']]);
  });

  void it("an endpoint's NIC: one ip configuration per required member, with groupId, requiredMemberName and fqdns", async () => {
    const fake = new FakeArm().on('GET', '*/networkInterfaces/testPe.nic.abcd1234', { status: 200, body: ex.networkInterfaceOfEndpoint });
    const nic = await reads(fake).getNetworkInterface(ex.networkInterfaceOfEndpoint.id, undefined);
    assert.equal(nic.privateEndpointId, ex.privateEndpointGet.id);
    assert.deepEqual(nic.ipConfigurations, [
      { name: 'privateEndpointIpConfig.registry', privateIPAddress: '10.0.0.7', groupId: 'registry', requiredMemberName: 'registry', fqdns: ['myregistry.azurecr.io'] },
      { name: 'privateEndpointIpConfig.data', privateIPAddress: '10.0.0.6', groupId: 'registry', requiredMemberName: 'registry_data_westeurope', fqdns: ['myregistry.westeurope.data.azurecr.io'] },
    ]);
  });

  void it("a VM's NIC (NetworkInterfaceGet example) has ip configurations without private link properties", async () => {
    const fake = new FakeArm().on('GET', '*/networkInterfaces/test-nic', { status: 200, body: ex.networkInterfaceOfVm });
    const nic = await reads(fake).getNetworkInterface(ex.networkInterfaceOfVm.id, undefined);
    assert.equal(nic.privateEndpointId, undefined);
    assert.deepEqual(nic.ipConfigurations, [{ name: 'ipconfig1', privateIPAddress: '172.20.2.4', fqdns: [] }]);
  });

  void it('a virtual network with its subnet and network policies', async () => {
    const fake = new FakeArm().on('GET', '*/virtualNetworks/myVnet', { status: 200, body: ex.virtualNetworkGet });
    const vnet = await reads(fake).getVirtualNetwork(ex.virtualNetworkGet.id, undefined);
    assert.deepEqual(vnet.addressPrefixes, ['10.0.0.0/16']);
    assert.deepEqual(vnet.subnets, [
      { id: `${ex.virtualNetworkGet.id}/subnets/mySubnet`, name: 'mySubnet', virtualNetworkId: ex.virtualNetworkGet.id, addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' },
    ]);
  });

  void it('a zone group belongs to the endpoint it was read from, whatever its id says', async () => {
    const fake = new FakeArm().on('GET', '*/privateEndpoints/testPe/privateDnsZoneGroups', { status: 200, body: { value: [ex.privateDnsZoneGroupGet] } });
    const [group] = await reads(fake).listPrivateDnsZoneGroups(ex.privateEndpointGet.id, undefined);
    assert.equal(group?.privateEndpointId, ex.privateEndpointGet.id);
    assert.equal(group?.name, 'testPdnsgroup');
    assert.deepEqual(group?.privateDnsZoneConfigs[0]?.recordSets, [
      { recordSetName: 'abc', fqdn: 'abc.zone1.com', ipAddresses: ['10.0.0.4'] },
      { recordSetName: 'abc2', fqdn: 'abc2.zone1.com', ipAddresses: ['10.0.0.5'] },
    ]);
  });

  void it('a private DNS zone, its virtual network link and an A record set (fqdn with the trailing dot, etag)', async () => {
    const zoneId = ex.privateZoneGet.id;
    const fake = new FakeArm()
      .on('GET', '/subscriptions/subscriptionId/providers/Microsoft.Network/privateDnsZones', { status: 200, body: { value: [ex.privateZoneGet] } })
      .on('GET', '*/privateDnsZones/privatezone1.com/virtualNetworkLinks', { status: 200, body: { value: [ex.virtualNetworkLinkGet] } })
      .on('GET', '*/privateDnsZones/privatezone1.com/A', { status: 200, body: { value: [ex.recordSetAGet] } });
    const r = reads(fake);
    assert.deepEqual(await r.listPrivateDnsZones('subscriptionId', undefined), [
      { id: zoneId, name: 'privatezone1.com', subscriptionId: 'subscriptionId', resourceGroup: 'resourceGroup1', etag: '00000000-0000-0000-0000-000000000000', numberOfRecordSets: 1, numberOfVirtualNetworkLinks: 0 },
    ]);
    assert.deepEqual(await r.listVirtualNetworkLinks(zoneId, undefined), [
      {
        id: ex.virtualNetworkLinkGet.id,
        name: 'virtualNetworkLink1',
        privateDnsZoneId: zoneId,
        virtualNetworkId: ex.virtualNetworkLinkGet.properties.virtualNetwork.id,
        registrationEnabled: false,
        virtualNetworkLinkState: 'Completed',
        provisioningState: 'Succeeded',
        etag: '00000000-0000-0000-0000-000000000000',
      },
    ]);
    assert.deepEqual(await r.listARecordSets(zoneId, undefined), [
      { id: ex.recordSetAGet.id, name: 'recorda', privateDnsZoneId: zoneId, fqdn: 'recorda.privatezone1.com.', ttl: 3600, etag: '00000000-0000-0000-0000-000000000000', ipv4Addresses: ['1.2.3.4'] },
    ]);
  });

  void it('a registry with its connection, replication and usages', async () => {
    const registryId = ex.registryGet.id;
    const fake = new FakeArm()
      .on('GET', '*/registries/myRegistry', { status: 200, body: ex.registryGet })
      .on('GET', '*/registries/myRegistry/replications', { status: 200, body: { value: [ex.replicationGet] } })
      .on('GET', '*/registries/myRegistry/listUsages', { status: 200, body: ex.registryListUsages });
    const r = reads(fake);
    const registry = await r.getRegistry(registryId, undefined);
    assert.deepEqual(
      { ...registry, privateEndpointConnections: undefined },
      {
        id: registryId,
        name: 'myRegistry',
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        resourceGroup: 'myResourceGroup',
        location: 'westus',
        sku: 'Standard',
        loginServer: 'myRegistry.azurecr.io',
        publicNetworkAccess: 'Enabled',
        networkRuleBypassOptions: 'AzureServices',
        dataEndpointEnabled: false,
        dataEndpointHostNames: [],
        privateEndpointConnections: undefined,
      },
    );
    assert.deepEqual(registry.privateEndpointConnections, [
      {
        id: `${registryId}/privateEndpointConnections/myConnection`,
        name: 'myConnection',
        registryId,
        privateEndpointId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateEndpoints/peexample01',
        status: 'Approved',
        description: 'Auto-Approved',
        actionsRequired: 'None',
        provisioningState: 'Succeeded',
      },
    ]);
    assert.deepEqual(await r.listReplications(registryId, undefined), [
      { id: ex.replicationGet.id, name: 'myReplication', registryId, location: 'eastus', provisioningState: 'Succeeded', regionEndpointEnabled: true },
    ]);
    assert.deepEqual(await r.listRegistryUsages(registryId, undefined), [
      { name: 'Size', limit: 107374182400, currentValue: 12345678, unit: 'Bytes' },
      { name: 'Webhooks', limit: 10, currentValue: 2, unit: 'Count' },
    ]);
  });

  void it('subscriptions across two pages (nextLink), and a page at a time with a continuation token', async () => {
    const fake = new FakeArm().on('GET', '/subscriptions', (req) => ({ status: 200, body: req.url.includes('page2') ? ex.getSubscriptionsPage2 : ex.getSubscriptions }));
    const r = reads(fake);
    const all = await r.listSubscriptions({});
    assert.deepEqual(all.items.map((s) => [s.subscriptionId, s.displayName, s.tenantId]), [
      ['291bba3f-e0a5-47bc-a099-3bdcb2a50a05', 'Example Subscription', '31c75423-32d6-4322-88b7-c478bdde4858'],
      ['72ac930a-f34e-42d8-b06d-dc2a9e12ed71', 'Example Subscription2', '2a0ff0de-96b2-4859-bb7c-a430d07a3e0c'],
    ]);
    assert.equal(all.continuationToken, undefined);
    const first = await r.listSubscriptions({ maxItems: 1 });
    assert.deepEqual(first.items.map((s) => s.displayName), ['Example Subscription']);
    assert.ok(first.continuationToken);
    const rest = await r.listSubscriptions({ maxItems: 1, continuationToken: first.continuationToken! });
    assert.deepEqual(rest.items.map((s) => s.displayName), ['Example Subscription2']);
    assert.equal(rest.continuationToken, undefined);
  });

  void it('a Resource Graph registry row without its network settings leaves them unknown, not the defaults', () => {
    const row = (properties: Record<string, unknown> = {}) => ({
      id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myregistry',
      name: 'myregistry',
      type: 'microsoft.containerregistry/registries',
      location: 'westeurope',
      sku: { name: 'Premium' },
      properties: { loginServer: 'myregistry.azurecr.io', privateEndpointConnections: [], ...properties },
    });
    const registry = toRegistry(flattenArmProperties(row()) as never);
    assert.equal(registry.publicNetworkAccess, undefined);
    assert.equal(registry.networkRuleBypassOptions, undefined);
    assert.equal(registry.dataEndpointEnabled, undefined);
    const told = toRegistry(flattenArmProperties(row({ publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'None', dataEndpointEnabled: true })) as never);
    assert.deepEqual([told.publicNetworkAccess, told.networkRuleBypassOptions, told.dataEndpointEnabled], ['Disabled', 'None', true]);
  });
});
