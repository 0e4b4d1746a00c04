// The fault matrix: faults injected through the sandbox's control API (and DNS servers that fail),
// each checked through the CLI and through the extension's own loader against two invariants:
//   1. no IP is ever removed from any record set (none of the seed's fixes is a documented removal);
//   2. every verdict is true for the world (the sandbox's state and DNS answer) or "could not check".
// Each case also says what a person sees: the exit code, and the failed read named with its status.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import type { CheckReport } from '../../src/diagnosis';
import type { ReadKind } from '../../src/model/types';
import { ArmLoadError } from '../../src/azure';
import { SEED, SUBSCRIPTION_PRODUCTION as SUB, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { runCli, writeReadyFile } from './cli/runCli';
import { extensionCheck, faultsLeft, inject, injectDns, recordIps, removedIps, resetWorld, sandboxState, untrueVerdicts, writesReceived, type DnsFaultRule, type FaultRule } from './faultWorld';
import { arm } from './helpers';

const RGP = `/subscriptions/${SUB}/resourceGroups/${SEED.resourceGroup}/providers`;
const ZONE = `${RGP}/Microsoft.Network/privateDnsZones/${SEED.zone}`;
const EASTUS_RECORD = `${ZONE}/A/myregistry.eastus.data`;
const DNS_API = 'api-version=2024-06-01';

/** Where each read kind goes, as a path pattern. */
const readPaths: Partial<Record<ReadKind, string>> = {
  subscriptions: '^/subscriptions$',
  registries: `^/subscriptions/${SUB}/providers/Microsoft\\.ContainerRegistry/registries$`,
  replications: '/registries/myregistry/replications$',
  usages: '/registries/myregistry/listUsages$',
  privateEndpoint: '/privateEndpoints/myPrivateEndpoint$',
  networkInterface: '/networkInterfaces/myPrivateEndpoint\\.nic[^/]*$',
  virtualNetwork: '/virtualNetworks/myDockerVMVNET$',
  privateDnsZones: `^/subscriptions/${SUB}/providers/Microsoft\\.Network/privateDnsZones$`,
  virtualNetworkLinks: '/privateDnsZones/privatelink\\.azurecr\\.io/virtualNetworkLinks$',
  aRecordSets: '/privateDnsZones/privatelink\\.azurecr\\.io/A$',
  privateDnsZoneGroups: '/privateEndpoints/myPrivateEndpoint/privateDnsZoneGroups$',
  providerRegistration: `^/subscriptions/${SUB}/providers/Microsoft\\.ContainerRegistry$`,
};
const RESOURCE_GRAPH = '/providers/Microsoft\\.ResourceGraph/resources';
/** Kinds Resource Graph answers: their ARM read happens only when the graph fails. */
const inGraph: ReadKind[] = ['privateEndpoint', 'networkInterface', 'virtualNetwork', 'privateDnsZones', 'virtualNetworkLinks', 'replications'];

interface Case {
  name: string;
  rules: FaultRule[];
  /** Also fail Resource Graph, which answers most reads (record sets included), so the ARM read above is made; the extension reads from ARM. */
  viaArm?: boolean;
  setup?: (sb: RunningSandbox) => Promise<void>;
  /** Exit codes the CLI may end with. */
  exit: number[];
  /** The failed read the CLI's JSON and the loader's errors must name. */
  read?: { kind: ReadKind; status?: number; code?: string; message?: RegExp };
  /** Nothing may be written (the only fix depends on what could not be read). */
  noWrites?: boolean;
  /** The whole check cannot start: the CLI exits 2 with a reason, the tree shows an error node. */
  aborts?: RegExp;
  dns?: 'down' | 'servfail';
  /** A fault of the sandbox's own DNS server, which the CLI and the loader ask. */
  dnsFault?: DnsFaultRule;
  /** Small timeouts (seconds): --timeout and --request-timeout for the CLI, the same for the loader. */
  timeouts?: { operation: number; request: number };
  /** A second writer changes the eastus record between our read and our write. */
  concurrentWriter?: boolean;
}

const status = (kind: ReadKind, code: number, errorCode: string): FaultRule => ({
  method: 'GET',
  pathPattern: readPaths[kind]!,
  status: code,
  body: { error: { code: errorCode, message: `Injected ${code} on ${kind}.` } },
});

/** The seed world with its missing record added: everything healthy, so only the fault can spoil it. */
async function healthy(sb: RunningSandbox): Promise<void> {
  const r = await arm(sb, 'PUT', `${EASTUS_RECORD}?${DNS_API}`, { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.5' }] } });
  assert.ok(r.status < 300, r.text);
}

async function unlinked(sb: RunningSandbox): Promise<void> {
  const r = await arm(sb, 'DELETE', `${ZONE}/virtualNetworkLinks/${SEED.link}?${DNS_API}`);
  assert.ok(r.status < 300, r.text);
}

const cases: Case[] = [];
// 403 and 404 on each read kind.
const notVerdictChanging: ReadKind[] = ['usages', 'providerRegistration', 'privateDnsZoneGroups', 'virtualNetwork', 'replications'];
for (const kind of Object.keys(readPaths) as ReadKind[]) {
  for (const [code, errorCode] of [
    [403, 'AuthorizationFailed'],
    [404, 'ResourceNotFound'],
  ] as const) {
    const aborts = kind === 'subscriptions' || kind === 'registries';
    cases.push({
      name: `${code} on ${kind}`,
      rules: [status(kind, code, errorCode)],
      viaArm: true,
      // After --fix --yes the CLI checks again: the fault is still there, so nothing is "healthy".
      exit: [2],
      ...(aborts ? { aborts: /Could not check: /i } : { read: { kind, status: code, code: errorCode } }),
      // The seed's missing eastus record stays provable (and fixed) when the failed read does not concern it.
      ...(notVerdictChanging.includes(kind) || kind === 'networkInterface' ? {} : { noWrites: true }),
    });
  }
}
const records = readPaths.aRecordSets!;
cases.push(
  { name: '429 with Retry-After on the records, once: retried, then read and fixed', viaArm: true, rules: [{ method: 'GET', pathPattern: records, status: 429, headers: { 'Retry-After': '1' }, times: 1 }], exit: [0] },
  { name: '429 without Retry-After on the records, once: retried, then read and fixed', viaArm: true, rules: [{ method: 'GET', pathPattern: records, status: 429, times: 1 }], exit: [0] },
  { name: 'persistent 429 on the records', viaArm: true, rules: [{ method: 'GET', pathPattern: records, status: 429, headers: { 'Retry-After': '0' } }], exit: [2], read: { kind: 'aRecordSets', status: 429 }, noWrites: true },
  { name: 'persistent 500 on the records', viaArm: true, rules: [{ method: 'GET', pathPattern: records, status: 500, body: { error: { code: 'InternalServerError', message: 'Injected.' } } }], exit: [2], read: { kind: 'aRecordSets', status: 500, code: 'InternalServerError' }, noWrites: true },
  // On the healthy world: the usages are the only thing not known, nothing is to fix, so the check ends "could not check".
  {
    name: 'persistent 503 on the usages, everything else healthy',
    setup: healthy,
    rules: [{ method: 'GET', pathPattern: readPaths.usages!, status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Injected.' } } }],
    exit: [2],
    read: { kind: 'usages', status: 503, code: 'ServiceUnavailable' },
    noWrites: true,
  },
  { name: 'connection reset on the records', viaArm: true, rules: [{ method: 'GET', pathPattern: records, kind: 'reset' }], exit: [2], read: { kind: 'aRecordSets' }, noWrites: true },
  { name: 'malformed body on the records', viaArm: true, rules: [{ method: 'GET', pathPattern: records, kind: 'malformed' }], exit: [2], read: { kind: 'aRecordSets' }, noWrites: true },
  {
    name: '401 expired token on the records',
    viaArm: true, rules: [{ method: 'GET', pathPattern: records, status: 401, body: { error: { code: 'ExpiredAuthenticationToken', message: 'The access token expiry UTC time is earlier than current UTC time.' } } }],
    exit: [2],
    read: { kind: 'aRecordSets', status: 401, code: 'ExpiredAuthenticationToken' },
    noWrites: true,
  },
  { name: 'Resource Graph refused: the inventory is read from ARM', rules: [{ method: 'POST', pathPattern: RESOURCE_GRAPH, status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } }], exit: [0] },
  { name: '412 on the record write', rules: [{ method: 'PUT', pathPattern: '/A/myregistry\\.eastus\\.data$', status: 412, body: { error: { code: 'PreconditionFailed', message: 'Injected.' } } }], exit: [1] },
  { name: 'a real concurrent writer between our read and our write', rules: [{ method: 'PUT', pathPattern: '/A/myregistry\\.eastus\\.data$', kind: 'slow', delayMs: 1500, times: 1 }], concurrentWriter: true, exit: [1] },
  {
    name: 'LRO Failed while linking the zone',
    setup: unlinked,
    rules: [{ method: 'GET', pathPattern: '/privateDnsOperationStatuses/', status: 200, body: { status: 'Failed', error: { code: 'InternalServerError', message: 'Injected: the link failed.' } } }],
    exit: [1],
  },
  {
    name: 'LRO Canceled while linking the zone',
    setup: unlinked,
    rules: [{ method: 'GET', pathPattern: '/privateDnsOperationStatuses/', status: 200, body: { status: 'Canceled' } }],
    exit: [1],
  },
  {
    name: 'Retry-After larger than the deadline on the records: throttled at once, not waited for',
    viaArm: true,
    rules: [{ method: 'GET', pathPattern: records, status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'TooManyRequests', message: 'Injected.' } } }],
    timeouts: { operation: 3, request: 2 },
    exit: [2],
    read: { kind: 'aRecordSets', status: 429, message: /asked to wait 30 s, longer than the [\d.]+ m?s left of .*; not waited for/ },
    noWrites: true,
  },
  {
    name: 'records answered later than the request timeout',
    viaArm: true,
    rules: [{ method: 'GET', pathPattern: records, kind: 'slow', delayMs: 4000 }],
    timeouts: { operation: 10, request: 1 },
    exit: [2],
    read: { kind: 'aRecordSets', code: 'RequestTimeout', message: /did not answer GET \S+\/A within 1 s \(the request timeout\)/ },
    noWrites: true,
  },
  {
    name: 'records request accepted and never answered',
    viaArm: true,
    rules: [{ method: 'GET', pathPattern: records, kind: 'noAnswer' }],
    timeouts: { operation: 10, request: 1 },
    exit: [2],
    read: { kind: 'aRecordSets', code: 'RequestTimeout', message: /did not answer GET \S+\/A within 1 s \(the request timeout\)/ },
    noWrites: true,
  },
  { name: "the sandbox's DNS server slow beyond the live check's time, everything else healthy", setup: healthy, rules: [], dnsFault: { kind: 'slow', delayMs: 5000 }, timeouts: { operation: 2, request: 2 }, exit: [2] },
  { name: "the sandbox's DNS server never answers, everything else healthy", setup: healthy, rules: [], dnsFault: { kind: 'noAnswer' }, timeouts: { operation: 2, request: 2 }, exit: [2] },
  { name: "the sandbox's DNS server answers SERVFAIL, everything else healthy", setup: healthy, rules: [], dnsFault: { kind: 'servfail' }, exit: [2] },
  { name: 'DNS server down, everything else healthy', setup: healthy, rules: [], dns: 'down', exit: [2] },
  { name: 'DNS server answers SERVFAIL, everything else healthy', setup: healthy, rules: [], dns: 'servfail', exit: [2] },
  { name: 'DNS server answers SERVFAIL on the seed world (the fix applies, nothing is verified live)', rules: [], dns: 'servfail', exit: [2] },
);

/** A DNS server on loopback that answers SERVFAIL to everything. */
async function servfailServer(): Promise<{ address: string; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const query = dnsPacket.decode(msg);
    const reply = dnsPacket.encode({ id: query.id ?? 0, type: 'response', flags: dnsPacket.RECURSION_AVAILABLE | 2, questions: query.questions ?? [], answers: [] });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${socket.address().port}`, close: () => new Promise((r) => socket.close(() => r())) };
}

/** A loopback port nothing answers on. */
async function deadDnsAddress(): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((r) => socket.close(() => r()));
  return `127.0.0.1:${port}`;
}

/** Waits until the slow rule on our write has been taken (our PUT is in flight), then writes first. */
async function writeConcurrently(sb: RunningSandbox): Promise<void> {
  for (let i = 0; i < 400 && (await faultsLeft(sb)) > 0; i++) await new Promise((r) => setTimeout(r, 5));
  const r = await arm(sb, 'PUT', `${EASTUS_RECORD}?${DNS_API}`, { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.99' }] } });
  assert.ok(r.status < 300, r.text);
}

function parseReport(stdout: string): CheckReport & { fixes?: { outcomes: { status: string }[] }[] } {
  return JSON.parse(stdout) as CheckReport & { fixes?: { outcomes: { status: string }[] }[] };
}

void describe('fault matrix: the CLI and the loader under injected faults', () => {
  let sb: RunningSandbox;
  let readyFile: string;
  let servfail: { address: string; close(): Promise<void> };
  let deadDns: string;
  before(async () => {
    sb = await startSandbox({ scenario: 'seed' });
    readyFile = writeReadyFile(sb);
    servfail = await servfailServer();
    deadDns = await deadDnsAddress();
  });
  after(async () => {
    await servfail.close();
    await sb.close();
  });

  async function arrange(c: Case): Promise<Map<string, string[]>> {
    await resetWorld(sb);
    await c.setup?.(sb);
    if (c.dnsFault) await injectDns(sb, c.dnsFault);
    await inject(sb, ...c.rules, ...(c.viaArm ? [{ method: 'POST', pathPattern: RESOURCE_GRAPH, status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } } }] : []));
    await arm(sb, 'DELETE', '/_sandbox/requests');
    return recordIps(await sandboxState(sb));
  }

  const dnsFor = (c: Case): string | undefined => (c.dns === 'down' ? deadDns : c.dns === 'servfail' ? servfail.address : c.dnsFault ? sb.dnsServer : undefined);
  const liveFails = (c: Case): boolean => c.dns !== undefined || c.dnsFault !== undefined;

  void it(`covers at least 25 faults (${cases.length})`, () => assert.ok(cases.length >= 25));

  for (const c of cases) {
    void it(`${c.name}: through the CLI`, async () => {
      const before = await arrange(c);
      const dns = dnsFor(c);
      const args = ['check', '--registry', SEED.registry, '--sandbox-ready-file', readyFile, '--json', '--fix', '--yes', ...(dns ? ['--dns-server', dns] : ['--no-dns'])];
      if (c.timeouts) args.push('--timeout', String(c.timeouts.operation), '--request-timeout', String(c.timeouts.request));
      const [run] = await Promise.all([runCli(args), c.concurrentWriter ? writeConcurrently(sb) : Promise.resolve()]);
      const state = await sandboxState(sb);
      assert.deepEqual(removedIps(before, recordIps(state)), [], 'no IP removed');
      assert.ok(c.exit.includes(run.code), `exit ${run.code}, expected ${c.exit.join(' or ')}\n${run.stdout.slice(0, 3000)}\n${run.stderr}`);
      if (c.aborts) {
        assert.match(run.stderr, c.aborts);
        assert.deepEqual(await writesReceived(sb), []);
        return;
      }
      const report = parseReport(run.stdout);
      assert.deepEqual(untrueVerdicts(state, report.table), [], 'every verdict true or "could not check"');
      if (run.code === 0) assert.equal(report.summary.result, 'healthy');
      if (c.read) {
        const error = report.readErrors.find((e) => e.read === c.read!.kind);
        assert.ok(error, `the ${c.read.kind} read error is in the JSON: ${JSON.stringify(report.readErrors)}`);
        if (c.read.status !== undefined) assert.equal(error.status, c.read.status);
        if (c.read.code !== undefined) assert.equal(error.code, c.read.code);
        if (c.read.message) assert.match(error.message, c.read.message);
        assert.ok(report.findings.some((f) => f.id === 'check.unreadable' && f.subject.toLowerCase() === error.scope.toLowerCase()));
      }
      if (c.noWrites) assert.deepEqual(await writesReceived(sb), [], 'nothing written from unread data');
      if (c.concurrentWriter) {
        assert.deepEqual(recordIps(state).get(EASTUS_RECORD.toLowerCase()), ['10.0.0.99'], "the other writer's record is kept");
        assert.deepEqual(report.fixes?.flatMap((f) => f.outcomes.map((o) => o.status)), ['conflict']);
      }
      if (liveFails(c) && c.exit.includes(2)) {
        assert.ok(report.table.length > 0 && report.table.every((r) => r.verdict === 'unknown'), 'a resolver that failed every query verifies nothing');
        assert.equal(report.summary.result, 'couldNotCheck');
      }
    });

    void it(`${c.name}: through the extension's loader`, async () => {
      const before = await arrange(c);
      const dns = dnsFor(c);
      if (c.aborts) {
        await assert.rejects(extensionCheck(sb), (e: unknown) => e instanceof ArmLoadError && e.loadError.status === (c.rules[0]?.status ?? 0));
        return;
      }
      const check = await extensionCheck(sb, {
        inventorySource: c.viaArm ? 'arm' : 'resourceGraph',
        ...(dns ? { dnsServer: dns } : {}),
        ...(c.timeouts ? { timeouts: { requestTimeoutMs: c.timeouts.request * 1000, operationTimeoutMs: c.timeouts.operation * 1000 } } : {}),
      });
      const read = await sandboxState(sb);
      assert.deepEqual(untrueVerdicts(read, check.treeRows), [], 'tree verdicts true or "could not check"');
      assert.deepEqual(untrueVerdicts(read, check.report.table), [], 'panel verdicts true or "could not check"');
      if (c.read) {
        const error = check.errors.find((e) => e.read === c.read!.kind);
        assert.ok(error, `the loader recorded the ${c.read.kind} read error: ${JSON.stringify(check.errors)}`);
        if (c.read.status !== undefined) assert.equal(error.status, c.read.status);
        if (c.read.code !== undefined) assert.equal(error.code, c.read.code);
        if (c.read.message) assert.match(error.message, c.read.message);
        assert.ok(error.scope.startsWith('/subscriptions/'), error.scope);
      }
      const [outcomes] = await Promise.all([check.fixAll(), c.concurrentWriter ? writeConcurrently(sb) : Promise.resolve()]);
      assert.deepEqual(removedIps(before, recordIps(await sandboxState(sb))), [], 'no IP removed');
      if (c.noWrites) {
        assert.deepEqual(outcomes, []);
        assert.deepEqual(await writesReceived(sb), [], 'nothing written from unread data');
      }
      if (c.concurrentWriter) assert.deepEqual(outcomes.map((o) => o.status), ['conflict']);
      // Read before any fix: on the healthy world a failed resolver leaves the check unknown, never healthy.
      if (liveFails(c) && c.setup === healthy) {
        assert.equal(check.report.summary.result, 'couldNotCheck');
        assert.ok(check.report.table.length > 0 && check.report.table.every((r) => r.verdict === 'unknown'), 'no live answer: every FQDN could not be checked');
      }
    });
  }
});
