// In sandbox mode a VNet's DNS server IP is data: the live check dials only the loopback listener the
// sandbox publishes for it, never the IP itself, and never anything the sandbox maps elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askVnetDnsServers, type LiveResolver } from '../../../src/diagnosis';
import { sandboxVnetDnsResolver } from '../../../src/common/vnetDnsServers';
import { isLoopbackHost } from '../../../src/common/loopback';

const privateOrPublic = /^(10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.|(?!127\.)\d)/;

/** A resolver factory that records what would be dialled and answers without any network. */
function recording(): { dialled: string[]; create: (servers: string[]) => LiveResolver } {
  const dialled: string[] = [];
  return {
    dialled,
    create: (servers) => {
      dialled.push(...servers);
      return { server: servers.join(','), querier: { resolve4: () => Promise.resolve(['10.0.0.7']), resolveCname: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENODATA' })) } };
    },
  };
}

void test('sandbox mode: a published IP is asked at its loopback listener; an unpublished or non-loopback one is never dialled', async () => {
  const r = recording();
  const resolverFor = sandboxVnetDnsResolver({ '10.0.0.4': '127.0.0.1:5301', '10.0.1.4': '[::1]:5302', '172.16.0.4': '10.0.0.4:53', '192.168.1.1': '203.0.113.9:53' }, r.create);
  const answers = await askVnetDnsServers(
    [{ virtualNetworkId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v', servers: ['10.0.0.4', '10.0.1.4', '172.16.0.4', '192.168.1.1', '10.9.9.9'], fqdns: ['myregistry.azurecr.io'] }],
    resolverFor,
  );
  assert.deepEqual(r.dialled.sort(), ['127.0.0.1:5301', '[::1]:5302']);
  for (const address of r.dialled) {
    const host = address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.split(':')[0]!;
    assert.ok(isLoopbackHost(host), `${address} is loopback`);
    assert.doesNotMatch(host, privateOrPublic);
  }
  // The servers it did not dial are reported as not asked, not as failures or answers.
  const notAsked = answers.filter((a) => a.dialled === undefined).map((a) => a.server).sort();
  assert.deepEqual(notAsked, ['10.9.9.9', '172.16.0.4', '192.168.1.1']);
  assert.ok(answers.filter((a) => a.dialled === undefined).every((a) => a.answers.length === 0));
});
