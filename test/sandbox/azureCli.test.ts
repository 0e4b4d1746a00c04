// The seed document's Azure CLI steps, as the document writes them (test/sandbox/azcli/seed-cli-steps.sh),
// run by the real Azure CLI (Debian's azure-cli) against a fresh `empty` sandbox: az is pointed at the
// sandbox by scripts/az-sandbox.sh (custom cloud, service-principal sign-in, the sandbox's CA), each step
// runs in its own bash, and its effect is read back from the sandbox through the SDKs, the sandbox's
// DNS server and, at the end, the extension's own checker. Every request az sends must succeed, and a
// proxy that does not exist catches any request that would leave loopback. Skipped, saying so, when az
// is not installed.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningSandbox } from '../../src/sandbox';
import { runCli, writeReadyFile } from './cli/runCli';
import { all, arm, id, RG, SUB2, withSandbox, type Clients } from './helpers';

const root = path.resolve(__dirname, '../../..');
const STEPS_FILE = path.join(root, 'test', 'sandbox', 'azcli', 'seed-cli-steps.sh');
const AZ_SANDBOX = path.join(root, 'scripts', 'az-sandbox.sh');
const ZONE = 'privatelink.azurecr.io';
const VNET = 'myDockerVMVNET';
const SUBNET = 'myDockerVMSubnet';
/** A closed loopback port: a request az would send anywhere but loopback fails here instead of leaving the machine. */
const NOWHERE_PROXY = 'http://127.0.0.1:9';

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

const AZ_MISSING = onPath('az') ? false : 'the Azure CLI (az) is not installed: apt-get install azure-cli (npm test installs it through scripts/ensure-tools.sh)';

interface Step {
  title: string;
  script: string;
  /** Variables the step assigns (`NAME=…` at the start of a line), handed to the steps after it. */
  assigns: string[];
}

/** The steps of the steps file: each starts at a line `#: <title>`. */
function readSteps(): Map<string, Step> {
  const steps = new Map<string, Step>();
  let current: Step | undefined;
  for (const line of fs.readFileSync(STEPS_FILE, 'utf8').split('\n')) {
    const title = /^#: (.+)$/.exec(line)?.[1];
    if (title) {
      current = { title, script: '', assigns: [] };
      steps.set(title, current);
      continue;
    }
    if (!current) continue;
    current.script += `${line}\n`;
    const assigned = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    if (assigned && !current.assigns.includes(assigned)) current.assigns.push(assigned);
  }
  return steps;
}

interface StepResult {
  stdout: string;
  stderr: string;
}

async function resolve4(sb: RunningSandbox, name: string): Promise<string[] | string> {
  const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([sb.dnsServer]);
  try {
    return await r.resolve4(name);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ERR';
  }
}

void describe('sandbox: the seed document\'s az commands, run by the Azure CLI (empty scenario)', { skip: AZ_MISSING }, () => {
  let sb: RunningSandbox;
  let c: Clients;
  let work: string;
  let readyFile: string;
  const steps = readSteps();
  /** What the steps so far assigned (REGISTRY_ID, NETWORK_INTERFACE_ID, …). */
  const vars: Record<string, string> = {};

  function env(): NodeJS.ProcessEnv {
    const e: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(e)) if (/^(AZURE_|_ACR_PL_)/.test(k) || /^(https?|no|all)_proxy$/i.test(k)) delete e[k];
    return { ...e, ...vars, ACR_PL_AZ_CONFIG_DIR: path.join(work, 'azure'), HTTPS_PROXY: NOWHERE_PROXY, HTTP_PROXY: NOWHERE_PROXY, https_proxy: NOWHERE_PROXY, http_proxy: NOWHERE_PROXY };
  }

  /** Runs bash: `source scripts/az-sandbox.sh READY`, then the script with -e; prints the assigned variables after a marker. */
  function bash(script: string, assigns: string[] = []): Promise<StepResult & { assigned: Record<string, string> }> {
    const marker = '#acr-pl-vars#';
    const full = [
      `source "${AZ_SANDBOX}" "${readyFile}" >/dev/null || exit 97`,
      'set -e -o pipefail',
      script,
      `printf '\\n${marker}\\n'`,
      ...assigns.map((v) => `printf '%s=%s\\n' ${v} "$${v}"`),
    ].join('\n');
    return new Promise((resolve, reject) => {
      execFile('bash', ['-c', full], { cwd: work, env: env(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`bash exited ${String(error.code)}:\n${script}\n--- stderr:\n${stderr}\n--- stdout:\n${stdout}`));
        const at = stdout.lastIndexOf(`\n${marker}\n`);
        const assigned: Record<string, string> = {};
        for (const line of stdout.slice(at + marker.length + 2).split('\n')) {
          const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
          if (m?.[1] !== undefined) assigned[m[1]] = m[2] ?? '';
        }
        resolve({ stdout: stdout.slice(0, at), stderr, assigned });
      });
    });
  }

  /** Runs one step of the document and keeps what it assigned for the steps after it. */
  async function run(title: string): Promise<StepResult> {
    const step = steps.get(title);
    assert.ok(step, `step '${title}' is in ${STEPS_FILE}`);
    const r = await bash(step.script, step.assigns);
    for (const v of step.assigns) {
      assert.ok(r.assigned[v], `${v} was assigned (stderr: ${r.stderr})`);
      vars[v] = r.assigned[v] ?? '';
    }
    return r;
  }

  before(async () => {
    ({ sb, c } = await withSandbox({ scenario: 'empty' }));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-az-'));
    readyFile = writeReadyFile(sb);
    // Cloud registration and sign-in happen in the first `source`; show what az then answers.
    const who = await bash('az account show --query "[name, user.type, environmentName]" --output tsv');
    assert.deepEqual(who.stdout.trim().split(/\s+/), ['Contoso', 'Production', 'servicePrincipal', 'AcrSandbox']);
  });
  after(async () => {
    await sb.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  void it('registers Microsoft.ContainerRegistry in the other subscription', { timeout: 120_000 }, async () => {
    const state = async (): Promise<string> => ((await arm(sb, 'GET', `/subscriptions/${SUB2}/providers/Microsoft.ContainerRegistry?api-version=2021-04-01`)).json as { registrationState: string }).registrationState;
    assert.equal(await state(), 'NotRegistered');
    await run('register the resource provider');
    assert.equal(await state(), 'Registered');
    // What a reader checks next: the subscription's provider list (Providers_List) says so too.
    const listed = await bash(`az provider list --subscription "Contoso Dev" --query "[?namespace=='Microsoft.ContainerRegistry'].registrationState" --output tsv`);
    assert.equal(listed.stdout.trim(), 'Registered');
  });

  void it('disables private endpoint network policies on the subnet', { timeout: 120_000 }, async () => {
    // A subnet whose policies are on, so that the step's change shows.
    await c.network.subnets.beginCreateOrUpdateAndWait(RG, VNET, SUBNET, { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Enabled' }, { updateIntervalInMs: 1 });
    await run('disable network policies in the subnet');
    const subnet = await c.network.subnets.get(RG, VNET, SUBNET);
    assert.equal(subnet.privateEndpointNetworkPolicies, 'Disabled');
    assert.equal(subnet.addressPrefix, '10.0.0.0/24');
  });

  void it('creates privatelink.azurecr.io and links it to the VNet without auto-registration', { timeout: 120_000 }, async () => {
    assert.deepEqual(await all(c.dns.privateZones.list()), []);
    await run('create the private DNS zone');
    const zone = await c.dns.privateZones.get(RG, ZONE);
    assert.equal(zone.name, ZONE);
    await run('link the zone to the virtual network');
    const link = await c.dns.virtualNetworkLinks.get(RG, ZONE, 'MyDNSLink');
    assert.equal(link.virtualNetwork?.id?.toLowerCase(), id.vnet(VNET).toLowerCase());
    assert.equal(link.registrationEnabled, false);
    assert.equal(link.virtualNetworkLinkState, 'Completed');
  });

  void it('reads the registry id with `az acr show` (found without a resource group)', { timeout: 120_000 }, async () => {
    await run("get the registry's resource id");
    assert.equal(vars['REGISTRY_ID'], id.registry('myregistry'));
  });

  void it('creates myPrivateEndpoint: approved on both sides, one NIC address per required member', { timeout: 120_000 }, async () => {
    await run('create the private endpoint');
    const pe = await c.network.privateEndpoints.get(RG, 'myPrivateEndpoint');
    assert.equal(pe.provisioningState, 'Succeeded');
    assert.equal(pe.subnet?.id?.toLowerCase(), id.subnet(VNET, SUBNET).toLowerCase());
    assert.deepEqual(pe.privateLinkServiceConnections?.map((x) => [x.name, x.groupIds, x.privateLinkServiceConnectionState?.status]), [['myConnection', ['registry'], 'Approved']]);
    const conns = await all(c.acr.privateEndpointConnections.list(RG, 'myregistry'));
    assert.deepEqual(conns.map((x) => [x.privateEndpoint?.id, x.privateLinkServiceConnectionState?.status]), [[pe.id, 'Approved']]);
    await run("get the endpoint's network interface");
    assert.equal(vars['NETWORK_INTERFACE_ID'], pe.networkInterfaces?.[0]?.id);
  });

  void it('reads each member\'s private IP and FQDN from the NIC, as the NIC holds them', { timeout: 240_000 }, async () => {
    await run('get the private IP addresses and FQDNs of the registry and its data endpoint');
    await run("get the geo-replica's data endpoint address and FQDN");
    const nic = await c.network.networkInterfaces.get(RG, (vars['NETWORK_INTERFACE_ID'] ?? '').split('/').pop() ?? '');
    const member = (name: string): [string | undefined, string | undefined] => {
      const ip = nic.ipConfigurations?.find((x) => x.privateLinkConnectionProperties?.requiredMemberName === name);
      return [ip?.privateIPAddress, ip?.privateLinkConnectionProperties?.fqdns?.join(' ')];
    };
    assert.deepEqual([vars['REGISTRY_PRIVATE_IP'], vars['REGISTRY_FQDN']], member('registry'));
    assert.deepEqual([vars['DATA_ENDPOINT_PRIVATE_IP'], vars['DATA_ENDPOINT_FQDN']], member('registry_data_westeurope'));
    assert.deepEqual([vars['GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP'], vars['GEO_REPLICA_DATA_ENDPOINT_FQDN']], member('registry_data_eastus'));
    assert.deepEqual(
      [vars['REGISTRY_FQDN'], vars['DATA_ENDPOINT_FQDN'], vars['GEO_REPLICA_DATA_ENDPOINT_FQDN']],
      ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io', 'myregistry.eastus.data.azurecr.io'],
    );
    // Three distinct addresses of the subnet (10.0.0.4 is the VM's).
    const ips = [vars['REGISTRY_PRIVATE_IP'], vars['DATA_ENDPOINT_PRIVATE_IP'], vars['GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP']];
    assert.equal(new Set(ips).size, 3);
    for (const ip of ips) assert.match(ip ?? '', /^10\.0\.0\.(?:[5-9]|\d\d+)$/);
  });

  void it('creates the empty A record sets, then adds the records: the VNet resolves the registry privately', { timeout: 240_000 }, async () => {
    assert.match(String(await resolve4(sb, 'myregistry.azurecr.io')), /^ENOTFOUND$|^ENODATA$/);
    await run('create the empty A record sets');
    for (const name of ['myregistry', 'myregistry.westeurope.data']) {
      const set = await c.dns.recordSets.get(RG, ZONE, 'A', name);
      assert.deepEqual(set.aRecords ?? [], [], name);
    }
    await run('add the A records');
    const ips = async (name: string): Promise<string[]> => ((await c.dns.recordSets.get(RG, ZONE, 'A', name)).aRecords ?? []).map((a) => a.ipv4Address ?? '');
    assert.deepEqual(await ips('myregistry'), [vars['REGISTRY_PRIVATE_IP']]);
    assert.deepEqual(await ips('myregistry.westeurope.data'), [vars['DATA_ENDPOINT_PRIVATE_IP']]);
    // The document's `dig $REGISTRY_NAME.azurecr.io` from a VM in the VNet, asked of the server the
    // script names for it (`dig -p $SANDBOX_DNS_PORT @$SANDBOX_DNS_HOST …`).
    const named = await bash('printf "%s:%s" "$SANDBOX_DNS_HOST" "$SANDBOX_DNS_PORT"');
    assert.equal(named.stdout.trim(), sb.dnsServer);
    assert.deepEqual(await resolve4(sb, 'myregistry.azurecr.io'), [vars['REGISTRY_PRIVATE_IP']]);
    assert.deepEqual(await resolve4(sb, 'myregistry.westeurope.data.azurecr.io'), [vars['DATA_ENDPOINT_PRIVATE_IP']]);
    assert.equal(await resolve4(sb, 'myregistry.eastus.data.azurecr.io'), 'ENOTFOUND');
    await run("create the geo-replica's record");
    assert.deepEqual(await ips('myregistry.eastus.data'), [vars['GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP']]);
    assert.deepEqual(await resolve4(sb, 'myregistry.eastus.data.azurecr.io'), [vars['GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP']]);
  });

  void it('disables public network access', { timeout: 120_000 }, async () => {
    assert.equal((await c.acr.registries.get(RG, 'myregistry')).publicNetworkAccess, 'Enabled');
    await run('disable public network access');
    assert.equal((await c.acr.registries.get(RG, 'myregistry')).publicNetworkAccess, 'Disabled');
  });

  void it('lists the connection and shows the usage against the limit', { timeout: 120_000 }, async () => {
    const list = JSON.parse((await run('list the private endpoint connections')).stdout) as { privateEndpoint: { id: string }; privateLinkServiceConnectionState: { status: string } }[];
    assert.deepEqual(list.map((x) => [x.privateEndpoint.id.split('/').pop(), x.privateLinkServiceConnectionState.status]), [['myPrivateEndpoint', 'Approved']]);
    const usage = JSON.parse((await run("show the registry's usage and limits")).stdout) as { value: { name: string; currentValue: number; limit: number }[] };
    const pec = usage.value.find((u) => u.name === 'PrivateEndpointConnections');
    assert.deepEqual([pec?.currentValue, pec?.limit], [1, 200]);
  });

  void it('every request az sent succeeded, and the extension\'s checker finds the registry healthy', { timeout: 120_000 }, async () => {
    const log = (await arm(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string; status: number }[] };
    assert.deepEqual(log.value.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.method} ${r.path}`), []);
    const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--json']);
    const report = JSON.parse(r.stdout) as { summary: { healthy: boolean }; findings: { id: string; severity: string }[] };
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.id), []);
    assert.equal(report.summary.healthy, true);
    assert.equal(r.code, 0, r.stderr);
  });

  // What a reader tries next, in the forms az offers beside the document's. These run after the check
  // that every request succeeded: some of them are refused, as Azure refuses them.

  /** Runs an az command that must fail; resolves with what az printed on stderr. */
  async function refused(command: string): Promise<string> {
    const r = await bash(`if out=$(${command} 2>&1 >/dev/null); then echo "az succeeded: ${command}" >&2; exit 1; fi\nprintf '%s\\n' "$out"`);
    return r.stdout;
  }

  void it('`az resource list -g` lists the group\'s resources (Resources_List with `resourceGroup eq`)', { timeout: 120_000 }, async () => {
    const r = await bash('az resource list -g $RESOURCE_GROUP --query "[].type" --output tsv');
    const types = new Set(r.stdout.trim().split('\n'));
    for (const type of ['Microsoft.ContainerRegistry/registries', 'Microsoft.Network/privateEndpoints', 'Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', 'Microsoft.Network/virtualNetworks']) {
      assert.ok(types.has(type), `${type} in ${[...types].join(', ')}`);
    }
  });

  void it('`az network private-dns record-set list` lists the zone\'s SOA `@` beside the A sets, as many as the zone counts', { timeout: 120_000 }, async () => {
    const r = await bash('az network private-dns record-set list --zone-name privatelink.azurecr.io --resource-group $RESOURCE_GROUP --query "[].[type, name]" --output tsv');
    const rows = r.stdout.trim().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(rows, [
      ['Microsoft.Network/privateDnsZones/SOA', '@'],
      ['Microsoft.Network/privateDnsZones/A', 'myregistry'],
      ['Microsoft.Network/privateDnsZones/A', 'myregistry.eastus.data'],
      ['Microsoft.Network/privateDnsZones/A', 'myregistry.westeurope.data'],
    ]);
    assert.equal(rows.length, (await c.dns.privateZones.get(RG, ZONE)).numberOfRecordSets);
    const soa = await bash('az network private-dns record-set soa show --zone-name privatelink.azurecr.io --resource-group $RESOURCE_GROUP --query "[soaRecord.host, soaRecord.email]" --output tsv');
    assert.deepEqual(soa.stdout.trim().split(/\s+/), ['azureprivatedns.net', 'azureprivatedns-host.microsoft.com']);
  });

  void it('creating a record set that exists is refused in Azure\'s words, and the record keeps its address', { timeout: 120_000 }, async () => {
    const err = await refused('az network private-dns record-set a create --name $REGISTRY_NAME --zone-name privatelink.azurecr.io --resource-group $RESOURCE_GROUP');
    assert.match(err, /\(PreconditionFailed\) The Record set myregistry exists already and hence cannot be created again\./);
    const set = await c.dns.recordSets.get(RG, ZONE, 'A', 'myregistry');
    assert.deepEqual(set.aRecords?.map((a) => a.ipv4Address), [vars['REGISTRY_PRIVATE_IP']]);
  });

  void it('deleting the zone while it is linked is refused in Azure\'s words; the zone and its link stay', { timeout: 120_000 }, async () => {
    const err = await refused('az network private-dns zone delete --name privatelink.azurecr.io --resource-group $RESOURCE_GROUP --yes');
    assert.match(err, /\(CannotDeleteResource\) Cannot delete resource while nested resources exist\. Some existing nested resource IDs include: 'Microsoft\.Network\/privateDnsZones\/privatelink\.azurecr\.io\/virtualNetworkLinks\/MyDNSLink'\./);
    assert.equal((await c.dns.privateZones.get(RG, ZONE)).name, ZONE);
    assert.equal((await c.dns.virtualNetworkLinks.get(RG, ZONE, 'MyDNSLink')).virtualNetworkLinkState, 'Completed');
  });
});
