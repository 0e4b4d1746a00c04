// The sandbox's DNS Private Resolver children over HTTPS, as ARM answers them: a resolver's inbound
// endpoints and a ruleset's forwarding rules and virtual network links are listed, read, written and
// deleted under their parent, a missing child or parent is ResourceNotFound naming its type, and a
// second write answers 200 where the first answered 201. The `private-resolver` world.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox';
import { arm, RG, SUB1, withSandbox } from './helpers';

const api = 'api-version=2022-07-01';
const network = `/subscriptions/${SUB1}/resourceGroups/${RG}/providers/Microsoft.Network`;
const resolver = `${network}/dnsResolvers/myResolver`;
const ruleset = `${network}/dnsForwardingRulesets/myRuleset`;

interface Resource {
  id: string;
  name: string;
  type: string;
  etag?: string;
  properties: Record<string, unknown>;
}

const children = [
  { parent: resolver, segment: 'inboundEndpoints', name: 'myInbound', type: 'Microsoft.Network/dnsResolvers/inboundEndpoints' },
  { parent: ruleset, segment: 'forwardingRules', name: 'azurecr', type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules' },
  { parent: ruleset, segment: 'virtualNetworkLinks', name: 'buildVNet-link', type: 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks' },
];

void describe('sandbox: DNS Private Resolver children', () => {
  let sb: RunningSandbox;
  before(async () => ({ sb } = await withSandbox({ scenario: 'private-resolver' })));
  after(async () => sb.close());

  for (const c of children) {
    void it(`lists and reads ${c.segment} under their parent; a missing one, or a missing parent, is ResourceNotFound`, async () => {
      const list = await arm(sb, 'GET', `${c.parent}/${c.segment}?${api}`);
      assert.equal(list.status, 200);
      assert.deepEqual((list.json as { value: Resource[] }).value.map((r) => [r.name, r.type]), [[c.name, c.type]]);
      const one = await arm(sb, 'GET', `${c.parent}/${c.segment}/${c.name.toUpperCase()}?${api}`);
      assert.equal(one.status, 200);
      assert.equal((one.json as Resource).id, `${c.parent}/${c.segment}/${c.name}`);
      const missing = await arm(sb, 'GET', `${c.parent}/${c.segment}/nothing?${api}`);
      assert.equal(missing.status, 404);
      assert.equal((missing.json as { error: { code: string } }).error.code, 'ResourceNotFound');
      assert.match((missing.json as { error: { message: string } }).error.message, new RegExp(`${c.type}/nothing`));
      const orphan = await arm(sb, 'GET', `${c.parent}-gone/${c.segment}?${api}`);
      assert.equal(orphan.status, 404);
      assert.match((orphan.json as { error: { message: string } }).error.message, /myR(esolver|uleset)-gone/);
    });
  }

  void it('a forwarding rule is created (201), written again (200), refused with If-None-Match: * once it exists, deleted (200), then gone (204)', async () => {
    const path = `${ruleset}/forwardingRules/contoso?${api}`;
    const body = { properties: { domainName: 'contoso.com.', targetDnsServers: [{ ipAddress: '10.0.1.4' }] } };
    const created = await arm(sb, 'PUT', path, body);
    assert.equal(created.status, 201, created.text);
    assert.deepEqual((created.json as Resource).properties.targetDnsServers, [{ ipAddress: '10.0.1.4', port: 53 }]);
    assert.equal((await arm(sb, 'PUT', path, body)).status, 200);
    assert.equal((await arm(sb, 'PUT', path, body, { 'If-None-Match': '*' })).status, 412);
    assert.equal((await arm(sb, 'PUT', path, { properties: { domainName: 'contoso.com', targetDnsServers: [{ ipAddress: '10.0.1.4' }] } })).status, 400);
    const listed = await arm(sb, 'GET', `${ruleset}/forwardingRules?${api}`);
    assert.deepEqual((listed.json as { value: Resource[] }).value.map((r) => r.name).sort(), ['azurecr', 'contoso']);
    assert.equal((await arm(sb, 'DELETE', path)).status, 200);
    assert.equal((await arm(sb, 'DELETE', path)).status, 204);
    assert.equal((await arm(sb, 'GET', path)).status, 404);
  });

  void it('an inbound endpoint takes a free address of its subnet; a second link of a VNet already linked is a conflict', async () => {
    const created = await arm(sb, 'PUT', `${resolver}/inboundEndpoints/second?${api}`, {
      location: 'westeurope',
      properties: { ipConfigurations: [{ subnet: { id: `${network}/virtualNetworks/myDockerVMVNET/subnets/dnsInbound` } }] },
    });
    assert.equal(created.status, 201, created.text);
    const ip = ((created.json as Resource).properties.ipConfigurations as { privateIpAddress: string }[])[0]?.privateIpAddress;
    assert.match(ip ?? '', /^10\.0\.1\.\d+$/);
    assert.notEqual(ip, '10.0.1.4');
    const link = await arm(sb, 'PUT', `${ruleset}/virtualNetworkLinks/again?${api}`, { properties: { virtualNetwork: { id: `${network}/virtualNetworks/buildVNet` } } });
    assert.equal(link.status, 409, link.text);
  });
});
