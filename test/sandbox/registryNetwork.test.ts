// The registry's own network settings against the sandbox's registry-network world, through the real
// SDKs' pipeline and through the built checker: ACR Tasks with public network access disabled,
// service-endpoint rules beside private link, a full endpoint subnet, an NSG that denies HTTPS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAzureServices, createSandboxCredential, type AzureServices } from '../../src/azure';
import { buildCheckReport } from '../../src/diagnosis';
import { REGISTRY_NETWORK, SEED, SUBSCRIPTION_PRODUCTION, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { all, arm, clients, LRO, raw } from './helpers';
import { inject } from './faultWorld';
import { runCli, writeReadyFile } from './cli/runCli';

const registryId = (name: string): string => `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${name}`;
const subnetId = (name: string): string => `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/${SEED.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${SEED.vnet}/subnets/${name}`;

interface JsonReport {
  findings: { id: string; subject: string; severity: string; message: string }[];
  readErrors: { read: string; status?: number; code?: string }[];
}

function connect(sb: RunningSandbox): AzureServices {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    pollIntervalMs: 1,
    retry: { maxRetries: 0, baseDelayMs: 1 },
    inventorySource: 'arm',
  });
}

async function reset(sb: RunningSandbox): Promise<void> {
  await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'registry-network' });
  await raw(sb, 'DELETE', '/_sandbox/faults');
}

void describe('sandbox: ACR Tasks with public network access disabled', () => {
  let sb: RunningSandbox;
  let readyFile: string;
  before(async () => {
    sb = await startSandbox({ scenario: 'registry-network' });
    readyFile = writeReadyFile(sb);
  });
  after(async () => sb.close());

  void it('the loader reads buildregistry\'s task and agent pools, and the check names the task on the shared pool', async () => {
    await reset(sb);
    const snapshot = await connect(sb).loader.loadSnapshot();
    const id = registryId(REGISTRY_NETWORK.buildRegistry);
    assert.deepEqual(snapshot.tasks?.[id]?.map((t) => [t.name, t.status, t.agentPoolName]), [[REGISTRY_NETWORK.task, 'Enabled', undefined]]);
    assert.deepEqual(snapshot.agentPools?.[id], []);
    // Registries with public access enabled are not asked for their tasks.
    assert.equal(snapshot.tasks?.[registryId(REGISTRY_NETWORK.fullRegistry)], undefined);
    const finding = buildCheckReport(snapshot, id).findings.find((f) => f.id === 'registry.tasksNeedVnetAgentPool');
    assert.match(finding!.message, /Public network access to buildregistry is disabled, so these tasks fail: nightly-build /);
  });

  void it('the checker prints the finding and puts it in its JSON; an agent pool in the VNet changes what to do', async () => {
    await reset(sb);
    const text = await runCli(['check', '--registry', REGISTRY_NETWORK.buildRegistry, '--sandbox-ready-file', readyFile, '--no-dns']);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /WARN {2}registry\.tasksNeedVnetAgentPool .*buildregistry\n.*these tasks fail: nightly-build .*az acr agentpool create --registry buildregistry --subnet-id/);

    const put = await arm(sb, 'PUT', `${registryId(REGISTRY_NETWORK.buildRegistry)}/agentPools/vnetpool?api-version=2019-06-01-preview`, {
      location: SEED.location,
      properties: { count: 1, tier: 'S1', os: 'Linux', virtualNetworkSubnetResourceId: subnetId('buildSubnet') },
    });
    assert.equal(put.status, 201, put.text);
    const json = await runCli(['check', '--registry', REGISTRY_NETWORK.buildRegistry, '--sandbox-ready-file', readyFile, '--no-dns', '--json']);
    const report = JSON.parse(json.stdout) as JsonReport;
    const finding = report.findings.find((f) => f.id === 'registry.tasksNeedVnetAgentPool');
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /run them on vnetpool \(az acr task update --agent-pool vnetpool\)/);
  });

  void it('in zh-TW the checker says it in the glossary\'s words', async () => {
    await reset(sb);
    const r = await runCli(['check', '--registry', REGISTRY_NETWORK.buildRegistry, '--sandbox-ready-file', readyFile, '--no-dns', '--lang', 'zh-tw']);
    assert.match(r.stdout, /buildregistry 的公用網路存取已停用，因此這些工作會失敗：nightly-build/);
  });

  void it('a task list that fails is "could not check" (exit 2), never "no tasks"', async () => {
    await reset(sb);
    await inject(sb, { method: 'GET', pathPattern: '/registries/buildregistry/tasks$', status: 500, body: { error: { code: 'InternalServerError', message: 'Injected.' } } });
    const r = await runCli(['check', '--registry', REGISTRY_NETWORK.buildRegistry, '--sandbox-ready-file', readyFile, '--no-dns', '--json']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.ok(!report.findings.some((f) => f.id === 'registry.tasksNeedVnetAgentPool'));
    assert.deepEqual(report.readErrors.map((e) => [e.read, e.status, e.code]), [['tasks', 500, 'InternalServerError']]);
    assert.match(report.findings.find((f) => f.id === 'check.unreadable')!.message, /ACR tasks of registry buildregistry could not be read/);
  });
});

void describe('sandbox: service-endpoint rules beside private link', () => {
  let sb: RunningSandbox;
  let readyFile: string;
  const id = registryId(REGISTRY_NETWORK.rulesRegistry);
  const ruleSubnet = subnetId(SEED.subnet);
  before(async () => {
    sb = await startSandbox({ scenario: 'registry-network' });
    readyFile = writeReadyFile(sb);
  });
  after(async () => sb.close());

  const rulesAt = async (apiVersion: string): Promise<unknown> =>
    ((await arm(sb, 'GET', `${id}?api-version=${apiVersion}`)).json as { properties: { networkRuleSet: { virtualNetworkRules?: unknown } } }).properties.networkRuleSet.virtualNetworkRules;

  void it('Azure shows the rules to 2021-08-01-preview only, as recorded; the loader reads them there and the check offers their removal to a person', async () => {
    await reset(sb);
    assert.deepEqual(await rulesAt('2021-08-01-preview'), [{ action: 'Allow', id: ruleSubnet }]);
    assert.equal(await rulesAt('2025-11-01'), undefined);
    const r = await runCli(['check', '--registry', REGISTRY_NETWORK.rulesRegistry, '--sandbox-ready-file', readyFile, '--no-dns']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /WARN {2}registry\.virtualNetworkRules .*rulesregistry\n.*rulesregistry does not support service endpoint rules and private link from one virtual network \(myDockerVMVNET\)/);
    assert.match(r.stdout, /fix \(needs a person; not applied by --fix\): Remove the virtual network rules of rulesregistry \(myDockerVMVNET\/myDockerVMSubnet\)/);
  });

  void it('the removal, applied through the SDK pipeline, leaves no rule and keeps the default action and IP rules; the check then finds nothing', async () => {
    await reset(sb);
    const azure = connect(sb);
    const snapshot = await azure.loader.loadSnapshot();
    const plan = buildCheckReport(snapshot, id).findings.find((f) => f.id === 'registry.virtualNetworkRules')?.fix;
    assert.ok(plan);
    const outcomes = await azure.applyFixPlan(plan);
    assert.deepEqual(outcomes.map((o) => o.status), ['applied']);
    assert.deepEqual(await rulesAt('2021-08-01-preview'), []);
    const set = ((await arm(sb, 'GET', `${id}?api-version=2021-08-01-preview`)).json as { properties: { networkRuleSet: { defaultAction: string } } }).properties.networkRuleSet;
    assert.equal(set.defaultAction, 'Deny');
    const after = await connect(sb).loader.loadSnapshot();
    assert.ok(!buildCheckReport(after, id).findings.some((f) => f.id === 'registry.virtualNetworkRules'));
  });

  void it('rules changed between the read and the write: a conflict, and nothing is written', async () => {
    await reset(sb);
    const azure = connect(sb);
    const plan = buildCheckReport(await azure.loader.loadSnapshot(), id).findings.find((f) => f.id === 'registry.virtualNetworkRules')?.fix;
    assert.ok(plan);
    const both = [{ action: 'Allow', id: ruleSubnet }, { action: 'Allow', id: subnetId('buildSubnet') }];
    const added = await arm(sb, 'PATCH', `${id}?api-version=2021-08-01-preview`, { properties: { networkRuleSet: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: both } } });
    assert.equal(added.status, 200, added.text);
    const outcomes = await azure.applyFixPlan(plan);
    assert.deepEqual(outcomes.map((o) => o.status), ['conflict']);
    assert.deepEqual(await rulesAt('2021-08-01-preview'), both);
  });
});

void describe('sandbox: room for another replica in the endpoint subnets, and an NSG that denies HTTPS', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ scenario: 'registry-network' });
  });
  after(async () => sb.close());

  void it('fullregistry\'s /29 subnet has no free address: the check says so, and adding a replica fails as Azure fails it, changing nothing', async () => {
    await reset(sb);
    const id = registryId(REGISTRY_NETWORK.fullRegistry);
    const finding = buildCheckReport(await connect(sb).loader.loadSnapshot(), id).findings.find((f) => f.id === 'subnet.noRoomForReplica');
    assert.equal(finding?.subject, subnetId(REGISTRY_NETWORK.fullSubnet));
    assert.match(finding!.message, /Subnet myDockerVMVNET\/fullSubnet \(10\.0\.3\.0\/29\) has 0 free address\(es\)/);
    const { acr } = clients(sb);
    await assert.rejects(
      acr.replications.create(SEED.resourceGroup, REGISTRY_NETWORK.fullRegistry, 'eastus', { location: 'eastus' }, LRO),
      (e: { code?: string; statusCode?: number; message?: string }) => e.statusCode === 400 && e.code === 'SubnetIsFull' && /Subnet fullSubnet with address prefix 10\.0\.3\.0\/29 does not have enough capacity for 1 IP addresses\./.test(e.message ?? ''),
    );
    assert.deepEqual(await all(acr.replications.list(SEED.resourceGroup, REGISTRY_NETWORK.fullRegistry)), []);
    // A registry whose subnet has room gets its replica, and its endpoint one more address.
    const added = await acr.replications.create(SEED.resourceGroup, REGISTRY_NETWORK.buildRegistry, 'eastus', { location: 'eastus' }, LRO);
    assert.equal(added.location, 'eastus');
  });

  void it('nsgregistry: policies on its subnet and DenyVnetHttpsInbound at priority 200 are an error naming both; without the group on the subnet, none', async () => {
    await reset(sb);
    const id = registryId(REGISTRY_NETWORK.nsgRegistry);
    const snapshot = await connect(sb).loader.loadSnapshot();
    assert.deepEqual(snapshot.networkSecurityGroups?.map((g) => g.name), [REGISTRY_NETWORK.nsg]);
    const finding = buildCheckReport(snapshot, id).findings.find((f) => f.id === 'endpoint.nsgBlocksHttps');
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /network security group nsgSubnet-nsg applies to private endpoint nsgregistry-endpoint, and its rule DenyVnetHttpsInbound \(priority 200\) denies TCP 443 from VirtualNetwork/);
    const { network } = clients(sb);
    const nsg = await network.networkSecurityGroups.get(SEED.resourceGroup, REGISTRY_NETWORK.nsg);
    assert.deepEqual(nsg.defaultSecurityRules?.map((r) => [r.name, r.priority]).slice(0, 1), [['AllowVnetInBound', 65000]]);
    const subnet = await network.subnets.get(SEED.resourceGroup, SEED.vnet, REGISTRY_NETWORK.nsgSubnet);
    assert.equal(subnet.networkSecurityGroup?.id?.toLowerCase(), nsg.id?.toLowerCase());
    const put = await arm(sb, 'PUT', `${subnetId(REGISTRY_NETWORK.nsgSubnet)}?api-version=2024-05-01`, { properties: { addressPrefix: '10.0.4.0/24', privateEndpointNetworkPolicies: 'Enabled', networkSecurityGroup: null } });
    assert.ok(put.status === 200, put.text);
    const after = await connect(sb).loader.loadSnapshot();
    assert.equal(after.networkSecurityGroups, undefined, 'no group applies: none is read');
    assert.ok(!buildCheckReport(after, id).findings.some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  });

  void it('the checker: nsgregistry exits 1 with the NSG error in its JSON; fullregistry warns before any replica is added', async () => {
    await reset(sb);
    const readyFile = writeReadyFile(sb);
    const nsg = await runCli(['check', '--registry', REGISTRY_NETWORK.nsgRegistry, '--sandbox-ready-file', readyFile, '--no-dns', '--json']);
    assert.equal(nsg.code, 1, nsg.stderr);
    const report = JSON.parse(nsg.stdout) as JsonReport;
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.id), ['endpoint.nsgBlocksHttps']);
    const full = await runCli(['check', '--registry', REGISTRY_NETWORK.fullRegistry, '--sandbox-ready-file', readyFile, '--no-dns']);
    assert.equal(full.code, 0, full.stdout + full.stderr);
    assert.match(full.stdout, /WARN {2}subnet\.noRoomForReplica .*fullSubnet\n.*has 0 free address\(es\)/);
  });

  void it('a security group that cannot be read is "could not check", never "allowed"', async () => {
    await reset(sb);
    await inject(sb, { method: 'GET', pathPattern: '/networkSecurityGroups/nsgSubnet-nsg$', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } });
    const report = buildCheckReport(await connect(sb).loader.loadSnapshot(), registryId(REGISTRY_NETWORK.nsgRegistry));
    assert.ok(!report.findings.some((f) => f.id === 'endpoint.nsgBlocksHttps'));
    assert.match(report.findings.find((f) => f.id === 'check.unreadable')?.message ?? '', /network security group nsgSubnet-nsg could not be read \(403 AuthorizationFailed\)/);
    assert.equal(report.summary.result, 'couldNotCheck');
  });
});
