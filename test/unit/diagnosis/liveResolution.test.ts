import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { classifyAddress, classifyAddresses, createLiveResolver, parseDnsServer, resolveAllLive, resolveLive, type DnsQuerier, type LiveResolver } from '../../../src/diagnosis';

/** A resolver answering from tables: CNAMEs by name, A records by name, or an error code. */
function fakeResolver(cnames: Record<string, string>, a: Record<string, string[] | string>): LiveResolver {
  const fail = (code: string): never => {
    throw Object.assign(new Error(`query failed ${code}`), { code });
  };
  const querier: DnsQuerier = {
    async resolveCname(name) {
      const target = cnames[name];
      return target ? [target] : fail('ENODATA');
    },
    async resolve4(name) {
      let current = name;
      while (cnames[current]) current = cnames[current]!;
      const answer = a[current] ?? a[name];
      if (answer === undefined) return fail('ENOTFOUND');
      return typeof answer === 'string' ? fail(answer) : answer;
    },
  };
  return { server: '10.0.0.53:53', querier };
}

const now = () => new Date('2025-01-01T00:00:00Z');

void test('a private answer comes with its CNAME chain, the server asked and the time taken', async () => {
  const resolver = fakeResolver({ 'myregistry.azurecr.io': 'myregistry.privatelink.azurecr.io' }, { 'myregistry.privatelink.azurecr.io': ['10.0.0.7'] });
  const answer = await resolveLive(resolver, 'MyRegistry.azurecr.io.', now);
  assert.equal(answer.status, 'ok');
  assert.deepEqual(answer.chain, ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io']);
  assert.deepEqual(answer.addresses, ['10.0.0.7']);
  assert.equal(answer.addressClass, 'private');
  assert.equal(answer.server, '10.0.0.53:53');
  assert.equal(answer.checkedAt, '2025-01-01T00:00:00.000Z');
  assert.ok(answer.elapsedMs >= 0);
});

void test('a public answer follows the whole public chain and is classified public', async () => {
  const resolver = fakeResolver(
    { 'myregistry.azurecr.io': 'myregistry.privatelink.azurecr.io', 'myregistry.privatelink.azurecr.io': 'weu-1.fe.azcr.io' },
    { 'weu-1.fe.azcr.io': ['20.61.99.68'] },
  );
  const answer = await resolveLive(resolver, 'myregistry.azurecr.io', now);
  assert.deepEqual(answer.chain, ['myregistry.azurecr.io', 'myregistry.privatelink.azurecr.io', 'weu-1.fe.azcr.io']);
  assert.equal(answer.addressClass, 'public');
});

void test('NXDOMAIN, SERVFAIL, REFUSED and timeouts are answers, not exceptions', async () => {
  const resolver = fakeResolver({}, { 'a.azurecr.io': 'ESERVFAIL', 'b.azurecr.io': 'EREFUSED', 'c.azurecr.io': 'ETIMEOUT', 'e.azurecr.io': 'ECONNREFUSED' });
  const answers = await resolveAllLive(resolver, ['a.azurecr.io', 'b.azurecr.io', 'c.azurecr.io', 'd.azurecr.io', 'e.azurecr.io'], now);
  assert.deepEqual(
    answers.map((a) => [a.fqdn, a.status]),
    [
      ['a.azurecr.io', 'servfail'],
      ['b.azurecr.io', 'refused'],
      ['c.azurecr.io', 'timeout'],
      ['d.azurecr.io', 'nxdomain'],
      ['e.azurecr.io', 'unreachable'],
    ],
  );
  assert.equal(answers[0]?.errorCode, 'ESERVFAIL');
});

void test('a DNS server that never answers gives a timeout within the configured limit', async () => {
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as AddressInfo).port;
    const resolver = createLiveResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 200, tries: 1 });
    const answer = await resolveLive(resolver, 'myregistry.azurecr.io');
    assert.equal(answer.status, 'timeout');
    assert.equal(answer.server, `127.0.0.1:${port}`);
    assert.ok(answer.elapsedMs < 5000);
  } finally {
    silent.close();
  }
});

void test('private ranges include RFC 1918, shared address space and loopback; others are public', () => {
  for (const ip of ['10.0.0.7', '172.16.5.4', '172.31.255.255', '192.168.1.1', '100.64.0.1', '127.0.0.1']) assert.equal(classifyAddress(ip), 'private', ip);
  for (const ip of ['20.61.99.68', '172.32.0.1', '100.128.0.1', '8.8.8.8']) assert.equal(classifyAddress(ip), 'public', ip);
  assert.equal(classifyAddresses(['10.0.0.7', '20.61.99.68']), 'mixed');
  assert.equal(classifyAddresses([]), 'none');
});

void test('DNS server addresses are checked the way a person types them', () => {
  assert.equal(parseDnsServer('127.0.0.1:5353'), '127.0.0.1:5353');
  assert.equal(parseDnsServer('168.63.129.16'), '168.63.129.16');
  assert.equal(parseDnsServer('[::1]:53'), '[::1]:53');
  assert.equal(parseDnsServer('dns.example.com'), undefined);
  assert.equal(parseDnsServer('10.0.0.300'), undefined);
  assert.equal(parseDnsServer('10.0.0.1:70000'), undefined);
});

void test('a server that never answers: every name is a timeout by the deadline, naming it', async () => {
  let cancelled = false;
  const silent: LiveResolver = {
    server: '127.0.0.1:5353',
    querier: { resolve4: () => new Promise<string[]>(() => undefined), resolveCname: () => new Promise<string[]>(() => undefined) },
    cancel: () => void (cancelled = true),
  };
  const answers = await resolveAllLive(silent, ['myregistry.azurecr.io', 'myregistry.eastus.data.azurecr.io'], now, { deadlineMs: 30 });
  assert.deepEqual(answers.map((a) => a.status), ['timeout', 'timeout']);
  assert.match(answers[0]?.message ?? '', /No answer within 30 ms, the time allowed for the live DNS check/);
  assert.equal(cancelled, true, 'the queries left waiting are cancelled');
});

void test('cancelling a live check rejects it at once', async () => {
  const controller = new AbortController();
  const silent: LiveResolver = { server: 'system', querier: { resolve4: () => new Promise<string[]>(() => undefined), resolveCname: () => new Promise<string[]>(() => undefined) } };
  const p = resolveAllLive(silent, ['myregistry.azurecr.io'], now, { deadlineMs: 60_000, signal: controller.signal });
  controller.abort();
  await assert.rejects(p, (e: Error) => e.name === 'AbortError');
});
