// The create-registry form: Azure's registry naming rule, the live name check's answers, the regions,
// the endpoint half validated by the create-endpoint rules (a subnet without room for every region),
// the plan's order (registry and replicas before the endpoint) and its az lines.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CreateRegistryForm, CreateRegistryInventory, RegistryNameCheck } from '../../../src/provisioning/createRegistryForm';
import { defaultCreateRegistryForm, parseCreateRegistryForm, registryIdOf } from '../../../src/provisioning/createRegistryForm';
import { validateCreateRegistry } from '../../../src/provisioning/validateCreateRegistry';
import { planCreateRegistry } from '../../../src/provisioning/planCreateRegistry';
import { registryNameProblem } from '../../../src/provisioning/namingRules';
import { renderAzureCli } from '../../../src/provisioning/azureCli';
import { describeCreated, describeStep } from '../../../src/provisioning/steps';
import { inventory as endpointInventory, RG, SUB, vnetId, zoneId } from './fixtures';

const newRegistryId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/contosoprivate`;
const available: RegistryNameCheck = { name: 'contosoprivate', nameAvailable: true };

function inventory(overrides: Partial<CreateRegistryInventory> = {}): CreateRegistryInventory {
  return {
    ...endpointInventory(),
    regions: [
      { name: 'eastus', displayName: 'East US' },
      { name: 'northeurope', displayName: 'North Europe' },
      { name: 'westeurope', displayName: 'West Europe' },
    ],
    ...overrides,
  };
}

function form(overrides: Partial<CreateRegistryForm> = {}): CreateRegistryForm {
  return {
    subscriptionId: SUB,
    resourceGroup: RG,
    createResourceGroup: false,
    registryName: 'contosoprivate',
    location: 'westeurope',
    replicaLocations: [],
    publicNetworkAccess: 'Disabled',
    endpointName: 'contosoprivate-pe',
    virtualNetworkId: vnetId,
    subnetName: 'myDockerVMSubnet',
    disableSubnetPolicies: false,
    connectionName: 'contosoprivate-pe-connection',
    registerProvider: false,
    privateDnsIntegration: true,
    zoneMode: 'new',
    privateDnsZoneId: '',
    zoneResourceGroup: RG,
    linkName: 'MyDNSLink',
    ...overrides,
  };
}

void describe('create-registry form: validation', () => {
  void it('Azure\'s naming rule: 5–50 letters and digits, nothing else', () => {
    assert.equal(registryNameProblem('contosoprivate'), undefined);
    assert.equal(registryNameProblem('a'.repeat(50)), undefined);
    assert.match(registryNameProblem('') ?? '', /Enter a name/);
    assert.match(registryNameProblem('acr1') ?? '', /5 to 50 characters long; this one has 4/);
    assert.match(registryNameProblem('a'.repeat(51)) ?? '', /this one has 51/);
    assert.match(registryNameProblem('contoso-private') ?? '', /only letters and digits/);
    assert.match(registryNameProblem('contoso_private') ?? '', /only letters and digits/);
  });

  void it('valid with an available name; the note says the login server is free', () => {
    const v = validateCreateRegistry(form(), inventory(), available);
    assert.deepEqual(v.errors, {});
    assert.equal(v.valid, true);
    assert.equal(v.notes.registryName, 'contosoprivate is available.');
  });

  void it('a name not checked yet (or checked for another spelling) blocks submission while the check runs', () => {
    assert.match(validateCreateRegistry(form(), inventory(), undefined).errors.registryName ?? '', /Checking whether contosoprivate is available/);
    assert.match(validateCreateRegistry(form({ registryName: 'contosoprivate2' }), inventory(), available).errors.registryName ?? '', /Checking/);
  });

  void it('Azure\'s AlreadyExists: the name is taken, with Azure\'s message', () => {
    const taken: RegistryNameCheck = { name: 'contosoprivate', nameAvailable: false, reason: 'AlreadyExists', message: 'The registry contosoprivate is already in use.' };
    const v = validateCreateRegistry(form(), inventory(), taken);
    assert.equal(v.valid, false);
    assert.equal(v.errors.registryName, 'contosoprivate is taken: The registry contosoprivate is already in use. Registry names are unique across Azure; choose another.');
  });

  void it('Azure\'s Invalid: the reason and the message are shown', () => {
    const invalid: RegistryNameCheck = { name: 'contosoprivate', nameAvailable: false, reason: 'Invalid', message: 'The name is reserved.' };
    assert.equal(validateCreateRegistry(form(), inventory(), invalid).errors.registryName, 'Azure refuses the name contosoprivate (Invalid): The name is reserved.');
  });

  void it('a check that failed is said as such and does not block (the extension checks again before creating)', () => {
    const v = validateCreateRegistry(form(), inventory(), { name: 'contosoprivate', error: 'Azure answered 429 TooManyRequests.' });
    assert.equal(v.valid, true);
    assert.match(v.notes.registryName ?? '', /Could not check whether contosoprivate is available \(Azure answered 429/);
  });

  void it('a registry of that name in the subscription is refused without asking Azure', () => {
    assert.match(validateCreateRegistry(form({ registryName: 'MyRegistry' }), inventory(), undefined).errors.registryName ?? '', /myregistry already exists in this subscription/);
  });

  void it('no region, an unknown region, a replica in the home region or twice', () => {
    assert.equal(validateCreateRegistry(form({ location: '' }), inventory(), available).errors.location, "Choose the registry's region.");
    assert.match(validateCreateRegistry(form({ location: 'mars' }), inventory(), available).errors.location ?? '', /mars is not a region/);
    assert.match(validateCreateRegistry(form({ replicaLocations: ['westeurope'] }), inventory(), available).errors.replicaLocations ?? '', /home region/);
    assert.match(validateCreateRegistry(form({ replicaLocations: ['eastus', 'eastus'] }), inventory(), available).errors.replicaLocations ?? '', /chosen twice/);
    assert.deepEqual(validateCreateRegistry(form({ replicaLocations: ['eastus', 'northeurope'] }), inventory(), available).errors, {});
  });

  void it('the endpoint half: a subnet without room for the registry and every region is refused, with the count', () => {
    // tiny has 2 free addresses; the endpoint needs 1 + 1 region.
    assert.deepEqual(validateCreateRegistry(form({ subnetName: 'tiny' }), inventory(), available).errors, {});
    const v = validateCreateRegistry(form({ subnetName: 'tiny', replicaLocations: ['eastus'] }), inventory(), available);
    assert.equal(v.errors.subnetName, 'Subnet tiny has 2 free addresses; the endpoint needs 3 (registry and one per data endpoint region).');
  });

  void it('the endpoint half: names, policies and the zone are checked by the create-endpoint rules, shown on this form\'s fields', () => {
    const v = validateCreateRegistry(form({ endpointName: '-bad', subnetName: 'guarded', linkName: '' }), inventory(), available);
    assert.match(v.errors.endpointName ?? '', /start with a letter or digit/);
    assert.match(v.errors.disableSubnetPolicies ?? '', /network policies are enabled on guarded/);
    assert.match(v.errors.linkName ?? '', /Enter a name for the virtual network link/);
    assert.match(validateCreateRegistry(form({ virtualNetworkId: '' }), inventory(), available).errors.virtualNetworkId ?? '', /Choose the virtual network/);
  });

  void it('public access disabled is noted with what stops working (ACR Tasks need a VNet agent pool)', () => {
    assert.match(validateCreateRegistry(form(), inventory(), available).notes.publicNetworkAccess ?? '', /dedicated agent pool/);
    assert.equal(validateCreateRegistry(form({ publicNetworkAccess: 'Enabled' }), inventory(), available).notes.publicNetworkAccess, undefined);
  });

  void it('the default form picks the VNet, its subnet and a new zone, private access, no name yet', () => {
    const f = defaultCreateRegistryForm(inventory());
    assert.equal(f.virtualNetworkId, vnetId);
    assert.equal(f.subnetName, 'myDockerVMSubnet');
    assert.equal(f.location, 'westeurope');
    assert.equal(f.publicNetworkAccess, 'Disabled');
    assert.equal(f.zoneMode, 'new');
    assert.equal(f.registryName, '');
  });

  void it('a message\'s form is read strictly: unknown fields, wrong types and a non-list of replicas are refused', () => {
    assert.deepEqual(parseCreateRegistryForm(form()), form());
    assert.equal(parseCreateRegistryForm({ ...form(), extra: 1 }), undefined);
    assert.equal(parseCreateRegistryForm({ ...form(), replicaLocations: 'eastus' }), undefined);
    assert.equal(parseCreateRegistryForm({ ...form(), replicaLocations: [1] }), undefined);
    assert.equal(parseCreateRegistryForm({ ...form(), publicNetworkAccess: 'Maybe' }), undefined);
    assert.equal(parseCreateRegistryForm({ ...form(), createResourceGroup: 'yes' }), undefined);
  });
});

void describe('create-registry form: the plan and its az lines', () => {
  void it('registry, replicas, then the create-endpoint steps against the new registry', () => {
    const plan = planCreateRegistry(form({ replicaLocations: ['eastus'] }), inventory(), available);
    assert.deepEqual(plan.steps.slice(0, 2), [
      { kind: 'createRegistry', registryId: newRegistryId, location: 'westeurope', sku: 'Premium', publicNetworkAccess: 'Disabled' },
      { kind: 'createReplication', registryId: newRegistryId, replicationName: 'eastus', location: 'eastus' },
    ]);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['createRegistry', 'createReplication', 'createPrivateDnsZone', 'createVirtualNetworkLink', 'createPrivateEndpoint', 'createPrivateDnsZoneGroup']);
    const pe = plan.steps.find((s) => s.kind === 'createPrivateEndpoint');
    assert.ok(pe?.kind === 'createPrivateEndpoint');
    assert.equal(pe.connection.privateLinkServiceId, newRegistryId);
    assert.equal(pe.location, 'westeurope');
    assert.equal(registryIdOf(form()), newRegistryId);
  });

  void it('a new resource group and the provider registration come first, before the registry', () => {
    const i = inventory({ providerRegistrationState: 'NotRegistered' });
    const plan = planCreateRegistry(form({ createResourceGroup: true, resourceGroup: 'rg-new', zoneResourceGroup: 'rg-new', registerProvider: true }), i, available);
    assert.deepEqual(plan.steps.map((s) => s.kind).slice(0, 3), ['createResourceGroup', 'registerProvider', 'createRegistry']);
  });

  void it('an existing zone linked to the VNet: registry, endpoint, zone group only', () => {
    const i = inventory({ zones: [{ id: zoneId, name: 'privatelink.azurecr.io', resourceGroup: RG, linkedVirtualNetworkIds: [vnetId] }] });
    const plan = planCreateRegistry(form({ zoneMode: 'existing', privateDnsZoneId: zoneId }), i, available);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['createRegistry', 'createPrivateEndpoint', 'createPrivateDnsZoneGroup']);
  });

  void it('refuses to plan a form that is not valid (a taken name)', () => {
    assert.throws(() => planCreateRegistry(form(), inventory(), { name: 'contosoprivate', nameAvailable: false, reason: 'AlreadyExists', message: 'taken' }), /registryName: contosoprivate is taken/);
  });

  void it('Show as Azure CLI: az acr create (Premium, public access off), az acr replication create, then the endpoint commands', () => {
    const script = renderAzureCli(planCreateRegistry(form({ replicaLocations: ['eastus'] }), inventory(), available));
    assert.ok(script.includes(`az acr create \\\n  --subscription ${SUB} \\\n  --resource-group ${RG} \\\n  --name contosoprivate \\\n  --sku Premium \\\n  --location westeurope \\\n  --public-network-enabled false`), script);
    assert.ok(script.includes(`az acr replication create \\\n  --subscription ${SUB} \\\n  --resource-group ${RG} \\\n  --registry contosoprivate \\\n  --name eastus \\\n  --location eastus`), script);
    const order = ['az acr create', 'az acr replication create', 'az network private-dns zone create', 'az network private-dns link vnet create', 'az network private-endpoint create', 'az network private-endpoint dns-zone-group create'];
    const positions = order.map((c) => script.indexOf(c));
    assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)), script);
    assert.ok(script.includes(`--private-connection-resource-id ${newRegistryId}`));
    assert.match(renderAzureCli(planCreateRegistry(form({ publicNetworkAccess: 'Enabled' }), inventory(), available)), /--public-network-enabled true/);
  });

  void it('steps and what they leave are described in Azure\'s words', () => {
    const [registry, replica] = planCreateRegistry(form({ replicaLocations: ['eastus'] }), inventory(), available).steps;
    assert.equal(describeStep(registry!), 'Create Premium container registry contosoprivate in westeurope (public network access Disabled)');
    assert.equal(describeStep(replica!), 'Create geo-replica eastus of contosoprivate in eastus');
    assert.equal(describeCreated({ kind: 'registry', id: newRegistryId }), 'container registry contosoprivate');
    assert.equal(describeCreated({ kind: 'replication', id: `${newRegistryId}/replications/eastus` }), 'geo-replica eastus');
  });
});
