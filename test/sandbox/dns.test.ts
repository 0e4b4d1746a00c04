// The sandbox DNS server answers like the VNet it is set to: private chain where the zone is linked,
// NXDOMAIN for the missing eastus record, the public chain outside the VNet; over UDP and TCP.

import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { RunningSandbox } from '../../src/sandbox';
import { raw, withSandbox } from './helpers';

function resolver(sb: RunningSandbox): dns.promises.Resolver {
  const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([sb.dnsServer]);
  return r;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ERR';
  }
}

interface Reply {
  rcode: string;
  answers: { type: string; data: unknown }[];
}

function tcpQuery(sb: RunningSandbox, name: string): Promise<Reply> {
  const [host, port] = sb.dnsServer.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host ?? '127.0.0.1', () => socket.write(dnsPacket.streamEncode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] })));
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.streamDecode(buf) as unknown as Reply);
      }
    });
    socket.on('error', reject);
  });
}

void describe('sandbox: DNS as seen from myDockerVMVNET', () => {
  let sb: RunningSandbox;
  before(async () => ({ sb } = await withSandbox({ scenario: 'seed' })));
  after(async () => sb.close());

  void it('resolves myregistry.azurecr.io through the privatelink CNAME to 10.0.0.7 (the document dig output)', async () => {
    const r = resolver(sb);
    assert.deepEqual(await r.resolveCname('myregistry.azurecr.io'), ['myregistry.privatelink.azurecr.io']);
    assert.deepEqual(await r.resolve4('myregistry.azurecr.io'), ['10.0.0.7']);
    assert.deepEqual(await r.resolve4('myregistry.westeurope.data.azurecr.io'), ['10.0.0.6']);
  });

  void it('answers NXDOMAIN for the eastus data endpoint, whose record is missing from the linked zone', async () => {
    assert.equal(await code(resolver(sb).resolve4('myregistry.eastus.data.azurecr.io')), 'ENOTFOUND');
  });

  void it('refuses names outside azurecr.io and does not know unknown registries', async () => {
    assert.equal(await code(resolver(sb).resolve4('example.com')), 'EREFUSED');
    assert.equal(await code(resolver(sb).resolve4('nosuchregistry.azurecr.io')), 'ENOTFOUND');
  });

  void it('answers over TCP with the same chain', async () => {
    const reply = await tcpQuery(sb, 'myregistry.azurecr.io');
    assert.equal(reply.rcode, 'NOERROR');
    assert.deepEqual(reply.answers.map((a) => [a.type, a.data]), [
      ['CNAME', 'myregistry.privatelink.azurecr.io'],
      ['A', '10.0.0.7'],
    ]);
  });

  void it('answers the public chain (TEST-NET address) when set to no VNet, and privately again when set back', async () => {
    const vnet = ((await raw(sb, 'GET', '/_sandbox/dns')).json as { virtualNetworkId: string }).virtualNetworkId;
    assert.equal((await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: null })).status, 200);
    const r = resolver(sb);
    const [ip] = await r.resolve4('myregistry.eastus.data.azurecr.io');
    assert.match(ip ?? '', /^203\.0\.113\./);
    assert.match((await r.resolve4('myregistry.azurecr.io'))[0] ?? '', /^203\.0\.113\./);
    await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: vnet });
    assert.deepEqual(await r.resolve4('myregistry.azurecr.io'), ['10.0.0.7']);
  });

  void it('resolves a registry without private link straight to its public front end', async () => {
    const r = resolver(sb);
    const cname = await r.resolveCname('basicregistry.azurecr.io');
    assert.deepEqual(cname, ['westeurope.fe.azcr.io']);
    assert.match((await r.resolve4('basicregistry.azurecr.io'))[0] ?? '', /^203\.0\.113\./);
  });

  void it('injected DNS faults: SERVFAIL, no answer (a server that looks down) and a late answer, each for N queries', async () => {
    const fault = (body: object): Promise<number> => raw(sb, 'POST', '/_sandbox/dns/faults', body).then((r) => r.status);
    assert.equal(await fault({ kind: 'servfail', namePattern: '^myregistry\\.azurecr\\.io$', times: 1 }), 201);
    const quick = new dns.promises.Resolver({ timeout: 200, tries: 1 });
    quick.setServers([sb.dnsServer]);
    assert.equal(await code(quick.resolve4('myregistry.azurecr.io')), 'ESERVFAIL');
    assert.deepEqual(await quick.resolve4('myregistry.azurecr.io'), ['10.0.0.7'], 'the rule was used up');

    assert.equal(await fault({ kind: 'noAnswer', times: 1 }), 201);
    assert.equal(await code(quick.resolve4('myregistry.azurecr.io')), 'ETIMEOUT');

    const patient = resolver(sb);
    assert.equal(await fault({ kind: 'slow', delayMs: 300, times: 1 }), 201);
    const started = performance.now();
    assert.deepEqual(await patient.resolve4('myregistry.azurecr.io'), ['10.0.0.7'], 'a late answer is still the right one');
    assert.ok(performance.now() - started >= 290, 'held back by the injected delay');

    assert.equal(await fault({ kind: 'noAnswer' }), 201);
    assert.equal(((await raw(sb, 'GET', '/_sandbox/dns/faults')).json as { value: { kind: string }[] }).value.map((r) => r.kind).join(), 'noAnswer');
    assert.equal((await raw(sb, 'DELETE', '/_sandbox/dns/faults')).status, 204);
    assert.deepEqual(await quick.resolve4('myregistry.azurecr.io'), ['10.0.0.7']);
  });
});
