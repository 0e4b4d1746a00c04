// The extension on real Azure bytes: a replay server on loopback answers the extension's own requests
// with what Azure answered the Azure CLI's test suites (../shared/real-traffic), and our code runs on
// them unchanged — the real @azure/arm-* SDK clients through our pipeline, the mappers, the loader, the
// diagnosis, the writes and their conflict handling, the Resource Graph paging. Requests no recording
// answers get a 404 NoRecordedExchange and are listed; every test says which it expects. Prints the
// figure: exchanges served, requests our code made, requests with no recording.

import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { sdkArmReads } from '../../src/azure/armReads';
import { registrySnapshot } from '../../src/azure/registrySnapshot';
import { queryResourceGraph } from '../../src/azure/resourceGraph';
import { diagnose, fqdnTable } from '../../src/diagnosis';
import type { ArmWrite, FixPlan, WriteOutcome } from '../../src/model/fixPlan';
import type { Registry } from '../../src/model/types';
import { REAL_TRAFFIC_DIR } from './realTraffic/cassettes';
import { haveRecordings, recorded, recordedRange, replaying, type Figures } from './realTraffic/onRecordedAzure';
import type { ReceivedRequest } from './realTraffic/replayServer';

const MISSING = haveRecordings() ? false : `no recorded Azure traffic at ${REAL_TRAFFIC_DIR}`;

const SUB = '00000000-0000-0000-0000-000000000000';
const ACR_PE = 'acr/test_acr_with_private_endpoint.yaml';
const ZONE_GROUP = 'network/test_network_private_endpoint_private_dns_zone_group.yaml';
const LINKS = 'privatedns/test_ListLinks_MultipleLinksPresent_ExpectMultipleLinksRetrieved.yaml';
const CRUD_RECORDS = 'privatedns/test_CrudRecordSet_ARecord_ExpectCrudSuccessful.yaml';
const IF_NONE_MATCH_412 = 'privatedns/test_PutRecordSet_IfNoneMatchFailure_ExpectError.yaml';
const IF_MATCH_412 = 'privatedns/test_PatchRecordSet_IfMatchFailure_ExpectError.yaml';
const PUBLIC_ACCESS = 'acr/test_acr_with_public_network_access_disabled.yaml';
const BYPASS = 'acr/test_acr_with_public_network_access_and_bypass.yaml';
const NETWORK_RULE = 'acr/test_acr_network_rule.yaml';

const ACR_RG = `/subscriptions/${SUB}/resourceGroups/clitest.rg000001`;
const REGISTRY_ID = `${ACR_RG}/providers/Microsoft.ContainerRegistry/registries/testreg000002`;
const PE5 = `${ACR_RG}/providers/Microsoft.Network/privateEndpoints/priv_endpoint000005`;
const PE7 = `${ACR_RG}/providers/Microsoft.Network/privateEndpoints/priv_endpoint000007`;
const CONNECTION5 = `${REGISTRY_ID}/privateEndpointConnections/testreg000002.822bd3cf07874f72b98e1b0041105393`;
const CONNECTION7 = `${REGISTRY_ID}/privateEndpointConnections/testreg000002.101c487633d74b63aa280dff98ba8759`;
const DNS_RG = `/subscriptions/${SUB}/resourceGroups/clitest_privatedns000001`;
const ZONE_ID = `${DNS_RG}/providers/Microsoft.Network/privateDnsZones/clitest.privatedns.com000002`;
const RECORD_SET_ID = `${ZONE_ID}/A/clitestprivatednsrecordset000003`;

const plan = (write: ArmWrite): FixPlan => ({ title: 'recorded', findingKey: 'recorded', safe: true, writes: [write] });
/** What a write outcome tells: the status, and what was written when it was. */
const told = (o: WriteOutcome | undefined): { status?: string; resourceId?: string; etag?: string; message?: string } =>
  !o ? {} : o.status === 'applied' ? { status: o.status, resourceId: o.resourceId, ...(o.etag !== undefined ? { etag: o.etag } : {}) } : { status: o.status, message: o.message };
const describeRequest = (r: ReceivedRequest): string => `${r.method} ${r.path}`;

void describe('sandbox: the extension on recorded real Azure traffic', { skip: MISSING }, () => {
  const figures: Figures = { servers: [] };
  after(async () => {
    const served = figures.servers.reduce((n, s) => n + s.served.length, 0);
    const made = figures.servers.reduce((n, s) => n + s.received.length, 0);
    const unmatched = figures.servers.reduce((n, s) => n + s.unmatched.length, 0);
    const substituted = figures.servers.reduce((n, s) => n + s.served.filter((x) => x.substitution).length, 0);
    const exchanges = new Set(figures.servers.flatMap((s) => s.served.map((x) => x.exchange.ref))).size;
    console.log(
      `extension on recorded Azure: ${made} requests made by our code, ${served} answered from recordings (${exchanges} distinct recorded exchanges, ${substituted} by an explicit substitution), ${unmatched} with no recording`,
    );
    await Promise.all(figures.servers.map((s) => s.close()));
  });

  void it('a registry with two endpoints, one connection approved and one rejected: the details and the verdicts they imply', async () => {
    // The recording never GETs this registry (it created it): the registry is what its creation
    // answered, its connections what Azure listed once one was approved and the other rejected.
    const { server, azure } = await replaying([recorded(`${ACR_PE}#4`), recorded(`${ACR_PE}#18`), recorded(`${ACR_PE}#32`), recorded(`${ACR_PE}#40`)], figures);
    const reads = sdkArmReads(azure.clients);
    const connections = await reads.listPrivateEndpointConnections(REGISTRY_ID, undefined);
    assert.deepEqual(
      connections.map((c) => ({ id: c.id, privateEndpointId: c.privateEndpointId, status: c.status, description: c.description })),
      [
        { id: CONNECTION5, privateEndpointId: PE5, status: 'Approved', description: 'somedescription' },
        { id: CONNECTION7, privateEndpointId: PE7, status: 'Rejected', description: 'somedescription' },
      ],
    );
    const registry: Registry = {
      id: REGISTRY_ID,
      name: 'testreg000002',
      subscriptionId: SUB,
      resourceGroup: 'clitest.rg000001',
      location: 'eastus2',
      sku: 'Premium',
      loginServer: 'testreg000002.azurecr.io',
      publicNetworkAccess: 'Enabled',
      networkRuleBypassOptions: 'AzureServices',
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      privateEndpointConnections: connections,
    };
    const details = await azure.loader.loadRegistryDetails(registry);
    const pe5 = details.privateEndpoints.find((p) => p.id === PE5);
    assert.ok(pe5, 'the first endpoint is read');
    assert.equal(pe5.subnetId, `${ACR_RG}/providers/Microsoft.Network/virtualNetworks/testvnet000003/subnets/testsubnet000004`);
    assert.equal(pe5.virtualNetworkId, `${ACR_RG}/providers/Microsoft.Network/virtualNetworks/testvnet000003`);
    assert.deepEqual(pe5.networkInterfaceIds, [`${ACR_RG}/providers/Microsoft.Network/networkInterfaces/priv_endpoint000005.nic.9846f759-db79-4382-b13b-9c496d7feeee`]);
    assert.deepEqual(pe5.connections, [
      {
        name: 'priv_endpointconn000006',
        privateLinkServiceId: REGISTRY_ID,
        groupIds: ['registry'],
        status: 'Pending',
        description: '',
        manual: true,
      },
    ]);
    assert.deepEqual(pe5.customDnsConfigs, []);
    assert.deepEqual(
      details.virtualNetworks.map((v) => ({ id: v.id, addressPrefixes: v.addressPrefixes, subnets: v.subnets.map((s) => [s.name, s.addressPrefix]) })),
      [{ id: `${ACR_RG}/providers/Microsoft.Network/virtualNetworks/testvnet000003`, addressPrefixes: ['10.0.0.0/16'], subnets: [['testsubnet000004', '10.0.0.0/24']] }],
    );
    // What no recording answers is a failed read, never an empty answer.
    const nic = (name: string): string => `${ACR_RG}/providers/Microsoft.Network/networkInterfaces/${name}`;
    assert.deepEqual(
      server.unmatched.map(describeRequest).sort(),
      [
        `GET ${REGISTRY_ID}/listUsages`,
        `GET ${REGISTRY_ID}/replications`,
        `GET ${PE5}/privateDnsZoneGroups`,
        `GET ${PE7}/privateDnsZoneGroups`,
        `GET ${nic('priv_endpoint000005.nic.9846f759-db79-4382-b13b-9c496d7feeee')}`,
        `GET ${nic('priv_endpoint000007.nic.ce301aa5-1768-4f54-896b-959e54ad0198')}`,
        `GET /subscriptions/${SUB}/providers/Microsoft.Network/privateDnsZones`,
        // The VNets' DNS side: the forwarding rulesets of the subscription (no recording lists them).
        `GET /subscriptions/${SUB}/providers/Microsoft.Network/dnsForwardingRulesets`,
        // The registry's network rule set at 2021-08-01-preview (no recording reads it at that api-version).
        `GET ${REGISTRY_ID}`,
      ].sort(),
    );
    assert.deepEqual(details.errors.map((e) => [e.read, e.status, e.code]).sort(), [
      ['dnsForwardingRulesets', 404, 'NoRecordedExchange'],
      ['networkInterface', 404, 'NoRecordedExchange'],
      ['networkInterface', 404, 'NoRecordedExchange'],
      ['networkRules', 404, 'NoRecordedExchange'],
      ['privateDnsZoneGroups', 404, 'NoRecordedExchange'],
      ['privateDnsZoneGroups', 404, 'NoRecordedExchange'],
      ['privateDnsZones', 404, 'NoRecordedExchange'],
      ['replications', 404, 'NoRecordedExchange'],
      ['usages', 404, 'NoRecordedExchange'],
    ]);

    const snapshot = registrySnapshot(undefined, registry, details);
    const findings = diagnose(snapshot, REGISTRY_ID);
    const ids = (id: string): string[] => findings.filter((f) => f.id === id).map((f) => f.subject);
    assert.deepEqual(ids('connection.rejected'), [PE7], 'the rejected connection is an error');
    assert.match(findings.find((f) => f.id === 'connection.rejected')?.message ?? '', /priv_endpoint000007 was rejected \("somedescription"\)/);
    assert.deepEqual(ids('connection.pending'), [], 'the registry says Approved: the endpoint copy (Pending) read before the approval does not count');
    assert.deepEqual(ids('registry.publicNetworkAccessEnabled'), [REGISTRY_ID], 'public access is Enabled in what Azure answered');
    for (const id of ['dns.record.missing', 'dns.zone.missing', 'dns.zone.notLinked', 'dns.record.ipMismatch']) assert.deepEqual(ids(id), [], `${id}: nothing is concluded from zones nobody could read`);
    assert.ok(findings.some((f) => f.id === 'check.unreadable'), 'the unread zones and NICs are said to be unread');
    const verdicts = new Set(fqdnTable(snapshot, REGISTRY_ID, undefined, findings).map((r) => r.verdict));
    assert.deepEqual([...verdicts], ['unknown']);
  });

  void it('registries as Azure answered them across api-versions: network settings, login server, no default filled in', async () => {
    const { server, azure } = await replaying([recorded(`${NETWORK_RULE}#12`)], figures);
    const reads = sdkArmReads(azure.clients);
    const clireg = await reads.getRegistry(`${ACR_RG}/providers/Microsoft.ContainerRegistry/registries/clireg000002`, undefined);
    assert.deepEqual(
      { ...clireg },
      {
        id: `${ACR_RG}/providers/Microsoft.ContainerRegistry/registries/clireg000002`,
        name: 'clireg000002',
        subscriptionId: SUB,
        resourceGroup: 'clitest.rg000001',
        location: 'westcentralus',
        sku: 'Premium',
        loginServer: 'clireg000002.azurecr.io',
        publicNetworkAccess: 'Enabled',
        networkRuleBypassOptions: 'AzureServices',
        dataEndpointEnabled: false,
        dataEndpointHostNames: [],
        privateEndpointConnections: [],
        networkRuleDefaultAction: 'Deny',
      },
    );
    assert.deepEqual(server.unmatched, []);

    const off = await replaying([recorded(`${PUBLIC_ACCESS}#6`)], figures);
    const testreg = await sdkArmReads(off.azure.clients).getRegistry(REGISTRY_ID, undefined);
    assert.equal(testreg.publicNetworkAccess, 'Disabled');
    assert.equal(testreg.location, 'westus');

    const old = await replaying([recorded(`${BYPASS}#4`)], figures);
    const bypassNone = await sdkArmReads(old.azure.clients).getRegistry(REGISTRY_ID, undefined);
    assert.deepEqual([bypassNone.publicNetworkAccess, bypassNone.networkRuleBypassOptions], ['Disabled', 'None']);
  });

  void it('a private endpoint with its custom DNS configs and its DNS zone group', async () => {
    const { server, azure } = await replaying([recorded(`${ZONE_GROUP}#14`), recorded(`${ZONE_GROUP}#30`)], figures);
    const rg = `/subscriptions/${SUB}/resourceGroups/fanqiu_cli_test_network_private_endpoints000001`;
    const peId = `${rg}/providers/Microsoft.Network/privateEndpoints/cli-pe-000005`;
    const reads = sdkArmReads(azure.clients);
    const pe = await reads.getPrivateEndpoint(peId, undefined);
    assert.equal(pe.id, peId);
    assert.equal(pe.location, 'centraluseuap');
    assert.equal(pe.provisioningState, 'Succeeded');
    assert.deepEqual(pe.connections, [
      {
        name: 'cli-pec-000006',
        privateLinkServiceId: `${rg}/providers/Microsoft.Storage/storageAccounts/saplr000002`,
        groupIds: ['blob'],
        status: 'Approved',
        description: 'Auto-Approved',
        manual: false,
      },
    ]);
    assert.deepEqual(pe.customDnsConfigs, [{ fqdn: 'saplr000002.blob.core.windows.net', ipAddresses: [(recorded(`${ZONE_GROUP}#14`).responseBody as { properties: { customDnsConfigs: { ipAddresses: string[] }[] } }).properties.customDnsConfigs[0]!.ipAddresses[0]!] }]);
    assert.match(pe.customDnsConfigs[0]!.ipAddresses[0]!, /^10\.0\.0\.\d+$/);
    const groups = await reads.listPrivateDnsZoneGroups(peId, undefined);
    assert.deepEqual(groups, [
      {
        id: `${peId}/privateDnsZoneGroups/clidnsgroup`,
        name: 'clidnsgroup',
        privateEndpointId: peId,
        privateDnsZoneConfigs: [
          { name: 'clizone1', privateDnsZoneId: `${rg}/providers/Microsoft.Network/privateDnsZones/www.clizone1.com`, recordSets: [] },
          { name: 'clizone2', privateDnsZoneId: `${rg}/providers/Microsoft.Network/privateDnsZones/www.clizone2.com`, recordSets: [] },
        ],
      },
    ]);
    assert.deepEqual(server.unmatched, []);
  });

  void it("a zone's virtual network links: VNet ids, quoted etags, state", async () => {
    const { server, azure } = await replaying([recorded(`${LINKS}#22`)], figures);
    const links = await sdkArmReads(azure.clients).listVirtualNetworkLinks(ZONE_ID, undefined);
    assert.deepEqual(
      links.map((l) => ({ ...l })),
      [
        {
          id: `${ZONE_ID}/virtualNetworkLinks/clitestprivatednslink000006`,
          name: 'clitestprivatednslink000006',
          privateDnsZoneId: ZONE_ID,
          virtualNetworkId: `${DNS_RG}/providers/Microsoft.Network/virtualNetworks/clitestprivatednsvnet000005`,
          registrationEnabled: false,
          virtualNetworkLinkState: 'Completed',
          provisioningState: 'Succeeded',
          etag: '"5000d946-0000-0500-0000-5d84107c0000"',
        },
        {
          id: `${ZONE_ID}/virtualNetworkLinks/clitestprivatednslink000004`,
          name: 'clitestprivatednslink000004',
          privateDnsZoneId: ZONE_ID,
          virtualNetworkId: `${DNS_RG}/providers/Microsoft.Network/virtualNetworks/clitestprivatednsvnet000003`,
          registrationEnabled: false,
          virtualNetworkLinkState: 'Completed',
          provisioningState: 'Succeeded',
          etag: '"50003743-0000-0500-0000-5d8410540000"',
        },
      ],
    );
    assert.deepEqual(server.unmatched, []);
  });

  void it("creating the zone and a link: Private DNS's 202 operations polled to the end, the created resources' etags", async () => {
    const { server, azure } = await replaying([...recordedRange(LINKS, 0, 3), ...recordedRange(LINKS, 8, 12)], figures);
    const vnetId = `${DNS_RG}/providers/Microsoft.Network/virtualNetworks/clitestprivatednsvnet000003`;
    const outcomes = await azure.applyFixPlan({
      ...plan({ kind: 'createPrivateDnsZone', subscriptionId: SUB, resourceGroup: 'clitest_privatedns000001', zoneName: 'clitest.privatedns.com000002', ifNoneMatch: '*' }),
      writes: [
        { kind: 'createPrivateDnsZone', subscriptionId: SUB, resourceGroup: 'clitest_privatedns000001', zoneName: 'clitest.privatedns.com000002', ifNoneMatch: '*' },
        { kind: 'createVirtualNetworkLink', privateDnsZoneId: ZONE_ID, linkName: 'clitestprivatednslink000004', virtualNetworkId: vnetId, ifNoneMatch: '*' },
      ],
    });
    assert.deepEqual(
      outcomes.map(told),
      [
        { status: 'applied', resourceId: ZONE_ID, etag: 'e73a17d0-6907-4b75-83e5-d702b1a5bd0c' },
        { status: 'applied', resourceId: `${ZONE_ID}/virtualNetworkLinks/clitestprivatednslink000004`, etag: '"50003743-0000-0500-0000-5d8410540000"' },
      ],
    );
    const puts = server.received.filter((r) => r.method === 'PUT');
    assert.deepEqual(
      puts.map((r) => r.headers['if-none-match']),
      ['*', '*'],
      'both creations refuse to overwrite',
    );
    assert.deepEqual(server.served.map((s) => s.exchange.index), [0, 1, 2, 3, 8, 9, 10, 11, 12], 'every recorded poll was asked for, in order, then the created resource');
    assert.deepEqual(server.unmatched, []);
  });

  void it('creating an A record set: 201 at once, its id with Azure\'s upper-case A and its bare etag', async () => {
    const { server, azure } = await replaying([recorded(`${CRUD_RECORDS}#5`)], figures);
    const [outcome] = await azure.applyFixPlan(
      plan({ kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'clitestprivatednsrecordset000003', ttl: 3600, ipv4Addresses: ['10.0.0.1'], ifNoneMatch: '*' }),
    );
    assert.deepEqual(told(outcome), { status: 'applied', resourceId: RECORD_SET_ID, etag: 'a710bbd9-8c7d-459f-8dad-cc4f534a9f80' });
    assert.equal(server.received[0]?.headers['if-none-match'], '*');
    assert.deepEqual(server.unmatched, []);
  });

  void it('the recorded If-None-Match 412 (un-wrapped error body) is a conflict the user is told about, nothing retried', async () => {
    const { server, azure } = await replaying([recorded(`${IF_NONE_MATCH_412}#8`)], figures);
    const outcomes = await azure.applyFixPlan({
      ...plan({ kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'clitestprivatednsrecordset000003', ttl: 3600, ipv4Addresses: ['10.0.0.4'], ifNoneMatch: '*' }),
      writes: [
        { kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'clitestprivatednsrecordset000003', ttl: 3600, ipv4Addresses: ['10.0.0.4'], ifNoneMatch: '*' },
        { kind: 'createARecordSet', privateDnsZoneId: ZONE_ID, recordSetName: 'other', ttl: 3600, ipv4Addresses: ['10.0.0.5'], ifNoneMatch: '*' },
      ],
    });
    assert.equal(outcomes[0]?.status, 'conflict');
    assert.match(told(outcomes[0]).message ?? '', /Changed in Azure since it was read/);
    assert.match(told(outcomes[0]).message ?? '', /The Record set clitestprivatednsrecordset000003 exists already and hence cannot be created again\./, "Azure's own reason is shown");
    assert.equal(outcomes[1]?.status, 'skipped');
    assert.equal(server.received.length, 1, 'one request: the conflict is not retried and stops the plan');
    assert.deepEqual(server.unmatched, []);
  });

  void it('the recorded If-Match 412 (etag mismatch) is a conflict the user is told about', async () => {
    // Azure recorded it for the CLI's PUT of the record set; our change is a PATCH with the same stale
    // If-Match. The precondition is checked before the method matters: the recorded 412 is served to it.
    const stale = recorded(`${IF_MATCH_412}#10`);
    const { server, azure } = await replaying([{ exchange: stale, asMethod: 'PATCH' }], figures);
    const [outcome] = await azure.applyFixPlan(
      plan({ kind: 'addToARecordSet', recordSetId: RECORD_SET_ID, ifMatch: stale.requestHeaders['if-match']!, ttl: 3600, existingIpv4Addresses: ['10.0.0.1'], addedIpv4Addresses: ['10.0.0.2'] }),
    );
    assert.equal(outcome?.status, 'conflict');
    assert.match(told(outcome).message ?? '', /The Record set clitestprivatednsrecordset000003 has been modified \(etag mismatch\)\./);
    assert.match(told(outcome).message ?? '', /Re-read and review the fix again/);
    assert.deepEqual(server.received.map((r) => [r.method, r.headers['if-match']]), [['PATCH', '5dabb94c-c932-4506-b979-c2705f5b3480']]);
    assert.deepEqual(server.served.map((s) => s.substitution), ['method']);
  });

  void it('a record set read without an etag is re-read from ARM before a change: its recorded addresses and bare etag decide', async () => {
    const { server, azure } = await replaying([recorded(`${IF_MATCH_412}#9`)], figures);
    // Read as holding 10.0.0.9, Azure holds 10.0.0.1: a conflict, and nothing is written.
    const [stale] = await azure.applyFixPlan(plan({ kind: 'addToARecordSet', recordSetId: RECORD_SET_ID, ifMatch: '', ttl: 3600, existingIpv4Addresses: ['10.0.0.9'], addedIpv4Addresses: ['10.0.0.2'] }));
    assert.equal(stale?.status, 'conflict');
    assert.match(told(stale).message ?? '', /holds 10\.0\.0\.1 in Azure now, not 10\.0\.0\.9 as read; nothing was written/);
    assert.deepEqual(server.received.map((r) => r.method), ['GET']);
    // Read as Azure holds it: the change goes out with If-Match on the etag Azure answered.
    const [sent] = await azure.applyFixPlan(plan({ kind: 'addToARecordSet', recordSetId: RECORD_SET_ID, ifMatch: '', ttl: 3600, existingIpv4Addresses: ['10.0.0.1'], addedIpv4Addresses: ['10.0.0.2'] }));
    const patch = server.received.find((r) => r.method === 'PATCH');
    assert.equal(patch?.headers['if-match'], 'bf10602b-bac2-4b9a-b909-0c3e1a2ee011');
    assert.deepEqual(patch?.body, { properties: { ttl: 3600, aRecords: [{ ipv4Address: '10.0.0.1' }, { ipv4Address: '10.0.0.2' }] } });
    // No PATCH of a record set is recorded: the write fails loudly, and is reported as failed.
    assert.deepEqual(server.unmatched.map((r) => r.method), ['PATCH']);
    assert.equal(sent?.status, 'failed');
    assert.match(told(sent).message ?? '', /No recorded Azure exchange answers PATCH/);
  });

  void it("approving and rejecting connections: Container Registry's 201 polls, the state Azure ends in", async () => {
    const { server, azure } = await replaying([...recordedRange(ACR_PE, 21, 26), ...recordedRange(ACR_PE, 35, 39)], figures);
    const approved = await azure.approveConnection(CONNECTION5, 'somedescription');
    assert.deepEqual({ id: approved.id, status: approved.status, description: approved.description, privateEndpointId: approved.privateEndpointId }, { id: CONNECTION5, status: 'Approved', description: 'somedescription', privateEndpointId: PE5 });
    const rejected = await azure.rejectConnection(CONNECTION7, 'somedescription');
    assert.deepEqual({ id: rejected.id, status: rejected.status, description: rejected.description }, { id: CONNECTION7, status: 'Rejected', description: 'somedescription' });
    assert.deepEqual(server.unmatched, []);
    assert.deepEqual(
      server.received.filter((r) => r.method === 'PUT').map((r) => (r.body as { properties: { privateLinkServiceConnectionState: unknown } }).properties.privateLinkServiceConnectionState),
      [
        { status: 'Approved', description: 'somedescription' },
        { status: 'Rejected', description: 'somedescription' },
      ],
    );
  });

  void it('public network access switched off and on: the registry Azure answers the PATCH with', async () => {
    const { server, azure } = await replaying([recorded(`${PUBLIC_ACCESS}#5`), recorded(`${PUBLIC_ACCESS}#7`)], figures);
    const off = await azure.setPublicNetworkAccess(REGISTRY_ID, 'Disabled');
    assert.deepEqual([off.publicNetworkAccess, off.networkRuleBypassOptions, off.loginServer], ['Disabled', 'AzureServices', 'testreg000002.azurecr.io']);
    const on = await azure.setPublicNetworkAccess(REGISTRY_ID, 'Enabled');
    assert.equal(on.publicNetworkAccess, 'Enabled');
    assert.deepEqual(server.unmatched, []);
    const old = await replaying([recorded(`${BYPASS}#3`)], figures);
    const none = await old.azure.setPublicNetworkAccess(REGISTRY_ID, 'Disabled', 'None');
    assert.deepEqual([none.publicNetworkAccess, none.networkRuleBypassOptions], ['Disabled', 'None']);
    assert.deepEqual(old.server.received.map((r) => r.body), [{ properties: { publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'None' } }]);
  });

  void it('Resource Graph: a last page ends the query; a $skipToken is sent back as Azure issued it; an unanswered page fails the query', async () => {
    const single = await replaying([recorded('resourcegraph/test_query.yaml#0')], figures);
    const rows = await queryResourceGraph(single.azure.clients, { query: 'resources | project id', subscriptionIds: [SUB] });
    assert.equal(rows.length, 2);
    assert.match(String(rows[0]?.id), /^\/subscriptions\/0{8}-0{4}-0{4}-0{4}-0{12}\/resourceGroups\/TestRG--202104281734-6FDC6EFE-westus2\/providers\/Microsoft\.CustomProviders\/resourceProviders\//);
    assert.equal(single.server.received.length, 1, 'no $skipToken: one request');
    assert.equal((single.server.received[0]?.body as { options: { resultFormat: string } }).options.resultFormat, 'objectArray');

    // The recording's page carries a $skipToken; served as the first page, our next request must send
    // that token back unchanged — and with no recording of the page after it, the query fails rather
    // than returning the first page as if it were all.
    const page = recorded('resourcegraph/test_skip_token_query.yaml#0');
    const paged = await replaying([{ exchange: page, asFirstPage: true }], figures);
    await assert.rejects(queryResourceGraph(paged.azure.clients, { query: 'resources | project id', subscriptionIds: [SUB] }), /No recorded Azure exchange answers POST/);
    const issued = (page.responseBody as { $skipToken: string }).$skipToken;
    const second = paged.server.received[1]?.body as { subscriptions: string[]; query: string; options: { $skipToken?: string; $top?: number } };
    assert.equal(second.options.$skipToken, issued);
    assert.deepEqual(second.subscriptions, [SUB]);
    assert.equal(second.query, 'resources | project id');
    assert.deepEqual(paged.server.unmatched.length, 1);
  });

  void it("Resource Graph's recorded 400 for an invalid query: the user is told what was wrong, not only the support line", async () => {
    const { azure } = await replaying([recorded('resourcegraph/test_query_error.yaml#0')], figures);
    await assert.rejects(queryResourceGraph(azure.clients, { query: 'where where', subscriptionIds: [SUB] }), (e: Error & { statusCode?: number; code?: string }) => {
      assert.equal(e.statusCode, 400);
      assert.equal(e.code, 'BadRequest');
      assert.match(e.message, /Query is invalid\. Please refer to the documentation for the Azure Resource Graph service/);
      assert.match(e.message, /ParserFailure/);
      assert.match(e.message, /correlationId = 361761ad-d830-46c9-9f1a-9cf001653d41/);
      return true;
    });
  });
});
