// The registry's own network settings: ACR Tasks with public network access disabled, service-endpoint
// rules beside private link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixPlansForRegistry, isNetworkSettingFinding } from '../../../src/diagnosis';
import { describeWrite } from '../../../src/model/fixPlan';
import { healthyTopology } from './builder';

function privateRegistry() {
  const t = healthyTopology();
  t.registry.publicNetworkAccess = 'Disabled';
  return t;
}

const taskId = (registryId: string, name: string) => `${registryId}/tasks/${name}`;
const poolId = (registryId: string, name: string) => `${registryId}/agentPools/${name}`;

void test('public access disabled and a task on the shared pool: a warning naming the task, and that the bypass does not help', () => {
  const { snapshot, registry } = privateRegistry();
  snapshot.tasks = { [registry.id]: [{ id: taskId(registry.id, 'nightly-build'), name: 'nightly-build', status: 'Enabled' }] };
  snapshot.agentPools = { [registry.id]: [] };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.tasksNeedVnetAgentPool');
  assert.equal(finding?.severity, 'warning');
  assert.match(finding!.message, /nightly-build/);
  assert.match(finding!.message, /trusted-services bypass does not/);
  assert.match(finding!.message, /az acr agentpool create --registry myregistry --subnet-id/);
  assert.equal(finding!.fix, undefined);
  assert.ok(isNetworkSettingFinding(finding!));
});

void test('a task on an agent pool in a VNet is fine; one on a pool outside any VNet, or a disabled one, is judged as it is', () => {
  const { snapshot, registry } = privateRegistry();
  const vnetPool = { id: poolId(registry.id, 'vnetpool'), name: 'vnetpool', virtualNetworkSubnetResourceId: '/subscriptions/x/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/agents' };
  const publicPool = { id: poolId(registry.id, 'publicpool'), name: 'publicpool' };
  snapshot.agentPools = { [registry.id]: [vnetPool, publicPool] };
  snapshot.tasks = { [registry.id]: [{ id: taskId(registry.id, 'a'), name: 'a', status: 'Enabled', agentPoolName: 'VNETPOOL' }, { id: taskId(registry.id, 'off'), name: 'off', status: 'Disabled' }] };
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.tasksNeedVnetAgentPool'));

  snapshot.tasks = { [registry.id]: [{ id: taskId(registry.id, 'b'), name: 'b', status: 'Enabled', agentPoolName: 'publicpool' }] };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.tasksNeedVnetAgentPool');
  assert.match(finding!.message, /these tasks fail: b \(/);
  assert.match(finding!.message, /run them on vnetpool \(az acr task update --agent-pool vnetpool\)/);
});

void test('no task, but agent pools none of which is in a VNet: a warning naming the pools', () => {
  const { snapshot, registry } = privateRegistry();
  snapshot.tasks = { [registry.id]: [] };
  snapshot.agentPools = { [registry.id]: [{ id: poolId(registry.id, 'pool1'), name: 'pool1' }] };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.tasksNeedVnetAgentPool');
  assert.match(finding!.message, /none of its agent pools \(pool1\) is in a virtual network/);
});

void test('public access enabled, or unknown: no finding about tasks, and the old advice about the bypass is gone', () => {
  const { snapshot, registry } = healthyTopology();
  snapshot.tasks = { [registry.id]: [{ id: taskId(registry.id, 't'), name: 't', status: 'Enabled' }] };
  snapshot.agentPools = { [registry.id]: [] };
  const findings = diagnose(snapshot, registry.id);
  assert.ok(!findings.some((f) => f.id === 'registry.tasksNeedVnetAgentPool'));
  const publicAccess = findings.find((f) => f.id === 'registry.publicNetworkAccessEnabled');
  assert.doesNotMatch(publicAccess!.message, /needs the trusted-services bypass/);
  assert.match(publicAccess!.message, /dedicated agent pool in the virtual network/);
  delete registry.publicNetworkAccess;
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.tasksNeedVnetAgentPool'));
});

void test('a task list that failed is "could not check", never "no tasks"', () => {
  const { snapshot, registry } = privateRegistry();
  snapshot.agentPools = { [registry.id]: [] };
  snapshot.errors.push({ scope: registry.id, read: 'tasks', what: 'ACR tasks', status: 500, code: 'InternalServerError', message: 'boom' });
  const findings = diagnose(snapshot, registry.id);
  assert.ok(!findings.some((f) => f.id === 'registry.tasksNeedVnetAgentPool'));
  const unreadable = findings.find((f) => f.id === 'check.unreadable');
  assert.match(unreadable!.message, /the ACR tasks of registry myregistry could not be read \(500 InternalServerError\)/);
  assert.match(unreadable!.message, /whether its tasks can run with public network access disabled was not checked/);
  assert.ok(isNetworkSettingFinding(unreadable!));
});

// ---- service-endpoint rules beside private link

const subnet = (vnet: string, name: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`;

void test('public access disabled and a rule for the endpoint\'s VNet: a warning that both from one VNet is not supported, with a removal a person confirms', () => {
  const { snapshot, registry } = privateRegistry();
  const rules = [{ action: 'Allow', id: subnet('myVNet', 'clients') }, { action: 'Allow', id: subnet('otherVNet', 'build') }];
  snapshot.networkRuleSets = { [registry.id]: { defaultAction: 'Deny', ipRules: [{ action: 'Allow', value: '16.17.18.0/24' }], virtualNetworkRules: rules } };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.virtualNetworkRules');
  assert.equal(finding?.severity, 'warning');
  assert.match(finding!.message, /myregistry does not support service endpoint rules and private link from one virtual network \(myVNet\)/);
  assert.match(finding!.message, /myVNet\/clients, otherVNet\/build let nothing in; remove them/);
  assert.equal(finding!.fix?.safe, false);
  assert.deepEqual(finding!.fix?.writes, [{ kind: 'removeVirtualNetworkRules', registryId: registry.id, existingSubnetIds: rules.map((r) => r.id), removedSubnetIds: rules.map((r) => r.id) }]);
  assert.match(describeWrite(finding!.fix!.writes[0]!), /Remove the virtual network rules for myVNet\/clients, otherVNet\/build from the network rule set of myregistry, keeping its default action and IP rules, only if its rules are unchanged since read/);
  assert.deepEqual(fixPlansForRegistry(snapshot, registry.id), [], 'never applied by "fix all"');
  assert.ok(isNetworkSettingFinding(finding!));
});

void test('public access disabled, rules only for other VNets: information, still with the removal', () => {
  const { snapshot, registry } = privateRegistry();
  snapshot.networkRuleSets = { [registry.id]: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ action: 'Allow', id: subnet('otherVNet', 'build') }] } };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.virtualNetworkRules');
  assert.equal(finding?.severity, 'info');
  assert.match(finding!.message, /^Public network access to myregistry is disabled, so its virtual network \(service endpoint\) rules for otherVNet\/build let nothing in/);
  assert.ok(finding!.fix);
});

void test('public access enabled: a rule for the endpoint\'s VNet is a warning without a fix; rules for other VNets are fine', () => {
  const { snapshot, registry } = healthyTopology();
  snapshot.networkRuleSets = { [registry.id]: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ action: 'Allow', id: subnet('myVNet', 'clients') }] } };
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'registry.virtualNetworkRules');
  assert.equal(finding?.severity, 'warning');
  assert.match(finding!.message, /once the clients there use the private endpoint, disable public network access and remove the rules for myVNet\/clients/);
  assert.equal(finding!.fix, undefined);
  snapshot.networkRuleSets = { [registry.id]: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ action: 'Allow', id: subnet('otherVNet', 'build') }] } };
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'registry.virtualNetworkRules'));
});

void test('rules that could not be read: no finding and no plan, a "could not check" instead', () => {
  const { snapshot, registry } = privateRegistry();
  snapshot.errors.push({ scope: registry.id, read: 'networkRules', what: 'network rules', status: 403, code: 'AuthorizationFailed', message: 'no' });
  const findings = diagnose(snapshot, registry.id);
  assert.ok(!findings.some((f) => f.id === 'registry.virtualNetworkRules'));
  assert.match(findings.find((f) => f.id === 'check.unreadable')!.message, /the network rules of registry myregistry could not be read \(403 AuthorizationFailed\), so its virtual network \(service endpoint\) rules were not checked/);
  // A plan made from rules read before the failure is dropped, never applied.
  snapshot.networkRuleSets = { [registry.id]: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ action: 'Allow', id: subnet('myVNet', 'clients') }] } };
  assert.equal(diagnose(snapshot, registry.id).find((f) => f.id === 'registry.virtualNetworkRules')?.fix, undefined);
});

// ---- room in the endpoint subnets for another replica

void test('a /29 endpoint subnet with no free address: adding a replica would fail, said before it is tried', () => {
  const { snapshot, registry, vnet } = healthyTopology();
  const subnet = vnet.subnets[0]!;
  subnet.addressPrefix = '10.0.0.0/29';
  subnet.usedIpCount = 3; // 8 - Azure's 5 - 3 in use
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'subnet.noRoomForReplica');
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding?.subject, subnet.id);
  assert.match(finding!.message, /Subnet myVNet\/mySubnet \(10\.0\.0\.0\/29\) has 0 free address\(es\), and a new geo-replica of myregistry needs one more for each of its 1 private endpoint\(s\) there: adding a replica would fail \(SubnetIsFull\)/);
  assert.ok(isNetworkSettingFinding(finding!));
  subnet.usedIpCount = 2;
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'subnet.noRoomForReplica'), 'one free address is room for one endpoint');
  delete subnet.usedIpCount;
  assert.ok(!diagnose(snapshot, registry.id).some((f) => f.id === 'subnet.noRoomForReplica'), 'unknown use: no verdict');
});

// ---- a network security group on the endpoint subnet

function withNsg(rules: { name: string; priority: number; access: string; source: string; port: string }[], policies = 'Enabled') {
  const t = healthyTopology();
  const subnet = t.vnet.subnets[0]!;
  const nsgId = `${t.vnet.id.replace(/virtualNetworks\/.*/, '')}networkSecurityGroups/endpoints-nsg`;
  subnet.privateEndpointNetworkPolicies = policies;
  subnet.networkSecurityGroupId = nsgId;
  t.snapshot.networkSecurityGroups = [
    {
      id: nsgId,
      name: 'endpoints-nsg',
      securityRules: [
        ...rules.map((r) => ({ name: r.name, priority: r.priority, direction: 'Inbound', access: r.access, protocol: 'Tcp', sourceAddressPrefixes: [r.source], destinationAddressPrefixes: ['*'], destinationPortRanges: [r.port] })),
        { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefixes: ['VirtualNetwork'], destinationAddressPrefixes: ['VirtualNetwork'], destinationPortRanges: ['*'] },
      ],
    },
  ];
  return { ...t, nsgId };
}

void test('policies on and a rule that denies TCP 443 from VirtualNetwork: an error naming the NSG, the rule and its priority', () => {
  const { snapshot, registry, endpoint } = withNsg([{ name: 'DenyHttps', priority: 200, access: 'Deny', source: 'VirtualNetwork', port: '443' }]);
  const finding = diagnose(snapshot, registry.id).find((f) => f.id === 'endpoint.nsgBlocksHttps');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.subject, endpoint.id);
  assert.match(finding!.message, /network security group endpoints-nsg applies to private endpoint myPrivateEndpoint, and its rule DenyHttps \(priority 200\) denies TCP 443 from VirtualNetwork/);
  assert.match(finding!.message, /lower priority number than 200/);
});

void test('a deny of a range inside the VNet, or of a port range holding 443, counts; an earlier allow for the VNet, another port or policies off do not', () => {
  assert.ok(diagnose(withNsg([{ name: 'DenySome', priority: 300, access: 'Deny', source: '10.0.5.0/24', port: '400-500' }]).snapshot, healthyTopology().registry.id).some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  const allowed = withNsg([{ name: 'AllowHttps', priority: 100, access: 'Allow', source: 'VirtualNetwork', port: '443' }, { name: 'DenyHttps', priority: 200, access: 'Deny', source: 'VirtualNetwork', port: '443' }]);
  assert.ok(!diagnose(allowed.snapshot, allowed.registry.id).some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  const ssh = withNsg([{ name: 'DenySsh', priority: 200, access: 'Deny', source: 'VirtualNetwork', port: '22' }]);
  assert.ok(!diagnose(ssh.snapshot, ssh.registry.id).some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  const outside = withNsg([{ name: 'DenyOutside', priority: 200, access: 'Deny', source: '192.168.0.0/24', port: '443' }]);
  assert.ok(!diagnose(outside.snapshot, outside.registry.id).some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  const off = withNsg([{ name: 'DenyHttps', priority: 200, access: 'Deny', source: 'VirtualNetwork', port: '443' }], 'Disabled');
  assert.ok(!diagnose(off.snapshot, off.registry.id).some((f) => f.id === 'endpoint.nsgBlocksHttps'));
});

void test('a security group that could not be read: no verdict on it, a "could not check" instead', () => {
  const { snapshot, registry, nsgId } = withNsg([]);
  snapshot.networkSecurityGroups = [];
  snapshot.errors.push({ scope: nsgId, read: 'networkSecurityGroup', what: 'network security group', status: 403, code: 'AuthorizationFailed', message: 'no' });
  const findings = diagnose(snapshot, registry.id);
  assert.ok(!findings.some((f) => f.id === 'endpoint.nsgBlocksHttps'));
  assert.match(findings.find((f) => f.id === 'check.unreadable')!.message, /network security group endpoints-nsg could not be read \(403 AuthorizationFailed\), so whether it lets clients in the virtual network reach the private endpoint on port 443 was not checked/);
});
