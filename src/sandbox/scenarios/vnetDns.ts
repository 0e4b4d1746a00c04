// Worlds for what a VNet really resolves, each the seed document's world with every record in place
// (so DNS configuration is the only thing wrong, or nothing is) and one VNet DNS setup:
// - custom-dns: myDockerVMVNET asks the DNS server on its VM (10.0.0.4), which has no conditional
//   forwarder for azurecr.io: "depends on your DNS servers", and asked live it answers the public IP.
// - custom-dns-forwarder: the same server, configured with the forwarder (to 168.63.129.16 from
//   myDockerVMVNET, which is linked to the zone): still "depends" from the configuration, private live.
// - private-resolver: a DNS Private Resolver in myDockerVMVNET with an inbound endpoint; appVNet
//   (peered) uses it as its DNS server, and buildVNet (peered, Azure DNS) is linked to a forwarding
//   ruleset whose rule sends azurecr.io to it: both proven private from the configuration.
// - hub-spoke: spokeVNet peered to myDockerVMVNET (the hub with the endpoint and the zone link), using
//   Azure DNS, not linked: it resolves the public IP.
// - nxdomain-redirect: the seed's missing eastus data record, with MyDNSLink's resolutionPolicy set
//   to NxDomainRedirect: the name resolves publicly instead of NXDOMAIN.

import { providerId } from '../ids';
import { key, type SandboxState, type VirtualNetworkRecord } from '../state';
import { addARecord, addVnet } from './build';
import { SEED, SUBSCRIPTION_PRODUCTION } from './ids';
import { seedScenario } from './seed';

export const VNET_DNS_WORLDS = ['custom-dns', 'custom-dns-forwarder', 'private-resolver', 'hub-spoke', 'nxdomain-redirect'] as const;
export type VnetDnsWorld = (typeof VNET_DNS_WORLDS)[number];

/** Names the tests and demos use. */
export const VNET_DNS = {
  vmDnsServer: '10.0.0.4',
  resolver: 'myResolver',
  inboundSubnet: 'dnsInbound',
  inboundEndpoint: 'myInbound',
  inboundIp: '10.0.1.4',
  ruleset: 'myRuleset',
  rule: 'azurecr',
  appVnet: 'appVNet',
  buildVnet: 'buildVNet',
  spokeVnet: 'spokeVNet',
} as const;

const rg = SEED.resourceGroup;
const net = (type: string, name: string): string => providerId(SUBSCRIPTION_PRODUCTION, rg, 'Microsoft.Network', type, name);

function hub(state: SandboxState): VirtualNetworkRecord {
  const v = state.virtualNetworks[key(net('virtualNetworks', SEED.vnet))];
  if (!v) throw new Error('seed VNet missing');
  return v;
}

/** The seed with the eastus data record written: every record right. */
function healthySeed(scenario: string): SandboxState {
  const state = seedScenario();
  state.scenario = scenario;
  addARecord(state, net('privateDnsZones', SEED.zone), `${SEED.registry}.${SEED.replicaLocation}.data`, ['10.0.0.5'], 'ad4f5162-7081-4f91-a2c3-4e5f60718293');
  return state;
}

function peer(a: VirtualNetworkRecord, b: VirtualNetworkRecord): void {
  a.peerings = [...(a.peerings ?? []), { name: `${a.name}-to-${b.name}`, remoteVirtualNetworkId: b.id, allowVirtualNetworkAccess: true, allowForwardedTraffic: false }];
  b.peerings = [...(b.peerings ?? []), { name: `${b.name}-to-${a.name}`, remoteVirtualNetworkId: a.id, allowVirtualNetworkAccess: true, allowForwardedTraffic: false }];
}

function spoke(state: SandboxState, name: string, prefix: string): VirtualNetworkRecord {
  return addVnet(state, SUBSCRIPTION_PRODUCTION, rg, name, SEED.location, prefix, [
    { name: 'default', addressPrefix: prefix.replace(/\/16$/, '/24'), privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' },
  ]);
}

export function vnetDnsScenario(world: VnetDnsWorld): SandboxState {
  if (world === 'nxdomain-redirect') {
    const state = seedScenario();
    state.scenario = world;
    const link = state.virtualNetworkLinks[key(`${net('privateDnsZones', SEED.zone)}/virtualNetworkLinks/${SEED.link}`)];
    if (link) link.resolutionPolicy = 'NxDomainRedirect';
    return state;
  }
  const state = healthySeed(world);
  const hubVnet = hub(state);
  if (world === 'custom-dns' || world === 'custom-dns-forwarder') {
    hubVnet.dnsServers = [VNET_DNS.vmDnsServer];
    if (world === 'custom-dns-forwarder') state.dnsServerForwarders = { [VNET_DNS.vmDnsServer]: hubVnet.id };
    return state;
  }
  if (world === 'hub-spoke') {
    const s = spoke(state, VNET_DNS.spokeVnet, '10.2.0.0/16');
    peer(hubVnet, s);
    // The DNS server answers as a client in the hub; `POST /_sandbox/dns` moves it to spokeVNet.
    return state;
  }
  // private-resolver
  hubVnet.subnets.push({ id: `${hubVnet.id}/subnets/${VNET_DNS.inboundSubnet}`, name: VNET_DNS.inboundSubnet, addressPrefix: '10.0.1.0/28', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled' });
  const resolverId = net('dnsResolvers', VNET_DNS.resolver);
  (state.dnsResolvers ??= {})[key(resolverId)] = { id: resolverId, name: VNET_DNS.resolver, location: SEED.location, virtualNetworkId: hubVnet.id };
  const inboundId = `${resolverId}/inboundEndpoints/${VNET_DNS.inboundEndpoint}`;
  (state.inboundEndpoints ??= {})[key(inboundId)] = {
    id: inboundId,
    name: VNET_DNS.inboundEndpoint,
    location: SEED.location,
    ipConfigurations: [{ subnetId: `${hubVnet.id}/subnets/${VNET_DNS.inboundSubnet}`, privateIpAddress: VNET_DNS.inboundIp, privateIpAllocationMethod: 'Dynamic' }],
  };
  const app = spoke(state, VNET_DNS.appVnet, '10.3.0.0/16');
  app.dnsServers = [VNET_DNS.inboundIp];
  peer(hubVnet, app);
  const build = spoke(state, VNET_DNS.buildVnet, '10.4.0.0/16');
  peer(hubVnet, build);
  const rulesetId = net('dnsForwardingRulesets', VNET_DNS.ruleset);
  (state.dnsForwardingRulesets ??= {})[key(rulesetId)] = { id: rulesetId, name: VNET_DNS.ruleset, location: SEED.location, outboundEndpointIds: [`${resolverId}/outboundEndpoints/myOutbound`] };
  const ruleId = `${rulesetId}/forwardingRules/${VNET_DNS.rule}`;
  (state.forwardingRules ??= {})[key(ruleId)] = { id: ruleId, name: VNET_DNS.rule, etag: '"b5e6f7a8-0000-4000-8000-000000000001"', domainName: 'azurecr.io.', targetDnsServers: [{ ipAddress: VNET_DNS.inboundIp, port: 53 }], forwardingRuleState: 'Enabled' };
  const linkId = `${rulesetId}/virtualNetworkLinks/${VNET_DNS.buildVnet}-link`;
  (state.rulesetLinks ??= {})[key(linkId)] = { id: linkId, name: `${VNET_DNS.buildVnet}-link`, etag: '"b5e6f7a8-0000-4000-8000-000000000002"', virtualNetworkId: build.id };
  state.dnsVirtualNetworkId = app.id;
  return state;
}
