import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { validateCreateEndpoint } from '../../../src/provisioning/validateCreateEndpoint';
import { parseCreateEndpointForm, defaultCreateEndpointForm } from '../../../src/provisioning/createEndpointForm';
import { privateEndpointNameProblem, resourceGroupNameProblem } from '../../../src/provisioning/namingRules';
import { basicRegistryId, form, inventory, RG, SUB, vnetId, zoneId, registryId } from './fixtures';

const errorsOf = (f = form(), i = inventory()) => validateCreateEndpoint(f, i).errors;

void describe('create-endpoint form: validation', () => {
  void it('accepts the seed document\'s values: myPrivateEndpoint in myDockerVMSubnet, new zone privatelink.azurecr.io', () => {
    const v = validateCreateEndpoint(form(), inventory());
    assert.deepEqual(v.errors, {});
    assert.equal(v.valid, true);
  });

  void it('private endpoint names: 2–64 characters, start alphanumeric, end alphanumeric or underscore', () => {
    assert.equal(privateEndpointNameProblem('pe'), undefined);
    assert.equal(privateEndpointNameProblem('my.private_endpoint-1_'), undefined);
    assert.equal(privateEndpointNameProblem('a'.repeat(64)), undefined);
    assert.match(privateEndpointNameProblem('p') ?? '', /2 to 64/);
    assert.match(privateEndpointNameProblem('a'.repeat(65)) ?? '', /2 to 64/);
    assert.match(privateEndpointNameProblem('-pe') ?? '', /start with a letter or digit/);
    assert.match(privateEndpointNameProblem('pe-') ?? '', /end with a letter, digit or underscore/);
    assert.match(privateEndpointNameProblem('pe<script>') ?? '', /Use letters/);
    assert.match(privateEndpointNameProblem('') ?? '', /Enter a name/);
  });

  void it('resource group names allow letters of any script, parentheses and periods, but no trailing period', () => {
    assert.equal(resourceGroupNameProblem('rg-(west).eu'), undefined);
    assert.equal(resourceGroupNameProblem('גרופה'), undefined);
    assert.match(resourceGroupNameProblem('rg.') ?? '', /cannot end with a period/);
    assert.match(resourceGroupNameProblem('rg/1') ?? '', /Use letters/);
  });

  void it('says the name is taken when an endpoint of that name exists in the resource group (any case)', () => {
    const taken = inventory({ privateEndpointIds: [`/subscriptions/${SUB}/resourceGroups/myresourcegroup/providers/Microsoft.Network/privateEndpoints/MYPRIVATEENDPOINT`] });
    assert.match(errorsOf(form(), taken).name ?? '', /already exists in myResourceGroup/);
  });

  void it('explains why a Basic registry cannot be chosen', () => {
    assert.match(errorsOf(form({ registryId: basicRegistryId })).registryId ?? '', /basicregistry is Basic; private endpoints need the Premium tier/);
  });

  void it('refuses a subnet without enough free addresses for registry + westeurope + eastus', () => {
    assert.match(errorsOf(form({ subnetName: 'tiny' })).subnetName ?? '', /has 2 free addresses; the endpoint needs 3/);
  });

  void it('asks to disable network policies on a subnet that has them enabled, and accepts once ticked', () => {
    assert.match(errorsOf(form({ subnetName: 'guarded' })).disableSubnetPolicies ?? '', /policies are enabled on guarded/);
    assert.equal(errorsOf(form({ subnetName: 'guarded', disableSubnetPolicies: true })).disableSubnetPolicies, undefined);
  });

  void it('offers to register Microsoft.ContainerRegistry when the subscription has not', () => {
    const unregistered = inventory({ providerRegistrationState: 'NotRegistered' });
    assert.match(errorsOf(form(), unregistered).registerProvider ?? '', /NotRegistered in this subscription; register it/);
    assert.equal(errorsOf(form({ registerProvider: true }), unregistered).registerProvider, undefined);
  });

  void it('requires the endpoint in its VNet\'s region', () => {
    assert.match(errorsOf(form({ location: 'eastus' })).location ?? '', /region of its virtual network \(westeurope\)/);
  });

  void it('a request message over 140 characters is refused with its length', () => {
    assert.match(errorsOf(form({ manualApproval: true, requestMessage: 'x'.repeat(141) })).requestMessage ?? '', /141 characters long; Azure accepts at most 140/);
    assert.equal(errorsOf(form({ manualApproval: true, requestMessage: 'x'.repeat(140) })).requestMessage, undefined);
  });

  void it('an existing zone must be named privatelink.azurecr.io', () => {
    const wrong = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/azurecr.io`;
    const i = inventory({ zones: [{ id: wrong, name: 'azurecr.io', resourceGroup: RG, linkedVirtualNetworkIds: [] }] });
    assert.match(errorsOf(form({ zoneMode: 'existing', privateDnsZoneId: wrong }), i).privateDnsZoneId ?? '', /must be named exactly privatelink\.azurecr\.io/);
  });

  void it('a new zone where one exists, or a second zone for a VNet already linked, is refused', () => {
    const i = inventory({ zones: [{ id: zoneId, name: 'privatelink.azurecr.io', resourceGroup: RG, linkedVirtualNetworkIds: [vnetId] }] });
    const e = errorsOf(form({ zoneMode: 'new' }), i);
    assert.match(e.zoneResourceGroup ?? '', /already has a privatelink\.azurecr\.io zone/);
    assert.match(e.privateDnsZoneId ?? '', /already linked to the privatelink\.azurecr\.io zone in myResourceGroup/);
  });

  void it('a new resource group must not exist; an existing one must', () => {
    assert.match(errorsOf(form({ createResourceGroup: true })).resourceGroup ?? '', /already exists/);
    assert.match(errorsOf(form({ resourceGroup: 'nope' })).resourceGroup ?? '', /no resource group nope/);
    assert.equal(errorsOf(form({ resourceGroup: 'new-rg', createResourceGroup: true, zoneResourceGroup: 'new-rg' })).resourceGroup, undefined);
  });

  void it('the default form for myregistry is valid and names things after the registry', () => {
    const f = defaultCreateEndpointForm(inventory(), registryId);
    assert.equal(f.name, 'myregistry-pe');
    assert.equal(f.subnetName, 'myDockerVMSubnet');
    assert.deepEqual(errorsOf(f), {});
  });

  void it('parses only a complete form with the right types (the extension never trusts the webview)', () => {
    assert.deepEqual(parseCreateEndpointForm(form()), form());
    assert.equal(parseCreateEndpointForm({ ...form(), extra: 1 }), undefined);
    assert.equal(parseCreateEndpointForm({ ...form(), manualApproval: 'yes' }), undefined);
    assert.equal(parseCreateEndpointForm({ ...form(), groupId: 'registry_data_westeurope' }), undefined);
    const { name: _omitted, ...missing } = form();
    assert.equal(parseCreateEndpointForm(missing), undefined);
    assert.equal(parseCreateEndpointForm(null), undefined);
  });
});
