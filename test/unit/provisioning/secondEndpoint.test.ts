// A second endpoint of a registry in a VNet that already has one: the form says so before Create,
// and why the seed document puts each region's endpoint, VNet and zone in a resource group of its own.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { validateCreateEndpoint } from '../../../src/provisioning/validateCreateEndpoint';
import { defaultCreateEndpointForm } from '../../../src/provisioning/createEndpointForm';
import { form, inventory, RG, SUB, vnetId, registryId } from './fixtures';

const existing = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint`;
const withEndpoint = () => inventory({ privateEndpointIds: [existing], registryEndpoints: [{ id: existing, virtualNetworkId: vnetId, registryIds: [registryId] }] });

void describe('create-endpoint form: a second endpoint of the registry in one VNet', () => {
  void it('warns under the VNet, naming the endpoint already there, what the shared records do, and the seed document\'s advice; it does not block', () => {
    const v = validateCreateEndpoint(form({ name: 'mySecondEndpoint' }), withEndpoint());
    assert.equal(v.valid, true);
    const note = v.notes.virtualNetworkId ?? '';
    assert.match(note, /^myDockerVMVNET already has a private endpoint for myregistry \(myPrivateEndpoint\)\./);
    assert.match(note, /the one written last replaces the other's IPs/);
    assert.match(note, /deleting either endpoint deletes the records its zone group wrote/);
    assert.match(note, /each region in its own resource group with its own VNet and its own private DNS zone/);
  });

  void it('says nothing for a VNet without an endpoint of this registry, or with an endpoint of another registry only', () => {
    assert.equal(validateCreateEndpoint(form(), inventory()).notes.virtualNetworkId, undefined);
    const other = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/otherregistry`;
    const i = inventory({ registryEndpoints: [{ id: existing, virtualNetworkId: vnetId, registryIds: [other] }] });
    assert.equal(validateCreateEndpoint(form({ name: 'pe2' }), i).notes.virtualNetworkId, undefined);
  });

  void it('pre-fills a VNet of the registry\'s region that has no endpoint of it yet, when there is one', () => {
    const i = withEndpoint();
    const spoke = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/spokeVNET`;
    i.virtualNetworks.push({ id: spoke, name: 'spokeVNET', resourceGroup: RG, location: 'westeurope', subnets: [{ id: `${spoke}/subnets/default`, name: 'default', addressPrefix: '10.1.0.0/24', privateEndpointNetworkPolicies: 'Disabled', freeIpCount: 250, delegated: false }] });
    assert.equal(defaultCreateEndpointForm(i, registryId).virtualNetworkId, spoke);
    // with no other VNet, the one it has is still offered (with the warning)
    assert.equal(defaultCreateEndpointForm(withEndpoint(), registryId).virtualNetworkId, vnetId);
  });
});
