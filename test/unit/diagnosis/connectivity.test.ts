// The connectivity check over loopback TLS servers that answer as ACR's endpoints do (or fail as a
// dropped packet, a reset or a wrong certificate would). The addresses the resolver gives are the
// sandbox's kind (10.x, 172.16–31.x, 192.168.x, public): data, never a destination. Every connection
// goes through a recording opener, and every address it was asked to dial must be loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as https from 'node:https';
import * as net from 'node:net';
import {
  buildCheckReport,
  checkConnectivity,
  classifyAnswer,
  connectivityFindings,
  directDialer,
  fetchSandboxListeners,
  openTcp,
  probeHost,
  parseBearerChallenge,
  readAnswer,
  reportJson,
  reportMarkdown,
  sandboxDialer,
  type ConnectivityHost,
  type DnsQuerier,
  type LiveResolver,
  type SandboxListener,
  type TcpTarget,
} from '../../../src/diagnosis';
import { isLoopbackHost } from '../../../src/common/loopback';
import { httpGet } from '../../../src/diagnosis/connectivity/httpExchange';
import { createCertificates } from '../../../src/sandbox/certs';
import { bearerChallenge, dataEndpointAnswer, denied } from '../../../src/sandbox/registryEndpoints/answers';
import { healthyTopology, seedTopology } from './builder';

type Behaviour = 'challenge' | 'denied' | 'data' | 'teapot' | 'silent' | 'reset' | 'wrongName';

const certs = createCertificates();
const servers: net.Server[] = [];
const held = new Set<net.Socket>();
/** The TLS server names the listeners were asked for. */
const servernames: string[] = [];
const listeners: Record<Behaviour, string> = {} as Record<Behaviour, string>;

function tlsListener(behaviour: Behaviour): https.Server {
  const names = behaviour === 'wrongName' ? ['*.example.org'] : ['*.azurecr.io', '*.westeurope.data.azurecr.io'];
  const issued = certs.issue(names);
  return https.createServer({ cert: issued.certPem, key: issued.keyPem }, (req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const answer = behaviour === 'challenge' ? bearerChallenge(host) : behaviour === 'denied' ? denied('198.51.100.10') : behaviour === 'data' ? dataEndpointAnswer() : { status: 418, headers: { 'Content-Type': 'text/plain' }, body: 'a proxy page' };
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
}

before(async () => {
  for (const behaviour of ['challenge', 'denied', 'data', 'teapot', 'silent', 'reset', 'wrongName'] as Behaviour[]) {
    const secure = tlsListener(behaviour);
    secure.on('tlsClientError', () => undefined);
    const tcp = net.createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => held.delete(socket));
      if (behaviour === 'silent') return;
      if (behaviour === 'reset') {
        socket.resetAndDestroy();
        return;
      }
      secure.emit('connection', socket);
    });
    secure.on('secureConnection', (s) => servernames.push(String(s.servername)));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    servers.push(tcp);
    listeners[behaviour] = `127.0.0.1:${(tcp.address() as net.AddressInfo).port}`;
  }
});

after(async () => {
  for (const s of held) s.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A resolver answering from a table (the same interface the live DNS check uses). */
function resolverFor(table: Record<string, string[] | undefined>): LiveResolver {
  const querier: DnsQuerier = {
    resolve4: async (name) => table[name] ?? Promise.reject(Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND' })),
    resolveCname: async () => Promise.reject(Object.assign(new Error('ENODATA'), { code: 'ENODATA' })),
  };
  return { server: '127.0.0.1:53', querier };
}

/** The worlds: each sandbox-kind address stands for a listener with one behaviour. */
const worlds: { name: string; address: string; behaviour: Behaviour; role: ConnectivityHost['role']; outcome: string }[] = [
  { name: 'the private endpoint answers the Bearer challenge', address: '10.0.0.7', behaviour: 'challenge', role: 'loginServer', outcome: 'reachable' },
  { name: 'the public endpoint refuses the client: 403 DENIED', address: '203.0.113.106', behaviour: 'denied', role: 'loginServer', outcome: 'publicEndpoint' },
  { name: 'a data endpoint answers what it answers', address: '172.16.4.6', behaviour: 'data', role: 'dataEndpoint', outcome: 'reachable' },
  { name: 'something else answers GET /v2/', address: '192.168.1.9', behaviour: 'teapot', role: 'loginServer', outcome: 'unexpectedAnswer' },
  { name: 'nothing answers (a dropped packet)', address: '10.1.0.4', behaviour: 'silent', role: 'loginServer', outcome: 'timeout' },
  { name: 'the connection is reset', address: '172.31.0.5', behaviour: 'reset', role: 'dataEndpoint', outcome: 'reset' },
  { name: 'the certificate does not cover the name', address: '10.2.0.4', behaviour: 'wrongName', role: 'loginServer', outcome: 'tlsNameMismatch' },
];

const timeouts = { connect: 2000, tls: 400, http: 2000 };

void test('sandbox mode: every outcome, and every address dialed is loopback (never 10.x, 172.16–31.x, 192.168.x or public)', async () => {
  const dialed: TcpTarget[] = [];
  const recordingOpen = (t: TcpTarget): net.Socket => {
    dialed.push(t);
    return openTcp(t);
  };
  const map: SandboxListener[] = worlds.map((w) => ({ address: w.address, listener: listeners[w.behaviour] }));
  // A listener that is not on loopback is never taken, whatever the sandbox says.
  map.push({ address: '10.9.9.9', listener: '10.9.9.9:443' });
  const hosts = worlds.map((w, i) => ({ host: i % 2 === 0 ? `reg${i}.azurecr.io` : `reg${i}.westeurope.data.azurecr.io`, role: w.role }));
  const table: Record<string, string[]> = Object.fromEntries(worlds.map((w, i) => [hosts[i]!.host, [w.address]]));
  const extra = [
    { host: 'unlisted.azurecr.io', role: 'loginServer' as const },
    { host: 'remote.azurecr.io', role: 'loginServer' as const },
    { host: 'nxdomain.azurecr.io', role: 'loginServer' as const },
  ];
  table['unlisted.azurecr.io'] = ['10.0.0.99'];
  table['remote.azurecr.io'] = ['10.9.9.9'];
  const report = await checkConnectivity([...hosts, ...extra], { resolver: resolverFor(table), dialer: sandboxDialer(map, recordingOpen), ca: certs.caCertPem, timeouts });

  assert.equal(report.mode, 'sandbox');
  worlds.forEach((w, i) => {
    const r = report.results[i]!;
    assert.equal(r.outcome, w.outcome, `${w.name}: ${JSON.stringify(r.steps)}`);
    assert.equal(r.address, w.address);
    assert.match(r.dialed ?? '', new RegExp(`^${w.address.replace(/\./g, '\\.')}:443 via 127\\.0\\.0\\.1:\\d+$`));
  });
  // An address the sandbox publishes no loopback listener for is not dialed: "could not check".
  for (const r of report.results.slice(worlds.length, worlds.length + 2)) {
    assert.equal(r.outcome, 'notChecked');
    assert.equal(r.step, 'connect');
  }
  assert.equal(report.results[worlds.length + 2]!.outcome, 'notChecked');
  assert.equal(report.results[worlds.length + 2]!.step, 'resolve');

  assert.equal(dialed.length, worlds.length, 'one connection per world with a listener, none for the others');
  for (const t of dialed) assert.ok(isLoopbackHost(t.host), `dialed ${t.host}:${t.port}`);
  // TLS always asked for the public name, never a privatelink one.
  assert.ok(servernames.length > 0);
  for (const name of servernames) assert.doesNotMatch(name, /privatelink/);
});

void test('the sandbox dialer refuses to open anything but loopback, even when asked directly', async () => {
  const opened: TcpTarget[] = [];
  const dialer = sandboxDialer([{ address: '10.0.0.7', listener: '127.0.0.1:1' }], (t) => {
    opened.push(t);
    return new net.Socket();
  });
  assert.throws(() => dialer.open({ host: '10.0.0.7', port: 443 }), /only loopback/);
  assert.throws(() => dialer.open({ host: '203.0.113.5', port: 443 }), /only loopback/);
  assert.deepEqual(dialer.route('10.0.0.7', 443), { host: '127.0.0.1', port: 1 });
  assert.ok('refused' in dialer.route('10.0.0.8', 443));
  assert.deepEqual(opened, []);
  // A dialer whose route would give a non-loopback target still never opens it: the probe says "could not check".
  const leaky = { ...dialer, route: () => ({ host: '10.0.0.7', port: 443 }) };
  const resolved = { fqdn: 'myregistry.azurecr.io', server: 'x', status: 'ok' as const, chain: ['myregistry.azurecr.io'], addresses: ['10.0.0.7'], addressClass: 'private' as const, elapsedMs: 1, checkedAt: '' };
  const probed = await probeHost('myregistry.azurecr.io', 'loginServer', resolved, { dialer: leaky });
  assert.equal(probed.outcome, 'notChecked');
  assert.deepEqual(opened, []);
  // The listener map itself is read from a loopback sandbox only.
  await assert.rejects(fetchSandboxListeners('https://10.0.0.4:8443', undefined), /loopback https endpoint only/);
  // In Azure (not a test: only its route is asked here) the address itself is the destination.
  assert.deepEqual(directDialer().route('10.0.0.7', 443), { host: '10.0.0.7', port: 443 });
});

void test('each step is timed; a failed step ends the probe and names itself', async () => {
  const dialer = sandboxDialer([{ address: '10.0.0.7', listener: listeners.challenge }, { address: '10.1.0.4', listener: listeners.silent }]);
  const report = await checkConnectivity(
    [
      { host: 'myregistry.azurecr.io', role: 'loginServer' },
      { host: 'myregistry.westeurope.data.azurecr.io', role: 'dataEndpoint' },
    ],
    { resolver: resolverFor({ 'myregistry.azurecr.io': ['10.0.0.7'], 'myregistry.westeurope.data.azurecr.io': ['10.1.0.4'] }), dialer, ca: certs.caCertPem, timeouts },
  );
  const [ok, silent] = report.results;
  assert.deepEqual(ok!.steps.map((s) => [s.step, s.outcome]), [['resolve', 'ok'], ['connect', 'ok'], ['tls', 'ok'], ['http', 'ok']]);
  for (const s of ok!.steps) assert.ok(s.elapsedMs >= 0);
  assert.equal(ok!.http?.realm, 'https://myregistry.azurecr.io/oauth2/token');
  assert.equal(ok!.http?.service, 'myregistry.azurecr.io');
  assert.deepEqual(silent!.steps.map((s) => [s.step, s.outcome]), [['resolve', 'ok'], ['connect', 'ok'], ['tls', 'timeout']]);
  assert.match(silent!.steps[2]!.detail, /no TLS answer within 400 ms/);
});

void test('the ACR answers are read as ACR writes them: the challenge, DENIED with its client IP (JSON-escaped quotes too)', () => {
  assert.deepEqual(parseBearerChallenge('Bearer realm="https://myregistry.azurecr.io/oauth2/token",service="myregistry.azurecr.io"'), {
    realm: 'https://myregistry.azurecr.io/oauth2/token',
    service: 'myregistry.azurecr.io',
  });
  assert.equal(parseBearerChallenge('Basic realm="x"'), undefined);
  const body = '{"errors":[{"code":"DENIED","message":"client with IP \\u0027172.214.169.102\\u0027 is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}';
  const a = readAnswer(403, {}, body);
  assert.equal(a.errorCode, 'DENIED');
  assert.equal(a.clientIp, '172.214.169.102');
  assert.equal(classifyAnswer('loginServer', a), 'publicEndpoint');
  assert.equal(classifyAnswer('dataEndpoint', a), 'publicEndpoint');
  // A data endpoint has no documented anonymous answer: whatever it answers, it was reached.
  assert.equal(classifyAnswer('dataEndpoint', readAnswer(404, {}, '')), 'reachable');
  // The login server without the challenge is not the registry answering.
  assert.equal(classifyAnswer('loginServer', readAnswer(401, {}, '')), 'unexpectedAnswer');
  assert.equal(classifyAnswer('loginServer', readAnswer(200, {}, '<html>')), 'unexpectedAnswer');
});

void test('findings name the host and the address, say what to do, and make the check fail or be incomplete', async () => {
  const { snapshot, registry } = seedTopology();
  const dialer = sandboxDialer([
    { address: '203.0.113.106', listener: listeners.denied },
    { address: '10.0.0.6', listener: listeners.silent },
  ]);
  const connectivity = await checkConnectivity(
    [
      { host: 'myregistry.azurecr.io', role: 'loginServer' },
      { host: 'myregistry.westeurope.data.azurecr.io', role: 'dataEndpoint' },
      { host: 'myregistry.eastus.data.azurecr.io', role: 'dataEndpoint' },
    ],
    { resolver: resolverFor({ 'myregistry.azurecr.io': ['203.0.113.106'], 'myregistry.westeurope.data.azurecr.io': ['10.0.0.6'] }), dialer, ca: certs.caCertPem, timeouts },
  );
  const findings = connectivityFindings(snapshot, registry.id, connectivity);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const denied = byId.get('connectivity.publicEndpoint');
  assert.equal(denied?.severity, 'error');
  assert.match(denied!.message, /myregistry\.azurecr\.io answered 403 DENIED \(client with IP '198\.51\.100\.10' is not allowed access\)/);
  assert.match(denied!.message, /public address 203\.0\.113\.106/);
  assert.match(denied!.message, /resolve to 10\.0\.0\.7/);
  const timeout = byId.get('connectivity.timeout');
  assert.equal(timeout?.severity, 'error');
  assert.match(timeout!.message, /myregistry\.westeurope\.data\.azurecr\.io at 10\.0\.0\.6:443/);
  assert.match(timeout!.message, /NSG/);
  assert.match(timeout!.message, /firewall/);
  assert.match(timeout!.message, /route/);
  assert.equal(byId.get('connectivity.notChecked')?.subject, 'myregistry.eastus.data.azurecr.io');

  const report = buildCheckReport(snapshot, registry.id, undefined, () => new Date('2025-01-01T00:00:00Z'), connectivity);
  assert.equal(report.summary.result, 'errorsFound');
  assert.equal(report.summary.connectivityNotChecked, 1);
  assert.equal(report.connectivity?.results.length, 3);
  const md = reportMarkdown(report);
  assert.match(md, /## Connectivity/);
  assert.match(md, /\| myregistry\.azurecr\.io \| 203\.0\.113\.106 \| .* \| reached the public endpoint \(403 DENIED\) \|/);
});

void test('an outdated result (the registry changed after it) is shown from its time and raises no finding', async () => {
  const { snapshot, registry } = seedTopology();
  const connectivity = await checkConnectivity([{ host: 'myregistry.azurecr.io', role: 'loginServer' }], {
    resolver: resolverFor({ 'myregistry.azurecr.io': ['203.0.113.106'] }),
    dialer: sandboxDialer([{ address: '203.0.113.106', listener: listeners.denied }]),
    ca: certs.caCertPem,
    timeouts,
  });
  const fresh = buildCheckReport(snapshot, registry.id, undefined, undefined, connectivity);
  assert.ok(fresh.findings.some((f) => f.id === 'connectivity.publicEndpoint'));
  const outdated = buildCheckReport(snapshot, registry.id, undefined, undefined, { ...connectivity, outdated: true });
  assert.deepEqual(outdated.findings.filter((f) => f.id.startsWith('connectivity.')), []);
  assert.equal(outdated.summary.connectivityNotChecked, undefined);
  assert.equal(outdated.connectivity?.outdated, true);
  assert.equal(JSON.parse(reportJson(outdated)).connectivity.outdated, true);
  const md = reportMarkdown(outdated);
  assert.match(md, new RegExp(`Checked ${connectivity.checkedAt.replace(/[.]/g, '\\.')} from this machine`));
  assert.match(md, /Outdated: the registry changed after this check \(its hosts, endpoint addresses, DNS records, connections, public network access, endpoint subnets, or the security rules or routes that apply to its endpoints\).*even if it was changed back since/);
  assert.match(md, /\| myregistry\.azurecr\.io \| 203\.0\.113\.106 \| .* \| reached the public endpoint \(403 DENIED\) \|/);

  // Whether it changed cannot be told (a route table could not be read): said so, with what failed, and no finding either.
  const why = ['route table pe-routes could not be read (403 AuthorizationFailed)'];
  const unknown = buildCheckReport(snapshot, registry.id, undefined, undefined, { ...connectivity, outdated: true, undetermined: why });
  assert.deepEqual(unknown.findings.filter((f) => f.id.startsWith('connectivity.')), []);
  assert.deepEqual(JSON.parse(reportJson(unknown)).connectivity.undetermined, why);
  const unknownMd = reportMarkdown(unknown);
  assert.match(unknownMd, /Not known to be current: whether the registry changed after this check cannot be told \(route table pe-routes could not be read \(403 AuthorizationFailed\)\)/);
  assert.doesNotMatch(unknownMd, /Outdated:/);
});

void test('only hosts that could not be tried: the check is "could not check", not healthy', async () => {
  const { snapshot, registry } = healthyTopology();
  assert.equal(buildCheckReport(snapshot, registry.id).summary.result, 'healthy');
  const connectivity = await checkConnectivity([{ host: 'myregistry.azurecr.io', role: 'loginServer' }], { resolver: resolverFor({ 'myregistry.azurecr.io': ['10.0.0.7'] }), dialer: sandboxDialer([]), timeouts });
  const findings = connectivityFindings(snapshot, registry.id, connectivity);
  assert.deepEqual(findings.map((f) => f.id), ['connectivity.notChecked']);
  assert.match(findings[0]!.message, /no listener for 10\.0\.0\.7/);
  const report = buildCheckReport(snapshot, registry.id, undefined, undefined, connectivity);
  assert.equal(report.summary.result, 'couldNotCheck');
  assert.equal(report.summary.connectivityNotChecked, 1);
});

void test('GET /v2/ is read by hand over the socket the check opened: Content-Length, chunked, until close, and a server that closes without a word', async () => {
  const answers = [
    'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="r",service="s"\r\nContent-Length: 2\r\n\r\n{}',
    'HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"err\r\n3\r\nors\r\n4\r\n":[]\r\n1\r\n}\r\n0\r\n\r\n',
    'HTTP/1.0 404 Not Found\r\n\r\nnot here',
    '',
  ];
  const requests: string[] = [];
  let next = 0;
  const server = net.createServer((socket) => {
    const answer = answers[next++]!;
    socket.once('data', (d: Buffer) => {
      requests.push(d.toString('latin1'));
      socket.end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const get = async () => {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    try {
      return await httpGet(socket, 'myregistry.azurecr.io', '/v2/', { Accept: 'application/json' });
    } finally {
      socket.destroy();
    }
  };
  try {
    const challenge = await get();
    assert.equal(challenge.status, 401);
    assert.equal(challenge.headers['www-authenticate'], 'Bearer realm="r",service="s"');
    assert.equal(challenge.body, '{}');
    assert.deepEqual(await get(), { status: 403, headers: { 'transfer-encoding': 'chunked' }, body: '{"errors":[]}' });
    assert.deepEqual(await get(), { status: 404, headers: {}, body: 'not here' });
    await assert.rejects(get(), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET');
    assert.match(requests[0]!, /^GET \/v2\/ HTTP\/1\.1\r\nHost: myregistry\.azurecr\.io\r\nAccept: application\/json\r\nConnection: close\r\n\r\n$/);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
