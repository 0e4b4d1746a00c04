// The checker a person copies onto a VM in the VNet is one file: dist/cli.js alone in an empty folder
// (no node_modules beside it or above it, no NODE_PATH) answers --help and checks the seed registry
// against the sandbox, as it does from the repository.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { cliPath, runCli, writeReadyFile, type CliResult } from './runCli';

let sandbox: RunningSandbox;
let folder: string;

/** `node cli.js …` in the folder that holds only cli.js. */
function runAlone(args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['NODE_PATH'];
  delete env['NODE_OPTIONS'];
  return new Promise((resolve) => {
    execFile(process.execPath, ['cli.js', ...args], { cwd: folder, timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

before(async () => {
  sandbox = await startSandbox({ scenario: 'seed' });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-cli-alone-'));
  fs.copyFileSync(cliPath, path.join(folder, 'cli.js'));
});
after(async () => {
  await sandbox.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

void test('copied alone into an empty folder, cli.js has nothing to load from beside or above it', () => {
  assert.deepEqual(fs.readdirSync(folder), ['cli.js']);
  for (let dir = folder; ; dir = path.dirname(dir)) {
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules')), `${dir} has a node_modules the copy could load from`);
    if (path.dirname(dir) === dir) break;
  }
});

void test('alone, cli.js prints its usage', async () => {
  const r = await runAlone(['--help']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage: acr-private-link check --registry <name>/);
});

void test('alone, cli.js checks the seed registry against the sandbox: exit 1, the eastus data record missing, NXDOMAIN from the sandbox DNS', async () => {
  const r = await runAlone(['check', '--registry', 'myregistry', '--sandbox-ready-file', writeReadyFile(sandbox), '--json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { id: string; subject: string }[]; table: { fqdn: string; verdict: string; liveAnswer?: { status: string } }[] };
  assert.ok(report.findings.some((f) => f.id === 'dns.record.missing' && f.subject === 'myregistry.eastus.data.azurecr.io'));
  const row = report.table.find((t) => t.fqdn === 'myregistry.eastus.data.azurecr.io');
  assert.equal(row?.verdict, 'missing');
  assert.equal(row?.liveAnswer?.status, 'nxdomain');
});

void test('an endpoint whose certificate is not trusted exits 2 naming the certificate and --ca-file', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--arm-endpoint', sandbox.armEndpoint, '--no-dns']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Could not check: could not read subscriptions at \/subscriptions: .* \[[A-Z_]+\]; the endpoint's TLS certificate is not trusted: pass the CA that issued it with --arm-endpoint <url> --ca-file <pem>\.$/m);
});

void test('an --arm-endpoint that is not a URL exits 2 naming the option', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--arm-endpoint', 'https://[127.0.0.1', '--no-dns']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^--arm-endpoint must be an https:\/\/ URL \(got 'https:\/\/\[127\.0\.0\.1'\)\./);
  assert.doesNotMatch(r.stderr, /Invalid URL/);
});
