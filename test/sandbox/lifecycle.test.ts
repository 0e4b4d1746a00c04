// State persistence across restarts, the command line, and the generated scale scenario.

import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../src/sandbox';
import { all, arm, clients, RG, SUB1 } from './helpers';

const zone = `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

void describe('sandbox: lifecycle', () => {
  void it('a write survives a restart with the same state file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
    const stateFile = path.join(dir, 'state.json');
    try {
      const first = await startSandbox({ stateFile });
      const put = await arm(first, 'PUT', `${zone}/A/myregistry.eastus.data?api-version=2024-06-01`, { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.5' }] } });
      assert.equal(put.status, 201);
      await first.close();
      const second = await startSandbox({ stateFile });
      try {
        const got = await arm(second, 'GET', `${zone}/A/myregistry.eastus.data?api-version=2024-06-01`);
        assert.equal(got.status, 200);
        assert.equal((got.json as { etag: string }).etag, (put.json as { etag: string }).etag);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('the command line writes the ready file, serves, and stops cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
    const readyFile = path.join(dir, 'ready.json');
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'src', 'sandbox', 'main.js'), '--scenario', 'empty', '--ready-file', readyFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const ready = await until('ready file', () => (fs.existsSync(readyFile) && fs.statSync(readyFile).size > 0 ? (JSON.parse(fs.readFileSync(readyFile, 'utf8')) as Record<string, unknown>) : undefined));
      assert.deepEqual(Object.keys(ready).sort(), ['armEndpoint', 'caCertFile', 'dnsServer', 'pid', 'subscriptionIds', 'tenantId']);
      assert.equal(ready['pid'], child.pid);
      assert.match(String(ready['armEndpoint']), /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(String(ready['dnsServer']), /^127\.0\.0\.1:\d+$/);
      const ca = fs.readFileSync(String(ready['caCertFile']), 'utf8');
      assert.match(ca, /BEGIN CERTIFICATE/);
      const sb = { armEndpoint: String(ready['armEndpoint']), caCertPem: ca, dnsServer: '', caCertFile: '', tenantId: '', subscriptionIds: [], close: async () => undefined };
      assert.equal((await arm(sb, 'GET', '/subscriptions?api-version=2022-12-01')).status, 200);
      assert.match(output, /ARM endpoint: +https:\/\/127\.0\.0\.1:\d+/);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('refuses to listen on an address that is not loopback unless told --allow-remote, binding nothing', async () => {
    await assert.rejects(startSandbox({ host: '0.0.0.0' }), /0\.0\.0\.0 is not a loopback address.*control API \(\/_sandbox\/\) have no authentication.*--allow-remote/);
    await assert.rejects(startSandbox({ host: '192.168.1.20' }), /not a loopback address/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-host-'));
    const readyFile = path.join(dir, 'ready.json');
    try {
      const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'src', 'sandbox', 'main.js'), '--host', '0.0.0.0', '--ready-file', readyFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      assert.equal(code, 1);
      assert.match(stderr, /0\.0\.0\.0 is not a loopback address.*pass --allow-remote/);
      assert.equal(fs.existsSync(readyFile), false, 'no ready file: the sandbox did not start');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('generates the scale scenario quickly and consistently', async () => {
    const t = performance.now();
    const sb = await startSandbox({ scenario: 'scale', scale: { subscriptions: 3, registries: 40, endpoints: 3 } });
    try {
      assert.ok(performance.now() - t < 10000);
      assert.equal(sb.subscriptionIds.length, 3);
      const c = clients(sb, sb.subscriptionIds[1]);
      assert.equal((await all(c.acr.registries.list())).length, 40);
      assert.equal((await all(c.network.privateEndpoints.listBySubscription())).length, 120);
      const zones = await all(c.dns.privateZones.list());
      assert.equal(zones.length, 3);
      assert.equal(zones[0]?.numberOfRecordSets, 81);
      const reg = (await all(clients(sb, sb.subscriptionIds[0]).acr.registries.list()))[0];
      const r = new dns.promises.Resolver();
      r.setServers([sb.dnsServer]);
      const [ip] = await r.resolve4(`${reg?.name ?? ''}.azurecr.io`);
      assert.match(ip ?? '', /^10\.0\.0\.\d+$/);
    } finally {
      await sb.close();
    }
  });
});
