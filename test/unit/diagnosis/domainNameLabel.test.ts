// A registry created with a domain-name-label scope has a hashed login server,
// `contosoacrregistry-e7ggejfuhzhgedc8.azurecr.io`: every name the engine expects, checks, fixes and
// allow-lists must carry that label, never `contosoacrregistry.azurecr.io`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowList, allowListOf, buildCheckReport, diagnose, expectedRecords, fixPlansForRegistry, fqdnTable, reportMarkdown } from '../../../src/diagnosis';
import { memberRecordSetName, registryHostNames } from '../../../src/diagnosis/names';
import { dataEndpointHostName, hasHashedLoginServer } from '../../../src/model/hostNames';
import { SnapshotBuilder } from './builder';

const label = 'contosoacrregistry-e7ggejfuhzhgedc8';
const loginServer = `${label}.azurecr.io`;

function hashedWorld(withEastusRecord: boolean) {
  const b = new SnapshotBuilder();
  const registry = b.registry('contosoacrregistry', {
    loginServer,
    dataEndpointEnabled: true,
    dataEndpointHostNames: [`${label}.westeurope.data.azurecr.io`, `${label}.eastus.data.azurecr.io`],
  });
  b.replica(registry, 'eastus');
  const vnet = b.vnet('contosoVNet');
  b.endpoint('contosoPrivateEndpoint', registry, vnet, { registry: '10.2.0.4', registry_data_westeurope: '10.2.0.5', registry_data_eastus: '10.2.0.6' });
  const zone = b.zone();
  b.link(zone, vnet);
  b.record(zone, label, ['10.2.0.4']);
  b.record(zone, `${label}.westeurope.data`, ['10.2.0.5']);
  if (withEastusRecord) b.record(zone, `${label}.eastus.data`, ['10.2.0.6']);
  return { b, snapshot: b.snapshot, registry, vnet, zone };
}

void test('expected records carry the hashed label in the record set name, the FQDN and the privatelink name', () => {
  const { snapshot, registry } = hashedWorld(true);
  assert.deepEqual(
    expectedRecords(snapshot, registry.id).map((r) => [r.recordSetName, r.fqdn, r.privatelinkFqdn, r.privateIPAddress]).sort(),
    [
      [label, loginServer, `${label}.privatelink.azurecr.io`, '10.2.0.4'],
      [`${label}.eastus.data`, `${label}.eastus.data.azurecr.io`, `${label}.eastus.data.privatelink.azurecr.io`, '10.2.0.6'],
      [`${label}.westeurope.data`, `${label}.westeurope.data.azurecr.io`, `${label}.westeurope.data.privatelink.azurecr.io`, '10.2.0.5'],
    ],
  );
});

void test('with every hashed record in place the registry is healthy: records under the bare name would be wrong', () => {
  const { snapshot, registry } = hashedWorld(true);
  assert.deepEqual(diagnose(snapshot, registry.id).filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.subject}`), []);
  assert.deepEqual(fqdnTable(snapshot, registry.id).map((r) => [r.fqdn, r.verdict]).sort(), [
    [loginServer, 'ok'],
    [`${label}.eastus.data.azurecr.io`, 'ok'],
    [`${label}.westeurope.data.azurecr.io`, 'ok'],
  ]);
});

void test('a missing hashed record is found, and its fix creates the record set under the hashed name', () => {
  const { snapshot, registry } = hashedWorld(false);
  const missing = diagnose(snapshot, registry.id).find((f) => f.id === 'dns.record.missing');
  assert.equal(missing?.subject, `${label}.eastus.data.azurecr.io`);
  const writes = fixPlansForRegistry(snapshot, registry.id).flatMap((p) => p.writes);
  assert.deepEqual(
    writes.map((w) => (w.kind === 'createARecordSet' ? [w.kind, w.recordSetName, w.ipv4Addresses] : [w.kind])),
    [['createARecordSet', `${label}.eastus.data`, ['10.2.0.6']]],
  );
});

void test('a record left under the bare registry name does not count for the hashed registry, and is named as serving no one', () => {
  const { b, snapshot, registry, zone } = hashedWorld(false);
  b.record(zone, 'contosoacrregistry.eastus.data', ['10.2.0.6']);
  const row = fqdnTable(snapshot, registry.id).find((r) => r.fqdn === `${label}.eastus.data.azurecr.io`);
  assert.equal(row?.verdict, 'missing');
  const findings = diagnose(snapshot, registry.id);
  const bare = findings.find((f) => f.id === 'dns.record.bareName');
  assert.equal(bare?.severity, 'warning');
  assert.equal(bare?.subject, 'contosoacrregistry.eastus.data.azurecr.io');
  assert.equal(bare?.expected, `${label}.eastus.data`);
  assert.match(bare?.message ?? '', new RegExp(`its login server is ${label}\\.azurecr\\.io`));
  assert.equal(bare?.fix, undefined);
  assert.ok(findings.some((f) => f.id === 'dns.record.missing' && f.subject === `${label}.eastus.data.azurecr.io`));
});

void test('a bare-name record another registry of the inventory answers to is that registry\'s, not a finding', () => {
  const { b, snapshot, registry, zone } = hashedWorld(true);
  b.record(zone, 'contosoacrregistry', ['10.9.0.4']);
  assert.ok(diagnose(snapshot, registry.id).some((f) => f.id === 'dns.record.bareName'));
  b.registry('contosoacrregistry', { id: '/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/other/providers/Microsoft.ContainerRegistry/registries/contosoacrregistry' });
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'dns.record.bareName'));
});

void test('private link with public access on and no dedicated data endpoints: a note that outside clients go to storage', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry', { dataEndpointEnabled: false, publicNetworkAccess: 'Enabled' });
  b.endpoint('pe', registry, b.vnet('myVNet'), { registry: '10.0.0.7', registry_data_westeurope: '10.0.0.6' });
  const note = diagnose(b.snapshot, registry.id).find((f) => f.id === 'registry.dedicatedDataEndpointsDisabled');
  assert.equal(note?.severity, 'info');
  assert.match(note?.message ?? '', /can be redirected for layers to the registry's storage \(\*\.blob\.core\.windows\.net\).*az acr update --name myregistry --data-endpoint-enabled.*myregistry\.<region>\.data\.azurecr\.io/);
  assert.match(allowListOf(b.snapshot, registry.id)?.notes.join(' ') ?? '', /can be redirected for layers to the registry's storage/);
  registry.dataEndpointEnabled = true;
  assert.ok(!diagnose(b.snapshot, registry.id).some((f) => f.id === 'registry.dedicatedDataEndpointsDisabled'));
  registry.dataEndpointEnabled = false;
  registry.publicNetworkAccess = 'Disabled';
  assert.ok(!diagnose(b.snapshot, registry.id).some((f) => f.id === 'registry.dedicatedDataEndpointsDisabled'));
});

void test("a record set is named after the NIC's FQDN for the member when it has one, after the login server otherwise", () => {
  const names = registryHostNames({ name: 'contosoacrregistry', loginServer });
  assert.equal(memberRecordSetName(names, 'registry_data_eastus', [`${label}.eastus.data.azurecr.io`]), `${label}.eastus.data`);
  assert.equal(memberRecordSetName(names, 'registry_data_eastus', []), `${label}.eastus.data`);
  // A privatelink name or another suffix is not a name clients use: the login server decides.
  assert.equal(memberRecordSetName(names, 'registry', [`${label}.privatelink.azurecr.io`, 'other.example.com']), label);
});

void test('the allow-list lists the hashed login server and data endpoints, and the report prints them', () => {
  const { snapshot, registry } = hashedWorld(true);
  const list = allowListOf(snapshot, registry.id);
  assert.deepEqual(list?.hostNames, [loginServer, `${label}.westeurope.data.azurecr.io`, `${label}.eastus.data.azurecr.io`]);
  assert.equal(list?.storageRedirect, false);
  assert.ok(list?.hostNames.every((h) => !h.startsWith('contosoacrregistry.')));
  const markdown = reportMarkdown(buildCheckReport(snapshot, registry.id, undefined, () => new Date('2025-01-01T00:00:00Z')));
  assert.match(markdown, new RegExp(`- \`${label}\\.eastus\\.data\\.azurecr\\.io\``));
});

void test('without dedicated data endpoints the allow-list says a client outside the VNet is redirected to storage', () => {
  const b = new SnapshotBuilder();
  const registry = b.registry('myregistry', { dataEndpointEnabled: false, publicNetworkAccess: 'Enabled' });
  const list = allowList(registry, []);
  assert.equal(list.storageRedirect, true);
  assert.deepEqual(list.hostNames, ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io']);
  // No private endpoint: Microsoft Learn's endpoint reference says layers then come from storage.
  assert.match(list.notes.join(' '), /is redirected for layers to the registry's storage \(\*\.blob\.core\.windows\.net\)/);
  assert.match(list.notes.join(' '), /az acr update --name myregistry --data-endpoint-enabled/);
});

void test('with dedicated data endpoints, or public access disabled, nobody is sent to storage; an unsaid setting is unknown', () => {
  const b = new SnapshotBuilder();
  const dedicated = allowList(b.registry('dedicated', { dataEndpointEnabled: true, dataEndpointHostNames: ['dedicated.westeurope.data.azurecr.io'] }), []);
  assert.equal(dedicated.storageRedirect, false);
  assert.match(dedicated.notes.join(' '), /Dedicated data endpoints are enabled.*dedicated\.westeurope\.data\.azurecr\.io/);
  const closed = allowList(b.registry('closedregistry', { dataEndpointEnabled: false, publicNetworkAccess: 'Disabled' }), []);
  assert.equal(closed.storageRedirect, false);
  assert.match(closed.notes.join(' '), /Public network access is disabled/);
  const { dataEndpointEnabled: _, ...unsaid } = b.registry('unsaidregistry');
  const unknown = allowList({ ...unsaid }, []);
  assert.equal(unknown.storageRedirect, undefined);
  assert.match(unknown.notes.join(' '), /did not say whether dedicated data endpoints are enabled/);
});

void test('a data endpoint host comes from dataEndpointHostNames, or from the login server, never from the resource name', () => {
  const registry = { name: 'contosoacrregistry', loginServer, dataEndpointHostNames: [] };
  assert.equal(dataEndpointHostName(registry, 'East US'), `${label}.eastus.data.azurecr.io`);
  assert.equal(dataEndpointHostName({ ...registry, dataEndpointHostNames: [`${label}.eastus.data.azurecr.io.`] }, 'eastus'), `${label}.eastus.data.azurecr.io`);
  assert.equal(dataEndpointHostName({ loginServer: 'cnregistry.azurecr.cn', dataEndpointHostNames: [] }, 'chinaeast2'), 'cnregistry.chinaeast2.data.azurecr.cn');
  assert.equal(hasHashedLoginServer(registry), true);
  assert.equal(hasHashedLoginServer({ name: 'MyRegistry', loginServer: 'myregistry.azurecr.io' }), false);
});
