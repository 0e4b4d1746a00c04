import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { planCreateEndpoint } from '../../../src/provisioning/planCreateEndpoint';
import { renderAzureCli, shellQuote } from '../../../src/provisioning/azureCli';
import { form, inventory, registryId, RG, SUB, vnetId, zoneId } from './fixtures';

const peId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/myPrivateEndpoint`;

void describe('create-endpoint form: the plan', () => {
  void it('the seed document\'s CLI flow: zone (If-None-Match *), link (registration off), endpoint, zone group', () => {
    assert.deepEqual(planCreateEndpoint(form(), inventory()).steps, [
      { kind: 'createPrivateDnsZone', subscriptionId: SUB, resourceGroup: RG, zoneName: 'privatelink.azurecr.io', ifNoneMatch: '*' },
      { kind: 'createVirtualNetworkLink', privateDnsZoneId: zoneId, linkName: 'MyDNSLink', virtualNetworkId: vnetId, registrationEnabled: false, ifNoneMatch: '*' },
      {
        kind: 'createPrivateEndpoint',
        privateEndpointId: peId,
        location: 'westeurope',
        subnetId: `${vnetId}/subnets/myDockerVMSubnet`,
        manual: false,
        connection: { name: 'myConnection', privateLinkServiceId: registryId, groupIds: ['registry'] },
      },
      { kind: 'createPrivateDnsZoneGroup', privateEndpointId: peId, name: 'default', privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: zoneId }] },
    ]);
  });

  void it('an existing zone already linked to the VNet adds neither zone nor link', () => {
    const i = inventory({ zones: [{ id: zoneId, name: 'privatelink.azurecr.io', resourceGroup: RG, linkedVirtualNetworkIds: [vnetId.toUpperCase()] }] });
    const kinds = planCreateEndpoint(form({ zoneMode: 'existing', privateDnsZoneId: zoneId }), i).steps.map((s) => s.kind);
    assert.deepEqual(kinds, ['createPrivateEndpoint', 'createPrivateDnsZoneGroup']);
  });

  void it('new resource group, provider registration and subnet policies come first, in that order', () => {
    const f = form({ resourceGroup: 'pe-rg', createResourceGroup: true, registerProvider: true, subnetName: 'guarded', disableSubnetPolicies: true });
    const steps = planCreateEndpoint(f, inventory({ providerRegistrationState: 'NotRegistered' })).steps;
    assert.deepEqual(steps.slice(0, 3), [
      { kind: 'createResourceGroup', subscriptionId: SUB, resourceGroup: 'pe-rg', location: 'westeurope' },
      { kind: 'registerProvider', subscriptionId: SUB, namespace: 'Microsoft.ContainerRegistry' },
      { kind: 'disableSubnetPolicies', subnetId: `${vnetId}/subnets/guarded` },
    ]);
  });

  void it('manual approval sends the request message; without DNS integration there is no zone, link or group', () => {
    const steps = planCreateEndpoint(form({ manualApproval: true, requestMessage: 'Please approve', privateDnsIntegration: false }), inventory()).steps;
    assert.deepEqual(steps.map((s) => s.kind), ['createPrivateEndpoint']);
    const pe = steps[0];
    assert.ok(pe?.kind === 'createPrivateEndpoint');
    assert.equal(pe.manual, true);
    assert.equal(pe.connection.requestMessage, 'Please approve');
  });

  void it('refuses to plan an invalid form, whatever the webview said', () => {
    assert.throws(() => planCreateEndpoint(form({ name: '-bad' }), inventory()), /The form is not valid: name: /);
  });
});

void describe('create-endpoint form: Show as Azure CLI', () => {
  void it('prints the seed document\'s commands with the form\'s values', () => {
    const cli = renderAzureCli(planCreateEndpoint(form({ manualApproval: true, requestMessage: "Team's build agents" }), inventory()));
    assert.match(cli, /az network private-dns zone create \\\n {2}--subscription 00000000-0000-4000-8000-000000000001 \\\n {2}--resource-group myResourceGroup \\\n {2}--name privatelink\.azurecr\.io/);
    assert.match(cli, /az network private-dns link vnet create[^]*--name MyDNSLink[^]*--registration-enabled false/);
    assert.match(cli, /az network private-endpoint create[^]*--group-ids registry[^]*--connection-name myConnection[^]*--manual-request true[^]*--request-message 'Team'\\''s build agents'/);
    assert.match(cli, /az network private-endpoint dns-zone-group create[^]*--endpoint-name myPrivateEndpoint[^]*--private-dns-zone \/subscriptions\//);
  });

  void it('quotes anything the shell could read as code', () => {
    assert.equal(shellQuote('myregistry'), 'myregistry');
    assert.equal(shellQuote('$(rm -rf ~)'), "'$(rm -rf ~)'");
    assert.equal(shellQuote("a'b"), "'a'\\''b'");
    assert.equal(shellQuote('<script>alert(1)</script>'), "'<script>alert(1)</script>'");
  });
});
