// `check --connect` against the sandbox, as a pipeline runs it (dist/cli.js): the connectivity section
// of the text and the JSON, and the exit codes (a proven error → 1, a host not tried → 2).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { clients, LRO, raw, RG } from '../helpers';
import { runCli, writeReadyFile } from './runCli';

interface JsonReport {
  summary: { result: string; connectivityNotChecked?: number };
  findings: { id: string; subject: string; severity: string; message: string }[];
  connectivity?: { mode: string; dnsServer: string; results: { host: string; address?: string; outcome: string; dialed?: string; steps: { step: string; elapsedMs: number }[]; http?: { status: number } }[] };
}

let sandbox: RunningSandbox;
let readyFile: string;
before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
  readyFile = writeReadyFile(sandbox);
});
after(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await raw(sandbox, 'POST', '/_sandbox/reset', { scenario: 'seed' });
});

const args = (...extra: string[]): string[] => ['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--connect', ...extra];

void test('--connect on the seed registry: the JSON has a result per host with timed steps, dialed through loopback listeners; exit 1 (the missing record)', async () => {
  const r = await runCli(args('--json'));
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.connectivity?.mode, 'sandbox');
  const byHost = new Map(report.connectivity!.results.map((x) => [x.host, x]));
  assert.equal(byHost.get('myregistry.azurecr.io')?.outcome, 'reachable');
  assert.equal(byHost.get('myregistry.azurecr.io')?.http?.status, 401);
  assert.match(byHost.get('myregistry.azurecr.io')?.dialed ?? '', /^10\.0\.0\.7:443 via 127\.0\.0\.1:\d+$/);
  assert.deepEqual(byHost.get('myregistry.azurecr.io')?.steps.map((s) => s.step), ['resolve', 'connect', 'tls', 'http']);
  assert.equal(byHost.get('myregistry.eastus.data.azurecr.io')?.outcome, 'notChecked');
  assert.equal(report.summary.connectivityNotChecked, 1);
});

void test('--connect --fix --yes: after the record is created every host is reachable and the check exits 0', async () => {
  const r = await runCli(args('--json', '--fix', '--yes'));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.connectivity?.results.map((x) => [x.host, x.outcome]), [
    ['myregistry.azurecr.io', 'reachable'],
    ['myregistry.eastus.data.azurecr.io', 'reachable'],
    ['myregistry.westeurope.data.azurecr.io', 'reachable'],
  ]);
});

void test('outside the VNet with public access disabled: 403 DENIED is an error in the text output, exit 1', async () => {
  await clients(sandbox).acr.registries.beginUpdateAndWait(RG, 'myregistry', { publicNetworkAccess: 'Disabled' }, LRO);
  await raw(sandbox, 'POST', '/_sandbox/dns', { virtualNetworkId: null });
  const r = await runCli(args());
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^Connectivity from this machine \(sandbox: each address dialed through its loopback listener\)/m);
  assert.match(r.stdout, /myregistry\.azurecr\.io\s+203\.0\.113\.\d+\s+.*reached the public endpoint \(403 DENIED\)/);
  assert.match(r.stdout, /ERROR connectivity\.publicEndpoint  myregistry\.azurecr\.io/);
  assert.match(r.stdout, /client with IP '198\.51\.100\.10' is not allowed access/);
});

void test('a name the DNS server does not answer (SERVFAIL): that host is not tried, and the check exits 2, not 0', async () => {
  // With the eastus record fixed, everything resolves and answers except the westeurope data endpoint.
  const fixed = await runCli(args('--json', '--fix', '--yes'));
  assert.equal(fixed.code, 0, fixed.stderr);
  await raw(sandbox, 'POST', '/_sandbox/dns/faults', { kind: 'servfail', namePattern: 'westeurope' });
  const r = await runCli(args('--json'));
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.connectivity?.results.find((x) => x.host === 'myregistry.westeurope.data.azurecr.io')?.outcome, 'notChecked');
  assert.equal(report.summary.result, 'couldNotCheck');
  assert.equal(r.code, 2, r.stdout);
  await raw(sandbox, 'DELETE', '/_sandbox/dns/faults');
});

void test('--connect is in the help, and contradicts --no-dns (exit 2)', async () => {
  const help = await runCli(['--help']);
  assert.match(help.stdout, /--connect {2,}also connect to the login server and every data endpoint/);
  const r = await runCli(args('--no-dns'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--connect resolves each name first; drop --no-dns/);
});
