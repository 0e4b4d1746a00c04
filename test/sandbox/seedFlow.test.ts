// The seed document's steps, end to end with the real SDKs and long-running operations, starting from
// the `empty` scenario: subnet policies, zone, link, endpoint, zone group → records, approval, public
// access off, a new replica → new NIC member and Pending but no record; then the stale-state trap.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as dns from 'node:dns';
import type { RunningSandbox } from '../../src/sandbox';
import { all, arm, id, LRO, RG, SUB2, withSandbox, type Clients } from './helpers';

const ZONE = 'privatelink.azurecr.io';

async function resolve4(sb: RunningSandbox, name: string): Promise<string[] | string> {
  const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([sb.dnsServer]);
  try {
    return await r.resolve4(name);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ERR';
  }
}

void describe('sandbox: the seed document step by step (empty scenario)', () => {
  let sb: RunningSandbox;
  let c: Clients;
  before(async () => ({ sb, c } = await withSandbox({ scenario: 'empty' })));
  after(async () => sb.close());

  void it('starts without endpoints, zones or records; DNS answers the public chain', async () => {
    assert.deepEqual(await all(c.network.privateEndpoints.listBySubscription()), []);
    assert.deepEqual(await all(c.dns.privateZones.list()), []);
    assert.match(String(await resolve4(sb, 'myregistry.azurecr.io')), /^203\.0\.113\./);
  });

  void it('registers Microsoft.ContainerRegistry in the second subscription', async () => {
    const before = await arm(sb, 'GET', `/subscriptions/${SUB2}/providers/Microsoft.ContainerRegistry?api-version=2021-04-01`);
    assert.equal((before.json as { registrationState: string }).registrationState, 'NotRegistered');
    const reg = await arm(sb, 'POST', `/subscriptions/${SUB2}/providers/Microsoft.ContainerRegistry/register?api-version=2021-04-01`);
    assert.equal(reg.status, 200);
    const afterwards = await arm(sb, 'GET', `/subscriptions/${SUB2}/providers/Microsoft.ContainerRegistry?api-version=2021-04-01`);
    assert.equal((afterwards.json as { registrationState: string }).registrationState, 'Registered');
  });

  void it('disables private endpoint network policies on the subnet (long-running PUT)', async () => {
    const subnet = await c.network.subnets.beginCreateOrUpdateAndWait(RG, 'myDockerVMVNET', 'myDockerVMSubnet', { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' }, LRO);
    assert.equal(subnet.privateEndpointNetworkPolicies, 'Disabled');
    assert.equal(subnet.provisioningState, 'Succeeded');
  });

  void it('creates the zone and links it to the VNet (202 + polling)', async () => {
    const zone = await c.dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, LRO);
    assert.equal(zone.name, ZONE);
    const link = await c.dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, ZONE, 'MyDNSLink', { location: 'global', virtualNetwork: { id: id.vnet('myDockerVMVNET') }, registrationEnabled: false }, LRO);
    assert.equal(link.virtualNetworkLinkState, 'Completed');
    // No endpoint yet: Azure's public CNAME does not go through privatelink, so the zone is not consulted.
    assert.match(String(await resolve4(sb, 'myregistry.azurecr.io')), /^203\.0\.113\./);
  });

  void it('creates myPrivateEndpoint: NIC with one address per required member, approved connection on both sides', async () => {
    const pe = await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
      RG,
      'myPrivateEndpoint',
      {
        location: 'westeurope',
        subnet: { id: id.subnet('myDockerVMVNET', 'myDockerVMSubnet') },
        privateLinkServiceConnections: [{ name: 'myConnection', privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'] }],
      },
      LRO,
    );
    assert.equal(pe.provisioningState, 'Succeeded');
    assert.equal(pe.privateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Approved');
    const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
    const members = (nic.ipConfigurations ?? []).map((ip) => [ip.privateLinkConnectionProperties?.requiredMemberName, ip.privateIPAddress]);
    // 10.0.0.4 is the VM's; .0–.3 are Azure's.
    assert.deepEqual(members, [
      ['registry', '10.0.0.5'],
      ['registry_data_westeurope', '10.0.0.6'],
      ['registry_data_eastus', '10.0.0.7'],
    ]);
    const conns = await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'));
    assert.equal(conns.length, 1);
    assert.equal(conns[0]?.privateEndpoint?.id, pe.id);
    assert.equal(conns[0]?.privateLinkServiceConnectionState?.status, 'Approved');
  });

  void it('a zone group writes the A records, and DNS resolves privately', async () => {
    const group = await c.network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, 'myPrivateEndpoint', 'default', { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: id.zone(ZONE) }] }, LRO);
    assert.deepEqual(group.privateDnsZoneConfigs?.[0]?.recordSets?.map((r) => [r.recordSetName, r.ipAddresses]), [
      ['myregistry', ['10.0.0.5']],
      ['myregistry.westeurope.data', ['10.0.0.6']],
      ['myregistry.eastus.data', ['10.0.0.7']],
    ]);
    const records = await all(c.dns.recordSets.listByType(RG, ZONE, 'A'));
    assert.equal(records.length, 3);
    assert.deepEqual(await resolve4(sb, 'myregistry.azurecr.io'), ['10.0.0.5']);
    assert.deepEqual(await resolve4(sb, 'myregistry.eastus.data.azurecr.io'), ['10.0.0.7']);
  });

  void it('a manual connection is Pending on both sides until the registry owner approves it', async () => {
    await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
      RG,
      'otherEndpoint',
      {
        location: 'westeurope',
        subnet: { id: id.subnet('myDockerVMVNET', 'myDockerVMSubnet') },
        manualPrivateLinkServiceConnections: [{ name: 'otherConnection', privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'], requestMessage: 'Please approve' }],
      },
      LRO,
    );
    const pending = (await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'))).find((x) => x.privateLinkServiceConnectionState?.status === 'Pending');
    assert.ok(pending?.name);
    const approved = await c.acr.privateEndpointConnections.beginCreateOrUpdateAndWait(RG, 'myregistry', pending.name, { privateLinkServiceConnectionState: { status: 'Approved', description: 'Approved by the owner' } }, LRO);
    assert.equal(approved.privateLinkServiceConnectionState?.status, 'Approved');
    const pe = await c.network.privateEndpoints.get(RG, 'otherEndpoint');
    assert.equal(pe.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Approved');
    assert.equal(pe.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.description, 'Approved by the owner');
  });

  void it('rejecting shows on both sides', async () => {
    const conn = (await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'))).find((x) => x.privateEndpoint?.id?.endsWith('/otherEndpoint'));
    await c.acr.privateEndpointConnections.beginCreateOrUpdateAndWait(RG, 'myregistry', conn?.name ?? '', { privateLinkServiceConnectionState: { status: 'Rejected', description: 'Not ours' } }, LRO);
    const pe = await c.network.privateEndpoints.get(RG, 'otherEndpoint');
    assert.equal(pe.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Rejected');
  });

  void it('disables public network access', async () => {
    const reg = await c.acr.registries.beginUpdateAndWait(RG, 'myregistry', { publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'AzureServices' }, LRO);
    assert.equal(reg.publicNetworkAccess, 'Disabled');
    const again = await c.acr.registries.get(RG, 'myregistry');
    assert.equal(again.publicNetworkAccess, 'Disabled');
  });

  void it('adding replica northeurope adds its data member with a new address, sets the connection Pending, and writes no record', async () => {
    const recordsBefore = (await all(c.dns.recordSets.listByType(RG, ZONE, 'A'))).map((r) => r.name);
    const rep = await c.acr.replications.beginCreateAndWait(RG, 'myregistry', 'northeurope', { location: 'northeurope' }, LRO);
    assert.equal(rep.location, 'northeurope');
    const pe = await c.network.privateEndpoints.get(RG, 'myPrivateEndpoint');
    const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
    const ne = nic.ipConfigurations?.find((ip) => ip.privateLinkConnectionProperties?.requiredMemberName === 'registry_data_northeurope');
    // .4 VM, .5–.7 this endpoint, .8–.10 otherEndpoint: the next free address is .11.
    assert.equal(ne?.privateIPAddress, '10.0.0.11');
    assert.deepEqual(ne?.privateLinkConnectionProperties?.fqdns, ['myregistry.northeurope.data.azurecr.io']);
    assert.equal(pe.privateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status, 'Pending');
    const conn = (await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'))).find((x) => x.privateEndpoint?.id === pe.id);
    assert.equal(conn?.privateLinkServiceConnectionState?.status, 'Pending');
    assert.deepEqual((await all(c.dns.recordSets.listByType(RG, ZONE, 'A'))).map((r) => r.name), recordsBefore);
    assert.equal(await resolve4(sb, 'myregistry.northeurope.data.azurecr.io'), 'ENOTFOUND');
    const plr = await c.acr.registries.getPrivateLinkResource(RG, 'myregistry', 'registry');
    assert.deepEqual(plr.properties?.requiredMembers, ['registry', 'registry_data_westeurope', 'registry_data_eastus', 'registry_data_northeurope']);
  });

  void it('a record PUT by hand fixes the missing replica record (If-None-Match: * for a new one)', async () => {
    const r = await c.dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'myregistry.northeurope.data', { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.11' }] }, { ifNoneMatch: '*' });
    assert.equal(r.fqdn, 'myregistry.northeurope.data.privatelink.azurecr.io.');
    assert.deepEqual(await resolve4(sb, 'myregistry.northeurope.data.azurecr.io'), ['10.0.0.11']);
  });

  void it('removing the replica removes its member from the NIC', async () => {
    await c.acr.replications.beginDeleteAndWait(RG, 'myregistry', 'northeurope', LRO);
    const pe = await c.network.privateEndpoints.get(RG, 'myPrivateEndpoint');
    const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
    assert.equal(nic.ipConfigurations?.length, 3);
  });

  void it('deleting an endpoint removes its NIC, connection and zone-group records but not the link or hand-made records', async () => {
    const pe = await c.network.privateEndpoints.get(RG, 'myPrivateEndpoint');
    const nicName = pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '';
    await c.network.privateEndpoints.beginDeleteAndWait(RG, 'myPrivateEndpoint', LRO);
    await assert.rejects(c.network.networkInterfaces.get(RG, nicName), (e: { statusCode?: number }) => e.statusCode === 404);
    await assert.rejects(c.network.privateEndpoints.get(RG, 'myPrivateEndpoint'), (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceNotFound');
    const conns = await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'));
    assert.deepEqual(conns.map((x) => x.privateEndpoint?.id?.split('/').pop()), ['otherEndpoint']);
    const records = (await all(c.dns.recordSets.listByType(RG, ZONE, 'A'))).map((r) => r.name);
    assert.deepEqual(records, ['myregistry.northeurope.data']);
    assert.equal((await all(c.dns.virtualNetworkLinks.list(RG, ZONE))).length, 1);
  });
});

void describe('sandbox: the stale-state trap (seed scenario)', () => {
  let sb: RunningSandbox;
  let c: Clients;
  before(async () => ({ sb, c } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());

  void it('deleting myPrivateEndpoint leaves the hand-made records and MyDNSLink: DNS still answers the dead 10.0.0.7', async () => {
    await c.network.privateEndpoints.beginDeleteAndWait(RG, 'myPrivateEndpoint', LRO);
    assert.deepEqual(await all(c.acr.privateEndpointConnections.list(RG, 'myregistry')), []);
    assert.equal((await all(c.dns.recordSets.listByType(RG, ZONE, 'A'))).length, 2);
    assert.equal((await all(c.dns.virtualNetworkLinks.list(RG, ZONE))).length, 1);
    // No private endpoint connection left: Azure's public CNAME no longer goes through privatelink.
    assert.match(String(await resolve4(sb, 'myregistry.azurecr.io')), /^203\.0\.113\./);
    const r = new dns.promises.Resolver();
    r.setServers([sb.dnsServer]);
    assert.deepEqual(await r.resolve4('myregistry.privatelink.azurecr.io').catch((e: NodeJS.ErrnoException) => e.code), 'ENOTFOUND');
  });
});
