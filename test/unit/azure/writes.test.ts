// Fix plans through the real SDK clients and a fake transport: the preconditions on the wire, what a
// 412 and a failure do to the rest of the plan, and the cache the writes invalidate.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAzureServices } from '../../../src/azure';
import type { AzureModule } from '../../../src/session/azureModule';
import * as azure from '../../../src/azure';
import type { ArmWrite, FixPlan } from '../../../src/model/fixPlan';
import type { Registry } from '../../../src/model/types';
import { FakeArm, TARGET, armError, fakeCredential } from './fakeArm';

const SUB = '00000000-0000-4000-8000-000000000001';
const RG = 'myResourceGroup';
const ZONE_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
const REGISTRY_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/myregistry`;

function recordBody(name: string, ips: string[], etag: string) {
  return { id: `${ZONE_ID}/A/${name}`, name, etag, properties: { ttl: 3600, fqdn: `${name}.privatelink.azurecr.io.`, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) } };
}

const createEastus: ArmWrite = { kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'myregistry.eastus.data', ttl: 3600, ipv4Addresses: ['10.0.0.5'], ifNoneMatch: '*' };
const addToLogin: ArmWrite = { kind: 'addToARecordSet', recordSetId: `${ZONE_ID}/A/myregistry`, ifMatch: 'etag-1', ttl: 3600, existingIpv4Addresses: ['10.0.0.7'], addedIpv4Addresses: ['10.1.0.4'] };
const plan = (...writes: ArmWrite[]): FixPlan => ({ title: 'fix', findingKey: 'k', writes, safe: true });

function services(fake: FakeArm) {
  return createAzureServices({ target: TARGET, credential: fakeCredential, httpClient: fake, pollIntervalMs: 1, retry: { delay: () => Promise.resolve() } });
}

void describe('writes', () => {
  void it('creates a record set only if absent (If-None-Match: *) and reports the new etag', async () => {
    const fake = new FakeArm().on('PUT', '*/A/myregistry.eastus.data', { status: 201, body: recordBody('myregistry.eastus.data', ['10.0.0.5'], 'new-etag') });
    const [outcome] = await services(fake).applyFixPlan(plan(createEastus));
    assert.deepEqual(outcome, { write: createEastus, status: 'applied', resourceId: `${ZONE_ID}/A/myregistry.eastus.data`, etag: 'new-etag' });
    const [put] = fake.requests('PUT');
    assert.equal(put?.headers['if-none-match'], '*');
    assert.deepEqual(put?.body, { properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.5' }] } });
  });

  void it('adds an IP only to the version read (If-Match), keeping the IPs that were there', async () => {
    const fake = new FakeArm().on('PATCH', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.7', '10.1.0.4'], 'etag-2') });
    const [outcome] = await services(fake).applyFixPlan(plan(addToLogin));
    assert.equal(outcome?.status, 'applied');
    const [patch] = fake.requests('PATCH');
    assert.equal(patch?.headers['if-match'], 'etag-1');
    assert.deepEqual(patch?.body, { properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.7' }, { ipv4Address: '10.1.0.4' }] } });
  });

  void it('a record set read without an etag (Resource Graph) gets its etag from ARM just before the write, which stays conditional', async () => {
    const fake = new FakeArm()
      .on('GET', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.7'], 'etag-from-arm') })
      .on('PATCH', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.7', '10.1.0.4'], 'etag-2') });
    const [outcome] = await services(fake).applyFixPlan(plan({ ...addToLogin, ifMatch: '' }));
    assert.equal(outcome?.status, 'applied');
    assert.equal(fake.requests('GET', '/A/myregistry').length, 1);
    assert.equal(fake.requests('PATCH')[0]?.headers['if-match'], 'etag-from-arm');
  });

  void it('without an etag, a record set whose addresses changed in ARM since the graph read is a conflict and nothing is written', async () => {
    const fake = new FakeArm()
      .on('GET', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.9'], 'etag-from-arm') })
      .on('PATCH', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.9', '10.1.0.4'], 'etag-2') });
    const outcomes = await services(fake).applyFixPlan(plan({ ...addToLogin, ifMatch: '' }, createEastus));
    assert.deepEqual(outcomes.map((o) => o.status), ['conflict', 'skipped']);
    assert.match(outcomes[0]?.status === 'conflict' ? outcomes[0].message : '', /holds 10\.0\.0\.9 in Azure now, not 10\.0\.0\.7/);
    assert.equal(fake.requests('PATCH').length, 0);
    assert.equal(fake.requests('PUT').length, 0);
  });

  void it('without an etag, a deletion also takes its If-Match from ARM', async () => {
    const fake = new FakeArm()
      .on('GET', '*/A/myregistry', { status: 200, body: recordBody('myregistry', ['10.0.0.7'], 'etag-from-arm') })
      .on('DELETE', '*/A/myregistry', { status: 200 });
    const [outcome] = await services(fake).applyFixPlan(plan({ kind: 'deleteARecordSet', recordSetId: `${ZONE_ID}/A/myregistry`, ifMatch: '', ipv4Addresses: ['10.0.0.7'] }));
    assert.equal(outcome?.status, 'applied');
    assert.equal(fake.requests('DELETE')[0]?.headers['if-match'], 'etag-from-arm');
  });

  void it('a 412 is a conflict, sent once; the writes after it are skipped', async () => {
    const fake = new FakeArm().on('PATCH', '*/A/myregistry', armError(412, 'PreconditionFailed', 'The etag does not match.'));
    const outcomes = await services(fake).applyFixPlan(plan(addToLogin, createEastus));
    assert.deepEqual(outcomes.map((o) => o.status), ['conflict', 'skipped']);
    assert.equal(fake.requests('PATCH').length, 1);
    assert.equal(fake.requests('PUT').length, 0);
  });

  void it("a 412 tells Azure's reason, wrapped in `error` or bare as Private DNS answers it; without a body, the conflict alone", async () => {
    const bare = new FakeArm().on('PATCH', '*/A/myregistry', { status: 412, body: { code: 'PreconditionFailed', message: 'The Record set myregistry has been modified (etag mismatch).' } });
    const [modified] = await services(bare).applyFixPlan(plan(addToLogin));
    assert.deepEqual(modified, {
      write: addToLogin,
      status: 'conflict',
      message: 'Changed in Azure since it was read (Azure: "The Record set myregistry has been modified (etag mismatch)."); nothing was written. Re-read and review the fix again.',
    });
    const wrapped = new FakeArm().on('PUT', '*/A/*', armError(412, 'PreconditionFailed', 'The Record set myregistry.eastus.data exists already and hence cannot be created again.'));
    const [exists] = await services(wrapped).applyFixPlan(plan(createEastus));
    assert.match(exists?.status === 'conflict' ? exists.message : '', /\(Azure: "The Record set myregistry\.eastus\.data exists already and hence cannot be created again\."\); nothing was written/);
    const empty = new FakeArm().on('PATCH', '*/A/myregistry', { status: 412 });
    const [silent] = await services(empty).applyFixPlan(plan(addToLogin));
    assert.deepEqual(silent, { write: addToLogin, status: 'conflict', message: 'Changed in Azure since it was read; nothing was written. Re-read and review the fix again.' });
  });

  void it('a failure carries ARM’s code and status, and stops the plan', async () => {
    const fake = new FakeArm().on('PUT', '*/A/*', armError(403, 'AuthorizationFailed', "The client does not have authorization to perform action 'Microsoft.Network/privateDnsZones/A/write'."));
    const outcomes = await services(fake).applyFixPlan(plan(createEastus, addToLogin));
    assert.equal(outcomes[0]?.status, 'failed');
    assert.ok(outcomes[0]?.status === 'failed' && outcomes[0].code === 'AuthorizationFailed' && outcomes[0].httpStatus === 403);
    assert.equal(outcomes[1]?.status, 'skipped');
  });

  void it('after a write, the next read of the zone records goes to ARM again', async () => {
    let records = [recordBody('myregistry', ['10.0.0.7'], 'e1')];
    const registry = { id: REGISTRY_ID, name: 'myregistry', subscriptionId: SUB, resourceGroup: RG, location: 'westeurope', sku: 'Standard', loginServer: 'myregistry.azurecr.io', publicNetworkAccess: 'Enabled', networkRuleBypassOptions: 'AzureServices', dataEndpointEnabled: false, dataEndpointHostNames: [], privateEndpointConnections: [] } satisfies Registry;
    const fake = new FakeArm()
      .on('GET', `/subscriptions/${SUB}/providers/Microsoft.Network/privateDnsZones`, { status: 200, body: { value: [{ id: ZONE_ID, name: 'privatelink.azurecr.io', location: 'global', properties: {} }] } })
      .on('GET', '*/virtualNetworkLinks', { status: 200, body: { value: [] } })
      .on('GET', '*/listUsages', { status: 200, body: { value: [] } })
      .on('GET', '*/privatelink.azurecr.io/A', () => ({ status: 200, body: { value: records } }))
      .on('PUT', '*/A/myregistry.eastus.data', () => {
        records = [...records, recordBody('myregistry.eastus.data', ['10.0.0.5'], 'e2')];
        return { status: 201, body: records[1] };
      });
    const s = services(fake);
    assert.deepEqual((await s.loader.loadRegistryDetails(registry)).aRecordSets.map((r) => r.name), ['myregistry']);
    assert.deepEqual((await s.loader.loadRegistryDetails(registry)).aRecordSets.map((r) => r.name), ['myregistry']);
    assert.equal(fake.requests('GET', '/A').length, 1, 'the second load came from the cache');
    await s.applyFixPlan(plan(createEastus));
    assert.deepEqual((await s.loader.loadRegistryDetails(registry)).aRecordSets.map((r) => r.name), ['myregistry', 'myregistry.eastus.data']);
    assert.equal(fake.requests('GET', '/A').length, 2);
    assert.equal(s.requestCount(), fake.sent.length);
  });

  void it('approves a connection on the registry side with the description given', async () => {
    const connectionId = `${REGISTRY_ID}/privateEndpointConnections/myConnection`;
    const fake = new FakeArm().on('PUT', '*/privateEndpointConnections/myConnection', (req) => ({
      status: 200,
      body: { id: connectionId, name: 'myConnection', properties: { provisioningState: 'Succeeded', ...(JSON.parse(String(req.body)) as { properties: object }).properties } },
    }));
    const connection = await services(fake).approveConnection(connectionId, 'Approved by the platform team');
    assert.equal(connection.status, 'Approved');
    assert.deepEqual(fake.requests('PUT')[0]?.body, { properties: { privateLinkServiceConnectionState: { status: 'Approved', description: 'Approved by the platform team' } } });
  });

  void it('the module has the shape the extension loads', () => {
    const module: AzureModule = azure;
    assert.equal(typeof module.createAzureServices, 'function');
    assert.equal(typeof module.createSandboxCredential, 'function');
    assert.equal(typeof module.createAzureCliCredential, 'function');
  });
});
