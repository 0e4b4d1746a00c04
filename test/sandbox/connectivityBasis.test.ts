// What a kept connectivity result rests on, read through the real SDKs from the sandbox's
// registry-network world: the route table put on nsgregistry's endpoint subnet (read only where the
// subnet's network policies let user-defined routes apply), its network security group's rules for
// TCP 443, and a route table that cannot be read, which leaves the result "cannot tell".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAzureServices, createSandboxCredential } from '../../src/azure';
import { connectivityBasis } from '../../src/diagnosis';
import { compareBasis } from '../../src/model/connectivityBasis';
import type { Snapshot } from '../../src/model/types';
import { REGISTRY_NETWORK, SEED, SUBSCRIPTION_PRODUCTION, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { arm, raw } from './helpers';
import { inject } from './faultWorld';

const network = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.Network`;
const registryId = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${REGISTRY_NETWORK.nsgRegistry}`;
const subnetId = `${network}/virtualNetworks/${SEED.vnet}/subnets/${REGISTRY_NETWORK.nsgSubnet}`;
const routeTableId = `${network}/routeTables/nsgSubnet-routes`;
const API = 'api-version=2024-05-01';

function load(sb: RunningSandbox, inventorySource: 'arm' | 'resourceGraph'): Promise<Snapshot> {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    pollIntervalMs: 1,
    retry: { maxRetries: 0, baseDelayMs: 1 },
    inventorySource,
  }).loader.loadSnapshot();
}

async function putRoutes(sb: RunningSandbox, nextHopType: string, nextHopIpAddress?: string): Promise<void> {
  const put = await arm(sb, 'PUT', `${routeTableId}?${API}`, {
    location: SEED.location,
    properties: { routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType, ...(nextHopIpAddress ? { nextHopIpAddress } : {}) } }] },
  });
  assert.ok(put.status === 200 || put.status === 201, put.text);
}

async function putSubnet(sb: RunningSandbox, policies: string): Promise<void> {
  const put = await arm(sb, 'PUT', `${subnetId}?${API}`, { properties: { addressPrefix: '10.0.4.0/24', privateEndpointNetworkPolicies: policies, routeTable: { id: routeTableId } } });
  assert.ok(put.status === 200, put.text);
}

void describe('sandbox: what a connectivity result rests on', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ scenario: 'registry-network' });
  });
  after(async () => sb.close());

  void it('a route table on the endpoint subnet is read, from ARM and Resource Graph alike, only where the policies let its routes apply, and its routes are part of the basis', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'registry-network' });
    await putRoutes(sb, 'VirtualAppliance', '10.0.9.4');
    const table = await arm(sb, 'GET', `${routeTableId}?${API}`);
    assert.equal(table.status, 200, table.text);
    await putSubnet(sb, 'NetworkSecurityGroupEnabled');
    const notApplying = await load(sb, 'arm');
    assert.equal(notApplying.virtualNetworks.flatMap((v) => v.subnets).find((s) => s.name === REGISTRY_NETWORK.nsgSubnet)?.routeTableId?.toLowerCase(), routeTableId.toLowerCase());
    assert.equal(notApplying.routeTables, undefined, 'the routes do not apply to the endpoint: not read');

    await putSubnet(sb, 'Enabled');
    for (const source of ['arm', 'resourceGraph'] as const) {
      const snapshot = await load(sb, source);
      assert.deepEqual(
        snapshot.routeTables?.map((t) => [t.name, t.routes.map((r) => `${r.addressPrefix} ${r.nextHopType} ${r.nextHopIpAddress ?? ''}`)]),
        [['nsgSubnet-routes', ['0.0.0.0/0 VirtualAppliance 10.0.9.4']]],
        source,
      );
      const part = connectivityBasis(snapshot, registryId).parts[`endpoint:${snapshot.privateEndpoints.find((e) => sameSubnet(e.subnetId))!.id.toLowerCase()}`] ?? '';
      assert.match(part, /0\.0\.0\.0\/0 VirtualAppliance 10\.0\.9\.4/, source);
      assert.match(part, /DenyVnetHttpsInbound/, 'the group\'s rule that denies TCP 443 is part of it too');
    }

    // The route changed after the check: outdated.
    const checked = connectivityBasis(await load(sb, 'arm'), registryId);
    await putRoutes(sb, 'Internet');
    assert.equal(compareBasis(checked, connectivityBasis(await load(sb, 'arm'), registryId)).state, 'changed');
  });

  void it('a route table that cannot be read makes the comparison "cannot tell", naming the table and Azure\'s answer', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'registry-network' });
    await raw(sb, 'DELETE', '/_sandbox/faults');
    await putRoutes(sb, 'Internet');
    await putSubnet(sb, 'RouteTableEnabled');
    const checked = connectivityBasis(await load(sb, 'arm'), registryId);
    await inject(sb, { method: 'GET', pathPattern: '/routeTables/nsgSubnet-routes$', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } });
    const snapshot = await load(sb, 'arm');
    assert.deepEqual(snapshot.errors.filter((e) => e.read === 'routeTable').map((e) => [e.status, e.code]), [[403, 'AuthorizationFailed']]);
    assert.deepEqual(compareBasis(checked, connectivityBasis(snapshot, registryId)), { state: 'unknown', unread: ['route table nsgSubnet-routes could not be read (403 AuthorizationFailed)'] });
    await raw(sb, 'DELETE', '/_sandbox/faults');
  });

  void it('a subnet naming a route table that does not exist is refused, and the subnet is left as it was', async () => {
    await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'registry-network' });
    const put = await arm(sb, 'PUT', `${subnetId}?${API}`, { properties: { addressPrefix: '10.0.4.0/24', routeTable: { id: `${network}/routeTables/nowhere` } } });
    assert.equal(put.status, 400, put.text);
    assert.match(put.text, /InvalidResourceReference/);
    const subnet = await arm(sb, 'GET', `${subnetId}?${API}`);
    assert.doesNotMatch(subnet.text, /routeTable/);
  });
});

function sameSubnet(id: string): boolean {
  return id.toLowerCase() === subnetId.toLowerCase();
}
