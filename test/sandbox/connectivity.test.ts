// Can a client connect? The connectivity check against the sandbox's registry endpoints: every
// address its DNS answers is dialed only through the loopback listener the sandbox publishes for it.
// The seed world (reachable over the private endpoint), a client outside the VNet with public access
// disabled (403 DENIED from the public endpoint), the same with public access on (401 over a public
// address), a listener that holds or resets connections, and the privatelink name, which the
// certificate does not cover.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as net from 'node:net';
import {
  checkConnectivity,
  connectivityFindings,
  createLiveResolver,
  fetchSandboxListeners,
  openTcp,
  probeHost,
  resolveLive,
  sandboxDialer,
  type ConnectivityReport,
  type TcpTarget,
} from '../../src/diagnosis';
import { isLoopbackHost } from '../../src/common/loopback';
import type { RunningSandbox } from '../../src/sandbox';
import { clients, LRO, raw, RG, type Clients } from './helpers';
import { startSandbox } from '../../src/sandbox';
import { emptySnapshot } from '../../src/model/types';

let sb: RunningSandbox;
let c: Clients;
const dialed: TcpTarget[] = [];

before(async () => {
  sb = await startSandbox({ scenario: 'seed' });
  c = clients(sb);
});
after(async () => {
  await sb.close();
  // Whatever the test did, nothing left this machine.
  assert.ok(dialed.length > 0);
  for (const t of dialed) assert.ok(isLoopbackHost(t.host), `dialed ${t.host}:${t.port}`);
});
beforeEach(async () => {
  assert.equal((await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' })).status, 200);
  await raw(sb, 'DELETE', '/_sandbox/listeners/faults');
  await raw(sb, 'DELETE', '/_sandbox/listeners/log');
});

const login = 'myregistry.azurecr.io';
const westeurope = 'myregistry.westeurope.data.azurecr.io';
const eastus = 'myregistry.eastus.data.azurecr.io';
const hosts = [
  { host: login, role: 'loginServer' as const },
  { host: eastus, role: 'dataEndpoint' as const },
  { host: westeurope, role: 'dataEndpoint' as const },
];
const timeouts = { connect: 2000, tls: 500, http: 2000 };

async function dialer() {
  return sandboxDialer(await fetchSandboxListeners(sb.armEndpoint, sb.caCertPem), (t: TcpTarget): net.Socket => {
    dialed.push(t);
    return openTcp(t);
  });
}

async function check(): Promise<ConnectivityReport> {
  return checkConnectivity(hosts, { resolver: createLiveResolver({ servers: [sb.dnsServer] }), dialer: await dialer(), ca: sb.caCertPem, timeouts });
}

const result = (report: ConnectivityReport, host: string) => report.results.find((r) => r.host === host)!;

interface LogEntry {
  address: string;
  event: string;
  servername?: string;
  host?: string;
  status?: number;
}

async function listenerLog(): Promise<LogEntry[]> {
  return ((await raw(sb, 'GET', '/_sandbox/listeners/log')).json as { value: LogEntry[] }).value;
}

void test('the sandbox publishes a loopback listener for every address its DNS can answer', async () => {
  const r = await raw(sb, 'GET', '/_sandbox/listeners');
  const body = r.json as { clientPublicAddress: string; value: { address: string; role: string; listener: string }[] };
  const byAddress = new Map(body.value.map((l) => [l.address, l]));
  for (const ip of ['10.0.0.7', '10.0.0.6', '10.0.0.5']) assert.equal(byAddress.get(ip)?.role, 'privateEndpoint');
  assert.ok(body.value.some((l) => l.role === 'publicEndpoint' && l.address.startsWith('203.0.113.')));
  for (const l of body.value) assert.match(l.listener, /^127\.0\.0\.1:\d+$/);
  assert.equal(body.clientPublicAddress, '198.51.100.10');
});

void test('seed world from inside the VNet: the login server answers the Bearer challenge at 10.0.0.7, westeurope data answers at 10.0.0.6, eastus is not tried (NXDOMAIN)', async () => {
  const report = await check();
  const l = result(report, login);
  assert.equal(l.outcome, 'reachable');
  assert.equal(l.address, '10.0.0.7');
  assert.equal(l.http?.status, 401);
  assert.equal(l.http?.realm, 'https://myregistry.azurecr.io/oauth2/token');
  assert.equal(l.http?.service, 'myregistry.azurecr.io');
  assert.deepEqual(l.steps.map((s) => s.step), ['resolve', 'connect', 'tls', 'http']);
  const w = result(report, westeurope);
  assert.equal(w.outcome, 'reachable');
  assert.equal(w.address, '10.0.0.6');
  assert.equal(typeof w.http?.status, 'number');
  assert.equal(result(report, eastus).outcome, 'notChecked');
  // TLS asked each listener for the public name.
  const log = await listenerLog();
  assert.deepEqual(
    log.filter((e) => e.event === 'request').map((e) => [e.address, e.servername, e.status]).sort(),
    [['10.0.0.6', westeurope, w.http!.status], ['10.0.0.7', login, 401]].sort(),
  );
});

void test('a client outside the VNet with public access disabled reaches the public endpoint: 403 DENIED, an error naming the host and the address', async () => {
  await c.acr.registries.beginUpdateAndWait(RG, 'myregistry', { publicNetworkAccess: 'Disabled' }, LRO);
  assert.equal((await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: null })).status, 200);
  const report = await check();
  const l = result(report, login);
  assert.equal(l.outcome, 'publicEndpoint');
  assert.equal(l.addressClass, 'public');
  assert.equal(l.http?.status, 403);
  assert.equal(l.http?.errorCode, 'DENIED');
  assert.equal(l.http?.clientIp, '198.51.100.10');
  assert.equal(result(report, westeurope).outcome, 'publicEndpoint');
  const registry = (await c.acr.registries.get(RG, 'myregistry')).id!;
  const findings = connectivityFindings(emptySnapshot(), registry, report);
  const denied = findings.find((f) => f.id === 'connectivity.publicEndpoint' && f.subject === login);
  assert.equal(denied?.severity, 'error');
  assert.match(denied!.message, new RegExp(`public address ${l.address!.replace(/\./g, '\\.')}`));
});

void test('the same client with public access enabled is reachable, over a public address', async () => {
  await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: null });
  const l = result(await check(), login);
  assert.equal(l.outcome, 'reachable');
  assert.equal(l.addressClass, 'public');
  assert.equal(l.http?.status, 401);
});

void test('a listener that holds the connection times out at TLS; one that resets is reported as reset', async () => {
  assert.equal((await raw(sb, 'POST', '/_sandbox/listeners/faults', { address: '10.0.0.7', kind: 'timeout' })).status, 201);
  assert.equal((await raw(sb, 'POST', '/_sandbox/listeners/faults', { address: '10.0.0.6', kind: 'reset' })).status, 201);
  const report = await check();
  const l = result(report, login);
  assert.equal(l.outcome, 'timeout');
  assert.equal(l.step, 'tls');
  const w = result(report, westeurope);
  assert.equal(w.outcome, 'reset');
  const log = await listenerLog();
  assert.ok(log.some((e) => e.address === '10.0.0.7' && e.event === 'timeout'));
  assert.ok(log.some((e) => e.address === '10.0.0.6' && e.event === 'reset'));
});

void test('a rejected connection passes no traffic: the endpoint\'s address does not answer', async () => {
  const connections = await c.acr.privateEndpointConnections.list(RG, 'myregistry');
  for await (const conn of connections) {
    await c.acr.privateEndpointConnections.beginCreateOrUpdateAndWait(RG, 'myregistry', conn.name!, { privateLinkServiceConnectionState: { status: 'Rejected', description: 'test' } }, LRO);
  }
  const l = result(await check(), login);
  assert.equal(l.outcome, 'timeout');
});

void test('the privatelink name resolves to the same IP, but the certificate does not cover it: TLS fails with a name mismatch', async () => {
  const resolver = createLiveResolver({ servers: [sb.dnsServer] });
  const name = 'myregistry.privatelink.azurecr.io';
  const resolved = await resolveLive(resolver, name);
  assert.deepEqual(resolved.addresses, ['10.0.0.7']);
  const r = await probeHost(name, 'loginServer', resolved, { dialer: await dialer(), ca: sb.caCertPem, timeouts });
  assert.equal(r.outcome, 'tlsNameMismatch');
  assert.equal(r.step, 'tls');
  assert.equal(r.steps.find((s) => s.step === 'tls')?.errorCode, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.deepEqual(r.certificateNames, ['*.azurecr.io']);
});
