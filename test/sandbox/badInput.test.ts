// Bad input gets Azure's status and error code, and changes nothing.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, id, raw, RG, SUB1, SUB2, withSandbox } from './helpers';

const net = `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network`;
const dev = `/subscriptions/${SUB2}/resourceGroups/devResourceGroup/providers/Microsoft.Network`;
const zone = `${net}/privateDnsZones/privatelink.azurecr.io`;
const NV = 'api-version=2025-05-01';
const DV = 'api-version=2020-06-01';
const CV = 'api-version=2025-11-01';

const endpointBody = (subnetId: string, registryId: string, location = 'westeurope'): unknown => ({
  location,
  properties: { subnet: { id: subnetId }, privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: registryId, groupIds: ['registry'] } }] },
});

void describe('sandbox: bad input is refused with Azure error codes and changes nothing', () => {
  let sb: RunningSandbox;
  let etag = '';
  before(async () => {
    ({ sb } = await withSandbox({ scenario: 'seed' }));
    // Fixtures: a VNet in another region, a second privatelink zone elsewhere, and a /29 subnet half used.
    assert.equal((await arm(sb, 'PUT', `${net}/virtualNetworks/eastVnet?${NV}`, { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.9.0.0/16'] }, subnets: [{ name: 's', properties: { addressPrefix: '10.9.0.0/24', privateEndpointNetworkPolicies: 'Disabled' } }] } })).status, 201);
    assert.equal((await arm(sb, 'PUT', `${dev}/privateDnsZones/privatelink.azurecr.io?${DV}`, { location: 'global' })).status, 202);
    assert.equal((await arm(sb, 'PUT', `${dev}/privateEndpoints/tinyPe?${NV}`, endpointBody(id.subnet('devVNet', 'tiny', SUB2, 'devResourceGroup'), id.registry('devregistry', SUB2, 'devResourceGroup')))).status, 201);
    etag = ((await arm(sb, 'GET', `${zone}/A/myregistry?${DV}`)).json as { etag: string }).etag;
  });
  after(async () => sb.close());

  const cases: { name: string; method: string; path: () => string; body?: () => unknown; headers?: () => Record<string, string>; status: number; code: string; noAuth?: boolean }[] = [
    { name: 'no bearer token', method: 'GET', path: () => `/subscriptions?api-version=2022-12-01`, status: 401, code: 'AuthenticationFailed', noAuth: true },
    { name: 'a made-up api-version', method: 'GET', path: () => `${net}/privateEndpoints?api-version=2099-01-01`, status: 400, code: 'InvalidApiVersionParameter' },
    { name: 'no api-version', method: 'GET', path: () => `${net}/privateEndpoints`, status: 400, code: 'MissingApiVersionParameter' },
    { name: 'an unknown subscription', method: 'GET', path: () => `/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/x?api-version=2021-04-01`, status: 404, code: 'SubscriptionNotFound' },
    { name: 'an unknown resource group', method: 'GET', path: () => `/subscriptions/${SUB1}/resourceGroups/nope/providers/Microsoft.ContainerRegistry/registries/myregistry?${CV}`, status: 404, code: 'ResourceGroupNotFound' },
    { name: 'an unknown registry', method: 'GET', path: () => `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/nope?${CV}`, status: 404, code: 'ResourceNotFound' },
    { name: 'an unknown subnet', method: 'GET', path: () => `${net}/virtualNetworks/myDockerVMVNET/subnets/nope?${NV}`, status: 404, code: 'NotFound' },
    { name: 'malformed JSON', method: 'PUT', path: () => `${zone}/A/broken?${DV}`, body: () => '{"properties": {', status: 400, code: 'InvalidRequestContent' },
    { name: 'a record set without properties', method: 'PUT', path: () => `${zone}/A/empty?${DV}`, body: () => ({}), status: 400, code: 'InvalidRequestFormat' },
    { name: 'an invalid IPv4 address', method: 'PUT', path: () => `${zone}/A/bad?${DV}`, body: () => ({ properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.300' }] } }), status: 400, code: 'BadRequest' },
    { name: 'an invalid VNet name', method: 'PUT', path: () => `${net}/virtualNetworks/-bad-?${NV}`, body: () => ({ location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.5.0.0/16'] } } }), status: 400, code: 'InvalidResourceName' },
    { name: 'an invalid resource group name', method: 'PUT', path: () => `/subscriptions/${SUB1}/resourcegroups/bad%23group?api-version=2021-04-01`, body: () => ({ location: 'westeurope' }), status: 400, code: 'InvalidResourceGroup' },
    { name: 'an endpoint without a subnet', method: 'PUT', path: () => `${net}/privateEndpoints/pe2?${NV}`, body: () => ({ location: 'westeurope', properties: {} }), status: 400, code: 'InvalidRequestFormat' },
    { name: 'an endpoint in a subnet that does not exist', method: 'PUT', path: () => `${net}/privateEndpoints/pe2?${NV}`, body: () => endpointBody(id.subnet('myDockerVMVNET', 'nope'), id.registry('myregistry')), status: 400, code: 'InvalidResourceReference' },
    { name: 'an endpoint in a subnet of another region', method: 'PUT', path: () => `${net}/privateEndpoints/pe2?${NV}`, body: () => endpointBody(id.subnet('eastVnet', 's'), id.registry('myregistry')), status: 400, code: 'InvalidResourceReference' },
    { name: 'an endpoint to a Basic registry', method: 'PUT', path: () => `${net}/privateEndpoints/pe2?${NV}`, body: () => endpointBody(id.subnet('myDockerVMVNET', 'myDockerVMSubnet'), id.registry('basicregistry', SUB2, 'devResourceGroup')), status: 400, code: 'PrivateEndpointBadRequest' },
    { name: 'an endpoint in a subnet with network policies enabled', method: 'PUT', path: () => `${dev}/privateEndpoints/pe2?${NV}`, body: () => endpointBody(id.subnet('devVNet', 'default', SUB2, 'devResourceGroup'), id.registry('devregistry', SUB2, 'devResourceGroup')), status: 400, code: 'PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled' },
    { name: 'an endpoint in a full subnet', method: 'PUT', path: () => `${dev}/privateEndpoints/pe2?${NV}`, body: () => endpointBody(id.subnet('devVNet', 'tiny', SUB2, 'devResourceGroup'), id.registry('devregistry', SUB2, 'devResourceGroup')), status: 400, code: 'SubnetIsFull' },
    { name: 'a zone group naming a zone that does not exist', method: 'PUT', path: () => `${net}/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups/default?${NV}`, body: () => ({ properties: { privateDnsZoneConfigs: [{ name: 'c', properties: { privateDnsZoneId: id.zone('privatelink.nope.io') } }] } }), status: 400, code: 'InvalidResourceReference' },
    { name: 'a subnet outside the VNet address space', method: 'PUT', path: () => `${net}/virtualNetworks/myDockerVMVNET/subnets/outside?${NV}`, body: () => ({ properties: { addressPrefix: '192.168.0.0/24' } }), status: 400, code: 'NetcfgSubnetRangeOutsideVnet' },
    { name: 'an overlapping subnet', method: 'PUT', path: () => `${net}/virtualNetworks/myDockerVMVNET/subnets/overlap?${NV}`, body: () => ({ properties: { addressPrefix: '10.0.0.128/25' } }), status: 400, code: 'NetcfgSubnetRangesOverlap' },
    { name: 'a zone outside location global', method: 'PUT', path: () => `${net}/privateDnsZones/contoso.internal?${DV}`, body: () => ({ location: 'westeurope' }), status: 400, code: 'LocationNotAvailableForResourceType' },
    { name: 'a zone name with one label', method: 'PUT', path: () => `${net}/privateDnsZones/localhost?${DV}`, body: () => ({ location: 'global' }), status: 400, code: 'InvalidResourceName' },
    { name: 'a second privatelink.azurecr.io zone linked to the same VNet', method: 'PUT', path: () => `${dev}/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/dup?${DV}`, body: () => ({ location: 'global', properties: { virtualNetwork: { id: id.vnet('myDockerVMVNET') }, registrationEnabled: false } }), status: 409, code: 'Conflict' },
    { name: 'a link to a VNet that does not exist', method: 'PUT', path: () => `${zone}/virtualNetworkLinks/l2?${DV}`, body: () => ({ location: 'global', properties: { virtualNetwork: { id: id.vnet('nope') }, registrationEnabled: false } }), status: 400, code: 'InvalidResourceReference' },
    { name: 'creating an existing record with If-None-Match: *', method: 'PUT', path: () => `${zone}/A/myregistry?${DV}`, body: () => ({ properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.9' }] } }), headers: () => ({ 'If-None-Match': '*' }), status: 412, code: 'PreconditionFailed' },
    { name: 'updating a record with a stale If-Match', method: 'PUT', path: () => `${zone}/A/myregistry?${DV}`, body: () => ({ properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.9' }] } }), headers: () => ({ 'If-Match': '00000000-0000-0000-0000-000000000000' }), status: 412, code: 'PreconditionFailed' },
    { name: 'patching a record with a stale If-Match', method: 'PATCH', path: () => `${zone}/A/myregistry?${DV}`, body: () => ({ properties: { ttl: 60 } }), headers: () => ({ 'If-Match': 'stale' }), status: 412, code: 'PreconditionFailed' },
    { name: 'deleting a record with a stale If-Match', method: 'DELETE', path: () => `${zone}/A/myregistry?${DV}`, headers: () => ({ 'If-Match': 'stale' }), status: 412, code: 'PreconditionFailed' },
    { name: 'deleting a zone that still has links', method: 'DELETE', path: () => `${zone}?${DV}`, status: 409, code: 'CannotDeleteResource' },
    { name: 'disabling public access on a Basic registry', method: 'PATCH', path: () => `/subscriptions/${SUB2}/resourceGroups/devResourceGroup/providers/Microsoft.ContainerRegistry/registries/basicregistry?${CV}`, body: () => ({ properties: { publicNetworkAccess: 'Disabled' } }), status: 400, code: 'DisablingPublicNetworkAccessNotSupported' },
    { name: 'an unknown connection status', method: 'PUT', path: () => `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/myregistry/privateEndpointConnections/myPrivateEndpoint.8e1b9c52-4a07-4d3e-a6f1-2c9d7b5e0f14?${CV}`, body: () => ({ properties: { privateLinkServiceConnectionState: { status: 'Maybe' } } }), status: 400, code: 'InvalidRequestFormat' },
  ];

  for (const c of cases) {
    void it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = (await raw(sb, 'GET', '/_sandbox/state')).text;
      const headers = c.headers?.() ?? {};
      const res = c.noAuth ? await raw(sb, c.method, c.path(), c.body?.(), headers) : await arm(sb, c.method, c.path(), c.body?.(), headers);
      assert.equal(res.status, c.status, res.text);
      // Private DNS answers a 412 as `{ code, message }`, without ARM's `error` wrapper (as recorded from Azure).
      const body = res.json as { error?: { code?: string; message?: string }; code?: string; message?: string };
      const err = c.status === 412 ? body : body.error;
      if (c.status === 412) assert.equal(body.error, undefined, res.text);
      assert.equal(err?.code, c.code, res.text);
      assert.ok(err?.message, 'has a message');
      assert.equal((await raw(sb, 'GET', '/_sandbox/state')).text, before, 'state unchanged');
    });
  }

  void it('a matching If-Match updates the record and issues a new etag', async () => {
    const res = await arm(sb, 'PATCH', `${zone}/A/myregistry?${DV}`, { properties: { ttl: 60 } }, { 'If-Match': etag });
    assert.equal(res.status, 200, res.text);
    const body = res.json as { etag: string; properties: { ttl: number; aRecords: unknown[] } };
    assert.notEqual(body.etag, etag);
    assert.equal(body.properties.ttl, 60);
    assert.deepEqual(body.properties.aRecords, [{ ipv4Address: '10.0.0.7' }]);
    const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; ifMatch: string | null; status: number }[] };
    assert.deepEqual(log.value.filter((e) => e.method === 'PATCH' && e.status === 200).map((e) => e.ifMatch), [etag]);
  });

  void it('deleting a missing record answers 204, an existing one 200', async () => {
    assert.equal((await arm(sb, 'DELETE', `${zone}/A/nothing-here?${DV}`)).status, 204);
    assert.equal((await arm(sb, 'DELETE', `${zone}/A/myregistry.westeurope.data?${DV}`)).status, 200);
    assert.equal((await arm(sb, 'GET', `${zone}/A/myregistry.westeurope.data?${DV}`)).status, 404);
  });
});
