// Parts of ARM that clients other than the extension rely on: the generic resource list the Azure CLI
// uses to find a registry's resource group, and the Retry-After each resource provider sends with a
// long-running operation (which the Azure CLI waits for, and which must never read as "absent").

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, id, RG, SUB1, SUB2, withSandbox } from './helpers';

interface GenericResource {
  id: string;
  name: string;
  type: string;
  location: string;
  sku?: { name: string };
  properties?: unknown;
}

void describe('sandbox: the generic resource list (Resources_List)', () => {
  let sb: RunningSandbox;
  before(async () => ({ sb } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());

  const list = async (path: string, filter?: string): Promise<{ status: number; value: GenericResource[]; code?: string }> => {
    const q = new URLSearchParams({ 'api-version': '2021-04-01', ...(filter !== undefined ? { $filter: filter } : {}) });
    const res = await arm(sb, 'GET', `${path}?${q.toString()}`);
    const body = res.json as { value?: GenericResource[]; error?: { code: string } };
    return { status: res.status, value: body.value ?? [], ...(body.error ? { code: body.error.code } : {}) };
  };

  void it("finds a registry's group through resourceType eq, as `az acr … --name X` does", async () => {
    const r = await list(`/subscriptions/${SUB1}/resources`, "resourceType eq 'Microsoft.ContainerRegistry/registries'");
    assert.equal(r.status, 200);
    assert.deepEqual(r.value.map((x) => [x.id, x.name, x.type, x.location, x.sku?.name]), [[id.registry('myregistry'), 'myregistry', 'Microsoft.ContainerRegistry/registries', 'westeurope', 'Premium']]);
    // The generic list carries no properties unless asked to expand them.
    assert.equal(r.value[0]?.properties, undefined);
    const dev = await list(`/subscriptions/${SUB2}/resources`, "resourceType eq 'microsoft.containerregistry/registries'");
    assert.deepEqual(dev.value.map((x) => x.name).sort(), ['basicregistry', 'devregistry']);
  });

  void it('lists every tracked resource of a subscription or a group, and combines clauses with and', async () => {
    const all = await list(`/subscriptions/${SUB1}/resources`);
    const types = new Set(all.value.map((x) => x.type));
    for (const t of ['Microsoft.ContainerRegistry/registries', 'Microsoft.ContainerRegistry/registries/replications', 'Microsoft.Network/virtualNetworks', 'Microsoft.Network/networkInterfaces', 'Microsoft.Network/privateEndpoints', 'Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks']) {
      assert.ok(types.has(t), t);
    }
    const inGroup = await list(`/subscriptions/${SUB1}/resourceGroups/${RG}/resources`, "resourceType eq 'Microsoft.Network/privateDnsZones' and name eq 'privatelink.azurecr.io'");
    assert.deepEqual(inGroup.value.map((x) => [x.name, x.location]), [['privatelink.azurecr.io', 'global']]);
    const sub = await list(`/subscriptions/${SUB1}/resources`, "substringof('myPrivate', name)");
    assert.ok(sub.value.some((x) => x.type === 'Microsoft.Network/privateEndpoints' && x.name === 'myPrivateEndpoint'));
  });

  void it('refuses a filter it does not understand as ARM does, and an unknown group', async () => {
    const bad = await list(`/subscriptions/${SUB1}/resources`, "startswith(resourceType, 'Microsoft.Network')");
    assert.deepEqual([bad.status, bad.code], [400, 'InvalidFilterInQueryString']);
    const missing = await list(`/subscriptions/${SUB1}/resourceGroups/noSuchGroup/resources`);
    assert.deepEqual([missing.status, missing.code], [404, 'ResourceGroupNotFound']);
  });
});

void describe('sandbox: long-running operations and Retry-After', () => {
  let sb: RunningSandbox;
  before(async () => ({ sb } = await withSandbox({ scenario: 'empty' })));
  after(async () => sb.close());

  const v = { net: 'api-version=2025-05-01', dns: 'api-version=2024-06-01' };

  void it('a Network PUT answers Retry-After: 10 and its operation has Succeeded at the first poll', async () => {
    const put = await arm(sb, 'PUT', `${id.subnet('myDockerVMVNET', 'myDockerVMSubnet')}?${v.net}`, { properties: { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' } });
    assert.equal(put.status, 200);
    assert.equal(put.headers['retry-after'], '10');
    const poll = await arm(sb, 'GET', String(put.headers['azure-asyncoperation']));
    assert.equal((poll.json as { status: string }).status, 'Succeeded');
    assert.equal(poll.headers['retry-after'], undefined);
  });

  void it('a Private DNS zone PUT answers 202 with Retry-After: 60; the status and the result are final at once', async () => {
    const put = await arm(sb, 'PUT', `${id.zone('privatelink.azurecr.io')}?${v.dns}`, { location: 'global' });
    assert.equal(put.status, 202);
    assert.equal(put.headers['retry-after'], '60');
    const status = await arm(sb, 'GET', String(put.headers['azure-asyncoperation']));
    assert.equal((status.json as { status: string }).status, 'Succeeded');
    const result = await arm(sb, 'GET', String(put.headers['location']));
    assert.equal(result.status, 200);
  });

  void it('an endpoint PUT and a zone DELETE carry their provider\'s value; a Container Registry operation carries none', async () => {
    const pe = await arm(sb, 'PUT', `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/pe1?${v.net}`, {
      location: 'westeurope',
      properties: { subnet: { id: id.subnet('myDockerVMVNET', 'myDockerVMSubnet') }, privateLinkServiceConnections: [{ name: 'c1', properties: { privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'] } }] },
    });
    assert.deepEqual([pe.status, pe.headers['retry-after']], [201, '10']);
    const del = await arm(sb, 'DELETE', `${id.zone('privatelink.azurecr.io')}?${v.dns}`);
    assert.deepEqual([del.status, del.headers['retry-after']], [202, '60']);
    const rep = await arm(sb, 'PUT', `${id.registry('myregistry')}/replications/northeurope?api-version=2025-04-01`, { location: 'northeurope' });
    assert.equal(rep.status, 201);
    assert.equal(rep.headers['retry-after'], undefined);
    const poll = await arm(sb, 'GET', String(rep.headers['azure-asyncoperation']));
    assert.equal((poll.json as { status: string }).status, 'Succeeded');
  });
});
