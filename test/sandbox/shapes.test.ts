// Every response type against the official example of the same operation (../shared/arm-examples):
// same property names and nesting. Without the examples folder each comparison is reported as
// skipped, with the folder it looked for (`npm test` fails on that in CI).

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, id, RG, SUB1, withSandbox } from './helpers';
import { shapeDifferences } from './shape';

const EXAMPLES = process.env['ARM_EXAMPLES_DIR'] ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'arm-examples');

function example(file: string, status = '200'): unknown {
  const json = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as { responses: Record<string, { body?: unknown }> };
  return json.responses[status]?.body;
}

const CR = 'containerregistry/2025-11-01';
const NET = 'network/2026-01-01';
const DNS = 'privatedns/2024-06-01';
const rg = `/subscriptions/${SUB1}/resourceGroups/${RG}`;
const reg = `${rg}/providers/Microsoft.ContainerRegistry/registries/myregistry`;
const net = `${rg}/providers/Microsoft.Network`;
const zone = `${net}/privateDnsZones/privatelink.azurecr.io`;
const v = { cr: 'api-version=2025-11-01', net: 'api-version=2026-01-01', dns: 'api-version=2024-06-01', sub: 'api-version=2022-12-01' };

/** Why the comparisons cannot run, or false when they can. */
const missing = !fs.existsSync(EXAMPLES) && `official examples not found at ${EXAMPLES} (set ARM_EXAMPLES_DIR)`;

void describe('sandbox: response shapes match the official examples', () => {
  let sb: RunningSandbox;
  before(async () => {
    if (missing) return;
    ({ sb } = await withSandbox({ scenario: 'seed' }));
    // A zone group and a manual endpoint, so those shapes exist to compare.
    await arm(sb, 'PUT', `${net}/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups/default?${v.net}`, { properties: { privateDnsZoneConfigs: [{ name: 'config', properties: { privateDnsZoneId: id.zone('privatelink.azurecr.io') } }] } });
  });
  after(async () => {
    if (!missing) await sb.close();
  });

  const cases: { name: string; file: string; method?: string; path: () => string; body?: () => unknown; status?: string; ignore?: string[] }[] = [
    { name: 'Subscriptions_List', file: 'subscriptions/2022-12-01/GetSubscriptions.json', path: () => `/subscriptions?${v.sub}`, ignore: ['$.nextLink'] },
    { name: 'Subscriptions_Get', file: 'subscriptions/2022-12-01/GetSubscription.json', path: () => `/subscriptions/${SUB1}?${v.sub}` },
    { name: 'Registries_Get', file: `${CR}/RegistryGet.json`, path: () => `${reg}?${v.cr}` },
    { name: 'Registries_List', file: `${CR}/RegistryList.json`, path: () => `/subscriptions/${SUB1}/providers/Microsoft.ContainerRegistry/registries?${v.cr}` },
    { name: 'Registries_ListUsages', file: `${CR}/RegistryListUsages.json`, path: () => `${reg}/listUsages?${v.cr}` },
    { name: 'Registries_ListPrivateLinkResources', file: `${CR}/RegistryListPrivateLinkResources.json`, path: () => `${reg}/privateLinkResources?${v.cr}` },
    { name: 'Registries_GetPrivateLinkResource', file: `${CR}/RegistryGetPrivateLinkResource.json`, path: () => `${reg}/privateLinkResources/registry?${v.cr}` },
    { name: 'Replications_List', file: `${CR}/ReplicationList.json`, path: () => `${reg}/replications?${v.cr}` },
    { name: 'Replications_Get', file: `${CR}/ReplicationGet.json`, path: () => `${reg}/replications/eastus?${v.cr}` },
    // The examples show actionsRequired on the registry's side; Azure's recorded answers never carry it (see "How close the sandbox is to Azure").
    { name: 'PrivateEndpointConnections_List', file: `${CR}/PrivateEndpointConnectionList.json`, path: () => `${reg}/privateEndpointConnections?${v.cr}`, ignore: ['$.value[].properties.privateLinkServiceConnectionState.actionsRequired'] },
    { name: 'PrivateEndpointConnections_Get', file: `${CR}/PrivateEndpointConnectionGet.json`, path: () => `${reg}/privateEndpointConnections/myPrivateEndpoint.8e1b9c52-4a07-4d3e-a6f1-2c9d7b5e0f14?${v.cr}`, ignore: ['$.properties.privateLinkServiceConnectionState.actionsRequired'] },
    {
      name: 'PrivateEndpointConnections_CreateOrUpdate (201)',
      file: `${CR}/PrivateEndpointConnectionCreateOrUpdate.json`,
      status: '201',
      method: 'PUT',
      path: () => `${reg}/privateEndpointConnections/myPrivateEndpoint.8e1b9c52-4a07-4d3e-a6f1-2c9d7b5e0f14?${v.cr}`,
      body: () => ({ properties: { privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved' } } }),
      ignore: ['$.properties.privateLinkServiceConnectionState.actionsRequired'],
    },
    { name: 'PrivateEndpoints_Get', file: `${NET}/PrivateEndpointGet.json`, path: () => `${net}/privateEndpoints/myPrivateEndpoint?${v.net}`, ignore: ['$.properties.customNetworkInterfaceName', '$.properties.privateLinkServiceConnections[].properties.requestMessage'] },
    { name: 'PrivateEndpoints_List', file: `${NET}/PrivateEndpointList.json`, path: () => `${net}/privateEndpoints?${v.net}`, ignore: ['$.value[].properties.customNetworkInterfaceName', '$.value[].properties.privateLinkServiceConnections[].properties.requestMessage'] },
    {
      name: 'PrivateEndpoints_CreateOrUpdate (201, manual approval)',
      file: `${NET}/PrivateEndpointCreate.json`,
      status: '201',
      method: 'PUT',
      path: () => `${net}/privateEndpoints/manualPe?${v.net}`,
      body: () => ({
        location: 'westeurope',
        properties: {
          subnet: { id: id.subnet('myDockerVMVNET', 'myDockerVMSubnet') },
          privateLinkServiceConnections: [{ name: 'c1', properties: { privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'], requestMessage: 'Please approve my connection.' } }],
        },
      }),
      ignore: ['$.properties.customNetworkInterfaceName'],
    },
    { name: 'PrivateEndpoints_Get (manual approval)', file: `${NET}/PrivateEndpointGetForManualApproval.json`, path: () => `${net}/privateEndpoints/pendingPe?${v.net}`, ignore: ['$.properties.customNetworkInterfaceName'] },
    { name: 'PrivateDnsZoneGroups_Get', file: `${NET}/PrivateEndpointDnsZoneGroupGet.json`, path: () => `${net}/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups/default?${v.net}` },
    { name: 'PrivateDnsZoneGroups_List', file: `${NET}/PrivateEndpointDnsZoneGroupList.json`, path: () => `${net}/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups?${v.net}` },
    {
      name: 'PrivateDnsZoneGroups_CreateOrUpdate (200)',
      file: `${NET}/PrivateEndpointDnsZoneGroupCreate.json`,
      method: 'PUT',
      path: () => `${net}/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups/default?${v.net}`,
      body: () => ({ properties: { privateDnsZoneConfigs: [{ name: 'config', properties: { privateDnsZoneId: id.zone('privatelink.azurecr.io') } }] } }),
    },
    {
      name: 'NetworkInterfaces_Get',
      file: `${NET}/NetworkInterfaceGet.json`,
      path: () => `${net}/networkInterfaces/myDockerVMVMNic?${v.net}`,
      // The VM's NIC in the seed has no public IP, NSG or DSCP configuration.
      ignore: ['$.properties.ipConfigurations[].properties.publicIPAddress', '$.properties.networkSecurityGroup', '$.properties.dscpConfiguration', '$.properties.ipConfigurations[].properties.privateIPAddressPrefixLength'],
    },
    { name: 'Subnets_Get', file: `${NET}/SubnetGet.json`, path: () => `${net}/virtualNetworks/myDockerVMVNET/subnets/myDockerVMSubnet?${v.net}` },
    { name: 'VirtualNetworks_List', file: `${NET}/VirtualNetworkList.json`, path: () => `${net}/virtualNetworks?${v.net}`, ignore: ['$.value[].properties.defaultPublicNatGateway'] },
    { name: 'PrivateZones_Get', file: `${DNS}/PrivateZoneGet.json`, path: () => `${zone}?${v.dns}` },
    { name: 'PrivateZones_ListByResourceGroup', file: `${DNS}/PrivateZoneListInResourceGroup.json`, path: () => `${net}/privateDnsZones?${v.dns}`, ignore: ['$.nextLink'] },
    { name: 'PrivateZones_List', file: `${DNS}/PrivateZoneListInSubscription.json`, path: () => `/subscriptions/${SUB1}/providers/Microsoft.Network/privateDnsZones?${v.dns}`, ignore: ['$.nextLink'] },
    { name: 'VirtualNetworkLinks_Get', file: `${DNS}/VirtualNetworkLinkGet.json`, path: () => `${zone}/virtualNetworkLinks/MyDNSLink?${v.dns}` },
    { name: 'VirtualNetworkLinks_List', file: `${DNS}/VirtualNetworkLinkList.json`, path: () => `${zone}/virtualNetworkLinks?${v.dns}`, ignore: ['$.nextLink'] },
    { name: 'RecordSets_Get (A)', file: `${DNS}/RecordSetAGet.json`, path: () => `${zone}/A/myregistry?${v.dns}` },
    { name: 'RecordSets_ListByType (A)', file: `${DNS}/RecordSetAList.json`, path: () => `${zone}/A?${v.dns}`, ignore: ['$.nextLink'] },
    {
      name: 'RecordSets_CreateOrUpdate (A, 201)',
      file: `${DNS}/RecordSetAPut.json`,
      status: '201',
      method: 'PUT',
      path: () => `${zone}/A/recorda?${v.dns}`,
      body: () => ({ properties: { metadata: { key1: 'value1' }, ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.5' }] } }),
    },
  ];

  before(async () => {
    if (missing) return;
    await arm(sb, 'PUT', `${net}/privateEndpoints/pendingPe?${v.net}`, {
      location: 'westeurope',
      properties: { subnet: { id: id.subnet('myDockerVMVNET', 'myDockerVMSubnet') }, manualPrivateLinkServiceConnections: [{ name: 'c1', properties: { privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'], requestMessage: 'Please manually approve my connection.' } }] },
    });
  });

  for (const c of cases) {
    void it(c.name, { skip: missing }, async () => {
      const expected = example(c.file, c.status);
      assert.ok(expected, `example ${c.file} has a ${c.status ?? '200'} body`);
      const res = await arm(sb, c.method ?? 'GET', c.path(), c.body?.());
      assert.equal(String(res.status), c.status ?? '200', res.text);
      assert.deepEqual(shapeDifferences(expected, res.json, c.ignore), []);
    });
  }

  void it('the 202 of a private zone PUT carries Location, Azure-AsyncOperation and Retry-After, as the example', { skip: missing }, async () => {
    const res = await arm(sb, 'PUT', `${net}/privateDnsZones/contoso.internal?${v.dns}`, { location: 'Global' });
    assert.equal(res.status, 202);
    const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${DNS}/PrivateZonePut.json`), 'utf8')) as { responses: { '202': { headers: Record<string, string> } } };
    for (const h of Object.keys(ex.responses['202'].headers)) assert.ok(res.headers[h.toLowerCase()], `header ${h}`);
  });

  void it('the comparator itself notices a missing or re-nested property', () => {
    assert.deepEqual(shapeDifferences({ a: { b: 1 } }, { a: { b: 2 } }), []);
    assert.deepEqual(shapeDifferences({ a: { b: 1 } }, { a: {} }), ['$.a.b: missing']);
    assert.deepEqual(shapeDifferences({ a: [{ b: 1 }] }, { a: { b: 1 } }), ['$.a: expected array, got object']);
  });
});
