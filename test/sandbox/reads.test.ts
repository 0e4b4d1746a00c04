// The real SDKs read the seed world: every read operation, paging, and the seed's fixed ids.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox';
import { all, clients, id, RG, SUB1, SUB2, withSandbox, type Clients } from './helpers';

void describe('sandbox: SDK reads of the seed scenario', () => {
  let sb: RunningSandbox;
  let c: Clients;
  before(async () => ({ sb, c } = await withSandbox({ scenario: 'seed', pageSize: 1 })));
  after(async () => sb.close());

  void it('lists both subscriptions across pages (page size 1 → nextLink)', async () => {
    const subs = await all(c.subscriptions.subscriptions.list());
    assert.deepEqual(subs.map((s) => [s.subscriptionId, s.displayName]), [
      [SUB1, 'Contoso Production'],
      [SUB2, 'Contoso Dev'],
    ]);
    const one = await c.subscriptions.subscriptions.get(SUB2);
    assert.equal(one.tenantId, sb.tenantId);
  });

  void it('reads myregistry: Premium, westeurope, its eastus replica and the approved connection', async () => {
    const reg = await c.acr.registries.get(RG, 'myregistry');
    assert.equal(reg.sku.name, 'Premium');
    assert.equal(reg.location, 'westeurope');
    assert.equal(reg.loginServer, 'myregistry.azurecr.io');
    assert.equal(reg.publicNetworkAccess, 'Enabled');
    assert.equal(reg.privateEndpointConnections?.length, 1);
    assert.equal(reg.privateEndpointConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Approved');
    const reps = await all(c.acr.replications.list(RG, 'myregistry'));
    assert.deepEqual(reps.map((r) => r.location), ['eastus']);
    const plr = await all(c.acr.registries.listPrivateLinkResources(RG, 'myregistry'));
    assert.deepEqual(plr[0]?.properties?.requiredMembers, ['registry', 'registry_data_westeurope', 'registry_data_eastus']);
    assert.deepEqual(plr[0]?.properties?.requiredZoneNames, ['privatelink.azurecr.io']);
    const usage = await c.acr.registries.listUsages(RG, 'myregistry');
    const pe = usage.value?.find((u) => u.name === 'PrivateEndpointConnections');
    assert.deepEqual([pe?.currentValue, pe?.limit], [1, 200]);
  });

  void it('lists registries by subscription and by group, across pages', async () => {
    const dev = clients(sb, SUB2);
    const names = (await all(dev.acr.registries.list())).map((r) => r.name).sort();
    assert.deepEqual(names, ['basicregistry', 'devregistry']);
    assert.equal((await all(dev.acr.registries.listByResourceGroup('devResourceGroup'))).length, 2);
  });

  void it('shows devregistry with a Pending connection from an endpoint the caller cannot see', async () => {
    const dev = clients(sb, SUB2);
    const conns = await all(dev.acr.privateEndpointConnections.list('devResourceGroup', 'devregistry'));
    assert.equal(conns.length, 1);
    assert.equal(conns[0]?.privateLinkServiceConnectionState?.status, 'Pending');
    assert.match(conns[0]?.privateEndpoint?.id ?? '', /^\/subscriptions\/00000000-0000-4000-8000-0000000000f1\//);
  });

  void it('reads the endpoint, its NIC with one ip configuration per required member, and customDnsConfigs', async () => {
    const pe = await c.network.privateEndpoints.get(RG, 'myPrivateEndpoint');
    assert.equal(pe.privateLinkServiceConnections?.[0]?.name, 'myConnection');
    assert.equal(pe.privateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Approved');
    assert.equal(pe.subnet?.id, id.subnet('myDockerVMVNET', 'myDockerVMSubnet'));
    assert.deepEqual(pe.customDnsConfigs?.map((d) => d.fqdn), ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io']);
    const nicName = pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '';
    assert.match(nicName, /^myPrivateEndpoint\.nic\./);
    const nic = await c.network.networkInterfaces.get(RG, nicName);
    const byMember = Object.fromEntries((nic.ipConfigurations ?? []).map((ip) => [ip.privateLinkConnectionProperties?.requiredMemberName, [ip.privateIPAddress, ip.privateLinkConnectionProperties?.fqdns]]));
    assert.deepEqual(byMember, {
      registry: ['10.0.0.7', ['myregistry.azurecr.io']],
      registry_data_westeurope: ['10.0.0.6', ['myregistry.westeurope.data.azurecr.io']],
      registry_data_eastus: ['10.0.0.5', ['myregistry.eastus.data.azurecr.io']],
    });
    assert.equal((await all(c.network.privateEndpoints.listBySubscription())).length, 1);
    assert.equal((await all(c.network.privateEndpoints.list(RG))).length, 1);
    assert.deepEqual(await all(c.network.privateDnsZoneGroups.list('myPrivateEndpoint', RG)), []);
  });

  void it('reads the VNet and subnet with network policies disabled', async () => {
    const vnets = await all(c.network.virtualNetworks.listAll());
    assert.deepEqual(vnets.map((v) => v.name), ['myDockerVMVNET']);
    assert.equal((await all(c.network.virtualNetworks.list(RG))).length, 1);
    const subnet = await c.network.subnets.get(RG, 'myDockerVMVNET', 'myDockerVMSubnet');
    assert.equal(subnet.addressPrefix, '10.0.0.0/24');
    assert.equal(subnet.privateEndpointNetworkPolicies, 'Disabled');
    assert.equal((await all(c.network.subnets.list(RG, 'myDockerVMVNET'))).length, 1);
  });

  void it('reads the zone, MyDNSLink and the two hand-made records (none for eastus)', async () => {
    const zone = await c.dns.privateZones.get(RG, 'privatelink.azurecr.io');
    assert.equal(zone.numberOfVirtualNetworkLinks, 1);
    assert.equal((await all(c.dns.privateZones.list())).length, 1);
    assert.equal((await all(c.dns.privateZones.listByResourceGroup(RG))).length, 1);
    const link = await c.dns.virtualNetworkLinks.get(RG, 'privatelink.azurecr.io', 'MyDNSLink');
    assert.equal(link.virtualNetwork?.id, id.vnet('myDockerVMVNET'));
    assert.equal(link.registrationEnabled, false);
    const records = await all(c.dns.recordSets.listByType(RG, 'privatelink.azurecr.io', 'A'));
    assert.deepEqual(records.map((r) => [r.name, r.aRecords?.map((a) => a.ipv4Address)]), [
      ['myregistry', ['10.0.0.7']],
      ['myregistry.westeurope.data', ['10.0.0.6']],
    ]);
    // Every record set of the zone: its SOA `@` (Azure's defaults) and the two A sets.
    const everySet = await all(c.dns.recordSets.list(RG, 'privatelink.azurecr.io'));
    assert.deepEqual(everySet.map((x) => [x.type, x.name]), [
      ['Microsoft.Network/privateDnsZones/SOA', '@'],
      ['Microsoft.Network/privateDnsZones/A', 'myregistry'],
      ['Microsoft.Network/privateDnsZones/A', 'myregistry.westeurope.data'],
    ]);
    assert.equal(everySet[0]?.soaRecord?.host, 'azureprivatedns.net');
    assert.equal(everySet.length, zone.numberOfRecordSets);
    const r = await c.dns.recordSets.get(RG, 'privatelink.azurecr.io', 'A', 'myregistry');
    assert.equal(r.fqdn, 'myregistry.privatelink.azurecr.io.');
    assert.ok(r.etag);
  });
});
