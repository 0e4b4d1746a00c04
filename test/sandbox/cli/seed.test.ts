// The checker against the sandbox's seed scenario: the seed document's world with the eastus
// replica's data record missing. Run as a pipeline would: the built dist/cli.js, its exit code and JSON.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLiveResolver, resolveLive } from '../../../src/diagnosis';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { runCli, writeReadyFile } from './runCli';

interface JsonReport {
  summary: { error: number; healthy: boolean };
  findings: { id: string; subject: string; severity: string; fix?: { safe: boolean; writes: { kind: string; recordSetName?: string; ipv4Addresses?: string[]; ifNoneMatch?: string }[] } }[];
  table: { fqdn: string; verdict: string; expectedIp?: string; zoneRecordIps: string[]; liveAnswer?: { status: string; addresses: string[] } }[];
  fixes?: { title: string; outcomes: { status: string }[] }[];
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

const eastusData = 'myregistry.eastus.data.azurecr.io';

void test('the seed registry: exit 1, and the JSON names dns.record.missing for the eastus data endpoint with its plan', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  const missing = report.findings.find((f) => f.id === 'dns.record.missing');
  assert.equal(missing?.subject, eastusData);
  assert.equal(missing?.fix?.safe, true);
  assert.deepEqual(
    missing?.fix?.writes.map((w) => [w.kind, w.recordSetName, w.ipv4Addresses, w.ifNoneMatch]),
    [['createARecordSet', 'myregistry.eastus.data', ['10.0.0.5'], '*']],
  );
  const row = report.table.find((t) => t.fqdn === eastusData);
  assert.equal(row?.verdict, 'missing');
  assert.equal(row?.expectedIp, '10.0.0.5');
  // the sandbox DNS answers as a VM in the VNet would: NXDOMAIN for the missing record
  assert.equal(row?.liveAnswer?.status, 'nxdomain');
  assert.ok(report.findings.some((f) => f.id === 'live.nxdomain' && f.subject === eastusData));
});

void test('the text output shows the table and what to run', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--arm-endpoint', sandbox.armEndpoint, '--ca-file', sandbox.caCertFile, '--dns-server', sandbox.dnsServer]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /myregistry\.eastus\.data\.azurecr\.io\s+myDockerVMVNET\s+10\.0\.0\.5\s+-\s+NXDOMAIN\s+NXDOMAIN\s+missing/);
  assert.match(r.stdout, /ERROR dns\.record\.missing/);
  assert.match(r.stdout, /fix \(applied by --fix --yes\): Create A record myregistry\.eastus\.data → 10\.0\.0\.5/);
});

void test('--fix --yes creates myregistry.eastus.data → 10.0.0.5, leaves the other records alone, and the re-check exits 0', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile, '--json', '--fix', '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.fixes?.map((f) => f.outcomes.map((o) => o.status)), [['applied']]);
  assert.equal(report.summary.healthy, true);
  const byFqdn = new Map(report.table.map((t) => [t.fqdn, t]));
  assert.deepEqual(byFqdn.get(eastusData)?.zoneRecordIps, ['10.0.0.5']);
  assert.deepEqual(byFqdn.get('myregistry.azurecr.io')?.zoneRecordIps, ['10.0.0.7']);
  assert.deepEqual(byFqdn.get('myregistry.westeurope.data.azurecr.io')?.zoneRecordIps, ['10.0.0.6']);
  assert.ok(report.table.every((t) => t.verdict === 'ok'));

  // and a VM in the VNet now resolves it
  const answer = await resolveLive(createLiveResolver({ servers: [sandbox.dnsServer] }), eastusData);
  assert.deepEqual(answer.addresses, ['10.0.0.5']);

  const again = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', readyFile]);
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, /Healthy: 0 error\(s\)/);
});

void test('a registry that does not exist exits 2 and says where it looked', async () => {
  const r = await runCli(['check', '--registry', 'nosuchregistry', '--sandbox-ready-file', readyFile]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No registry named nosuchregistry in \d+ subscription\(s\)/);
});

void test('an unreachable ARM endpoint exits 2 with "could not check"', async () => {
  // A port nothing listens on: the sandbox's own port after a separate sandbox closed.
  const gone = await startSandbox({ scenario: 'empty' });
  const endpoint = gone.armEndpoint;
  const ca = gone.caCertPem;
  await gone.close();
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'acr-cli-ca-')), 'ca.pem');
  fs.writeFileSync(caFile, ca);
  const r = await runCli(['check', '--registry', 'myregistry', '--arm-endpoint', endpoint, '--ca-file', caFile, '--no-dns']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Could not check: .*(ECONNREFUSED|unreachable|connect)/im);
});
