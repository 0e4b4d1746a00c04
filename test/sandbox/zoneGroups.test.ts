// Two private endpoints of myregistry in one VNet, each with a DNS zone group on the same
// privatelink.azurecr.io zone, as Azure behaves (MicrosoftDocs/azure-docs#58044): the second zone
// group replaces the record sets' IPs, and deleting the first endpoint deletes the record sets its
// zone group wrote although they hold the second one's IPs. The extension's verdicts (the CLI's
// loader + the engine) are compared with what the sandbox's DNS answers inside that VNet, and the
// clean-up after the deletion writes exactly what is needed, conditionally.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as dns from 'node:dns';
import type { RunningSandbox } from '../../src/sandbox';
import { createAzureBackend } from '../../src/cli/azureBackend';
import type { CheckBackend } from '../../src/cli/check';
import { cleanUpAfterDeletion, describeEndpointDeletion, diagnose, endpointDeletion, fqdnTable } from '../../src/diagnosis';
import { arm, id, LRO, raw, RG, withSandbox, type Clients } from './helpers';

const ZONE = 'privatelink.azurecr.io';
const VNET = 'myDockerVMVNET';
const names = ['myregistry', 'myregistry.westeurope.data', 'myregistry.eastus.data'];

async function resolve4(sb: RunningSandbox, name: string): Promise<string[] | string> {
  const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([sb.dnsServer]);
  try {
    return (await r.resolve4(name)).sort();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ERR';
  }
}

async function records(c: Clients): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for await (const r of c.dns.recordSets.listByType(RG, ZONE, 'A')) out[r.name ?? ''] = (r.aRecords ?? []).map((a) => a.ipv4Address ?? '');
  return out;
}

async function createEndpointWithZoneGroup(c: Clients, name: string): Promise<Record<string, string>> {
  const pe = await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
    RG,
    name,
    {
      location: 'westeurope',
      subnet: { id: id.subnet(VNET, 'myDockerVMSubnet') },
      privateLinkServiceConnections: [{ name: `${name}Connection`, privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'] }],
    },
    LRO,
  );
  await c.network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, name, 'default', { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: id.zone(ZONE) }] }, LRO);
  const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
  return Object.fromEntries((nic.ipConfigurations ?? []).map((ip) => [ip.privateLinkConnectionProperties?.requiredMemberName ?? '', ip.privateIPAddress ?? '']));
}

void describe('sandbox: two endpoints of one registry in one VNet, DNS zone groups on one zone', () => {
  let sb: RunningSandbox;
  let c: Clients;
  let backend: CheckBackend;
  let first: Record<string, string>;
  let second: Record<string, string>;

  before(async () => {
    ({ sb, c } = await withSandbox({ scenario: 'empty' }));
    backend = await createAzureBackend({ endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem, kind: 'sandbox' });
    await c.network.subnets.beginCreateOrUpdateAndWait(RG, VNET, 'myDockerVMSubnet', { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' }, LRO);
    await c.dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, LRO);
    await c.dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, ZONE, 'MyDNSLink', { location: 'global', virtualNetwork: { id: id.vnet(VNET) }, registrationEnabled: false }, LRO);
    const answerFor = await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: id.vnet(VNET) });
    assert.equal(answerFor.status, 200);
  });
  after(async () => sb.close());

  void it('the first zone group writes its IPs; the second replaces them, and the record set names the endpoint that wrote it', async () => {
    first = await createEndpointWithZoneGroup(c, 'pe1');
    assert.deepEqual(await records(c), { myregistry: [first['registry']], 'myregistry.westeurope.data': [first['registry_data_westeurope']], 'myregistry.eastus.data': [first['registry_data_eastus']] });
    second = await createEndpointWithZoneGroup(c, 'pe2');
    assert.deepEqual(await records(c), { myregistry: [second['registry']], 'myregistry.westeurope.data': [second['registry_data_westeurope']], 'myregistry.eastus.data': [second['registry_data_eastus']] });
    const rest = await c.dns.recordSets.get(RG, ZONE, 'A', 'myregistry');
    assert.equal(rest.metadata?.['creator'], 'created by private endpoint pe2');
    assert.deepEqual(await resolve4(sb, 'myregistry.azurecr.io'), [second['registry']]);
  });

  void it('every verdict says what a client in the VNet gets: ok and private, answered by pe2, with no error and nothing to fix', async () => {
    const { snapshot, registryId } = await backend.loadSnapshot({ registry: 'myregistry' });
    const findings = diagnose(snapshot, registryId);
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.id), []);
    const rows = fqdnTable(snapshot, registryId, undefined, findings);
    for (const row of rows) {
      const answer = await resolve4(sb, row.fqdn);
      assert.deepEqual(row.virtualAnswer?.addresses, answer, `${row.fqdn}: the engine's answer for the VNet is the DNS server's`);
      assert.equal(row.verdict, 'ok', `${row.fqdn} for ${row.privateEndpointId}`);
      if (row.privateEndpointId?.endsWith('/pe1')) assert.deepEqual(row.answeredBy?.map((x) => x.split('/').pop()), ['pe2']);
    }
    const note = findings.find((f) => f.id === 'dns.record.sharedByEndpoints' && f.subject === 'myregistry.azurecr.io');
    assert.match(note?.message ?? '', new RegExp(`resolves privately in ${VNET} to ${second['registry']!.replace(/\./g, '\\.')}, the IP of pe2`));
  });

  void it('before deleting pe1 the confirmation says pe2 remains, which records Azure deletes, and that they hold pe2\'s IPs', async () => {
    const { snapshot, registryId } = await backend.loadSnapshot({ registry: 'myregistry' });
    const pe1 = snapshot.privateEndpoints.find((p) => p.name === 'pe1')!;
    const deletion = endpointDeletion(snapshot, registryId, pe1.id)!;
    assert.deepEqual(deletion.deletedRecordSets?.map((r) => r.recordSetName).sort(), [...names].sort());
    const text = describeEndpointDeletion(deletion, 'myregistry').join('\n');
    assert.match(text, /pe2 remains in myDockerVMVNET: clients there can still reach myregistry privately/);
    assert.match(text, /Azure deletes the A records its DNS zone group wrote in privatelink\.azurecr\.io, whatever they hold by then: /);
    assert.match(text, /now hold the IPs of pe2 \(its zone group wrote over them\), so clients that resolve through them get NXDOMAIN/);
    assert.doesNotMatch(text, /stop reaching/);
  });

  void it('deleting pe1 deletes the record sets its zone group wrote, so the VNet gets NXDOMAIN; the clean-up writes them again for pe2, only if absent', async () => {
    const before = await backend.loadSnapshot({ registry: 'myregistry' });
    const deletion = endpointDeletion(before.snapshot, before.registryId, before.snapshot.privateEndpoints.find((p) => p.name === 'pe1')!.id)!;
    await c.network.privateEndpoints.beginDeleteAndWait(RG, 'pe1', LRO);
    assert.deepEqual(await records(c), {});
    assert.equal(await resolve4(sb, 'myregistry.azurecr.io'), 'ENOTFOUND');

    backend.invalidate();
    const afterwards = await backend.loadSnapshot({ registry: 'myregistry' });
    const plans = cleanUpAfterDeletion(diagnose(afterwards.snapshot, afterwards.registryId), deletion);
    assert.deepEqual(
      plans.flatMap((p) => p.writes).map((w) => (w.kind === 'createARecordSet' ? `${w.recordSetName}→${w.ipv4Addresses.join(',')} if-none-match ${w.ifNoneMatch}` : w.kind)).sort(),
      names.map((n, i) => `${n}→${[second['registry'], second['registry_data_westeurope'], second['registry_data_eastus']][i]} if-none-match *`).sort(),
    );
    for (const plan of plans) assert.deepEqual((await backend.applyFixPlan(plan)).map((o) => o.status), ['applied']);
    assert.deepEqual(await resolve4(sb, 'myregistry.azurecr.io'), [second['registry']]);
  });

  void it('a record set written by hand keeps a deleted endpoint\'s IP; the clean-up removes exactly that IP at the etag it read, keeping the other', async () => {
    const third = await createEndpointWithoutZoneGroup(c, 'pe3');
    const put = await arm(sb, 'PUT', `${id.zone(ZONE)}/A/myregistry?api-version=2024-06-01`, { properties: { ttl: 10, aRecords: [{ ipv4Address: second['registry'] }, { ipv4Address: third }] } });
    assert.equal(put.status, 200);
    backend.invalidate();
    const before = await backend.loadSnapshot({ registry: 'myregistry' });
    const deletion = endpointDeletion(before.snapshot, before.registryId, before.snapshot.privateEndpoints.find((p) => p.name === 'pe3')!.id)!;
    assert.deepEqual(deletion.deletedRecordSets, []);
    assert.match(describeEndpointDeletion(deletion, 'myregistry').join('\n'), new RegExp(`myregistry was not written by its zone group and keeps ${third.replace(/\./g, '\\.')}`));
    await c.network.privateEndpoints.beginDeleteAndWait(RG, 'pe3', LRO);
    assert.deepEqual((await records(c))['myregistry']?.sort(), [second['registry'], third].sort(), 'Azure leaves a record set the zone group did not write');

    backend.invalidate();
    const afterwards = await backend.loadSnapshot({ registry: 'myregistry' });
    const plans = cleanUpAfterDeletion(diagnose(afterwards.snapshot, afterwards.registryId), deletion);
    const writes = plans.flatMap((p) => p.writes);
    assert.equal(writes.length, 1);
    const write = writes[0]!;
    assert.equal(write.kind, 'replaceInARecordSet');
    if (write.kind === 'replaceInARecordSet') {
      assert.deepEqual([write.removedIpv4Addresses, write.addedIpv4Addresses], [[third], []]);
      assert.equal(write.ifMatch, (put.json as { etag: string }).etag);
    }
    for (const plan of plans) assert.deepEqual((await backend.applyFixPlan(plan)).map((o) => o.status), ['applied']);
    assert.deepEqual((await records(c))['myregistry'], [second['registry']]);
  });
});

async function createEndpointWithoutZoneGroup(c: Clients, name: string): Promise<string> {
  const pe = await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
    RG,
    name,
    {
      location: 'westeurope',
      subnet: { id: id.subnet(VNET, 'myDockerVMSubnet') },
      privateLinkServiceConnections: [{ name: `${name}Connection`, privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'] }],
    },
    LRO,
  );
  const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
  return nic.ipConfigurations?.find((ip) => ip.privateLinkConnectionProperties?.requiredMemberName === 'registry')?.privateIPAddress ?? '';
}
