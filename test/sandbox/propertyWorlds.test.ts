// Property: in random worlds built through ARM (1–3 endpoints of myregistry, one or two VNets, one
// or two privatelink.azurecr.io zones shared between them, DNS zone groups or records written by
// hand, a replica added late, an endpoint deleted, a dead IP, random read failures — A record set
// listings among them), every verdict
// the extension gives (the CLI's loader + the engine) is true of what the sandbox's DNS server answers
// inside that VNet (an IP served only in a VNet not peered with it is one its clients cannot reach),
// or says it could not check. Worlds are seeded; a failure names its seed (rerun one with
// ACR_PL_PROPERTY_SEED=<seed>; ACR_PL_PROPERTY_WORLDS sets how many).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as dns from 'node:dns';
import type { RunningSandbox } from '../../src/sandbox';
import { createAzureBackend } from '../../src/cli/azureBackend';
import { diagnose, fqdnTable, type FqdnRow } from '../../src/diagnosis';
import { arm, id, LRO, raw, RG, SUB1, withSandbox, type Clients } from './helpers';

const ZONE = 'privatelink.azurecr.io';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): { next(): number; chance(p: number): boolean; pick<T>(items: readonly T[]): T; int(lo: number, hi: number): number } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

/**
 * Reads that can fail, as the loader makes them: each injected as a persistent GET failure. A zone's
 * A record sets are also answered by Resource Graph (its `dnsresources` table), so their ARM listing
 * is made, and fails, only when the graph query is refused too (`withGraph`).
 */
const readFaults: readonly { what: string; pathPattern: string; method?: string; withGraph?: boolean }[] = [
  { what: 'zone groups', pathPattern: '/privateDnsZoneGroups$' },
  { what: 'VNet links', pathPattern: '/virtualNetworkLinks$' },
  { what: 'network interfaces', pathPattern: '/networkInterfaces' },
  { what: 'private endpoints', pathPattern: '/privateEndpoints$' },
  { what: 'Resource Graph', pathPattern: '/providers/Microsoft\\.ResourceGraph/resources$', method: 'POST' },
  { what: 'private DNS zones', pathPattern: '/privateDnsZones$' },
  { what: 'A record sets', pathPattern: '/privateDnsZones/privatelink\\.azurecr\\.io/A$', withGraph: true },
];

interface World {
  seed: number;
  steps: string[];
}

interface SandboxState {
  privateEndpoints: Record<string, { id: string; name: string; subnetId: string }>;
  networkInterfaces: Record<string, { ipConfigurations: { privateIPAddress: string; subnetId: string; privateLinkConnectionProperties?: { fqdns: string[] } }[] }>;
  virtualNetworks: Record<string, { id: string; peerings?: { remoteVirtualNetworkId: string }[] }>;
}

async function resolve4(sb: RunningSandbox, name: string): Promise<string[] | 'NXDOMAIN' | 'NODATA' | string> {
  const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([sb.dnsServer]);
  try {
    return (await r.resolve4(name)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' ? 'NXDOMAIN' : code === 'ENODATA' ? 'NODATA' : (code ?? 'ERR');
  }
}

const vnetOfSubnet = (subnetId: string): string => subnetId.slice(0, subnetId.toLowerCase().lastIndexOf('/subnets/')).toLowerCase();

/** Whether a client in VNet `from` reaches an address in VNet `to`: the same VNet, or peered both ways (Connected). */
function reaches(state: SandboxState, from: string, to: string): boolean {
  if (from.toLowerCase() === to.toLowerCase()) return true;
  const vnet = (vnetId: string) => Object.values(state.virtualNetworks ?? {}).find((v) => v.id.toLowerCase() === vnetId.toLowerCase());
  const lists = (a: string, b: string): boolean => (vnet(a)?.peerings ?? []).some((p) => p.remoteVirtualNetworkId.toLowerCase() === b.toLowerCase());
  return lists(from, to) && lists(to, from);
}

/** Whether the verdict is true of the DNS answer a client in the row's VNet gets, given which NIC serves which IP. */
function verdictHolds(row: FqdnRow, answer: Awaited<ReturnType<typeof resolve4>>, state: SandboxState): string | undefined {
  if (row.verdict === 'unknown') return undefined;
  const ips = Array.isArray(answer) ? answer : [];
  const served = new Set<string>();
  const servedHere = new Set<string>();
  const reachable = new Set<string>();
  for (const nic of Object.values(state.networkInterfaces)) {
    for (const c of nic.ipConfigurations) {
      if (!c.privateLinkConnectionProperties?.fqdns.some((f) => f.toLowerCase() === row.fqdn)) continue;
      served.add(c.privateIPAddress);
      if (row.virtualNetworkId && vnetOfSubnet(c.subnetId) === row.virtualNetworkId.toLowerCase()) servedHere.add(c.privateIPAddress);
      if (row.virtualNetworkId && reaches(state, row.virtualNetworkId, vnetOfSubnet(c.subnetId))) reachable.add(c.privateIPAddress);
    }
  }
  const isPublic = ips.length > 0 && ips.every((ip) => ip.startsWith('203.0.113.'));
  // A client tries every IP of the answer: each must be an endpoint it can reach (in its VNet or a peered one).
  const works = ips.length > 0 && !isPublic && ips.every((ip) => served.has(ip) && reachable.has(ip)) && ips.some((ip) => servedHere.has(ip));
  const truth: Record<FqdnRow['verdict'], boolean> = {
    ok: works,
    missing: answer === 'NXDOMAIN' || answer === 'NODATA',
    nxdomain: answer === 'NXDOMAIN' || answer === 'NODATA',
    public: isPublic,
    wrongIp: ips.length > 0 && !isPublic && !works,
    orphaned: answer === 'NXDOMAIN' || answer === 'NODATA' || isPublic || ips.every((ip) => !served.has(ip)),
    unknown: true,
  };
  if (truth[row.verdict]) return undefined;
  return `${row.fqdn} in ${row.virtualNetworkId?.split('/').pop() ?? '(no VNet)'}: the extension says ${row.verdict}, the VNet's DNS answers ${JSON.stringify(answer)} (served: ${[...served].join(', ') || 'none'}; by this VNet's endpoints: ${[...servedHere].join(', ') || 'none'})`;
}

async function buildWorld(sb: RunningSandbox, c: Clients, seed: number): Promise<World> {
  const rng = random(seed);
  const steps: string[] = [];
  const reset = await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'empty' });
  assert.equal(reset.status, 200);
  await c.network.subnets.beginCreateOrUpdateAndWait(RG, 'myDockerVMVNET', 'myDockerVMSubnet', { addressPrefix: '10.0.0.0/24', privateEndpointNetworkPolicies: 'Disabled' }, LRO);
  const vnets = [{ name: 'myDockerVMVNET', subnet: 'myDockerVMSubnet' }];
  if (rng.chance(0.6)) {
    await c.network.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'spokeVNET',
      { location: 'westeurope', addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'default', addressPrefix: '10.1.0.0/24', privateEndpointNetworkPolicies: 'Disabled' }] },
      LRO,
    );
    vnets.push({ name: 'spokeVNET', subnet: 'default' });
    steps.push('VNet spokeVNET');
  }
  const zoneGroups = [RG];
  if (rng.chance(0.4)) {
    await arm(sb, 'PUT', `/subscriptions/${SUB1}/resourcegroups/rg-dns-b?api-version=2021-04-01`, { location: 'westeurope' });
    zoneGroups.push('rg-dns-b');
  }
  for (const rg of zoneGroups) await c.dns.privateZones.beginCreateOrUpdateAndWait(rg, ZONE, { location: 'global' }, LRO);
  const zoneOf = new Map<string, string>();
  for (const v of vnets) {
    if (rng.chance(0.15)) {
      steps.push(`${v.name} linked to no zone`);
      continue;
    }
    const rg = rng.pick(zoneGroups);
    await c.dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(rg, ZONE, `${v.name}-link`, { location: 'global', virtualNetwork: { id: id.vnet(v.name) }, registrationEnabled: false }, LRO);
    zoneOf.set(v.name, rg);
    steps.push(`${v.name} linked to the zone in ${rg}`);
  }
  const endpoints: string[] = [];
  for (let i = 1, n = rng.int(1, 3); i <= n; i++) {
    const v = rng.pick(vnets);
    const name = `pe${i}`;
    const pe = await c.network.privateEndpoints.beginCreateOrUpdateAndWait(
      RG,
      name,
      {
        location: 'westeurope',
        subnet: { id: id.subnet(v.name, v.subnet) },
        privateLinkServiceConnections: [{ name: `${name}Connection`, privateLinkServiceId: id.registry('myregistry'), groupIds: ['registry'] }],
      },
      LRO,
    );
    endpoints.push(name);
    const zoneRg = zoneOf.get(v.name) ?? rng.pick(zoneGroups);
    if (rng.chance(0.7)) {
      await c.network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, name, 'default', { privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: id.zone(ZONE, SUB1, zoneRg) }] }, LRO);
      steps.push(`${name} in ${v.name} with a zone group on the zone in ${zoneRg}`);
    } else if (rng.chance(0.5)) {
      // Records by hand: this endpoint's IPs added to what the record sets hold.
      const nic = await c.network.networkInterfaces.get(RG, pe.networkInterfaces?.[0]?.id?.split('/').pop() ?? '');
      for (const ipc of nic.ipConfigurations ?? []) {
        const fqdn = ipc.privateLinkConnectionProperties?.fqdns?.[0];
        if (!fqdn || !ipc.privateIPAddress) continue;
        const rel = fqdn.replace(/\.azurecr\.io$/, '');
        const current = await c.dns.recordSets.get(zoneRg, ZONE, 'A', rel).catch(() => undefined);
        const ips = [...new Set([...(current?.aRecords ?? []).map((a) => a.ipv4Address ?? ''), ipc.privateIPAddress])];
        await c.dns.recordSets.createOrUpdate(zoneRg, ZONE, 'A', rel, { ttl: 10, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) });
      }
      steps.push(`${name} in ${v.name} with records by hand in the zone in ${zoneRg}`);
    } else {
      steps.push(`${name} in ${v.name} without DNS records`);
    }
  }
  if (rng.chance(0.3)) {
    await c.acr.replications.create(RG, 'myregistry', 'northeurope', { location: 'northeurope' });
    steps.push('replica northeurope added after the endpoints');
  }
  if (endpoints.length > 1 && rng.chance(0.35)) {
    const gone = rng.pick(endpoints);
    await c.network.privateEndpoints.beginDeleteAndWait(RG, gone, LRO);
    steps.push(`${gone} deleted`);
  }
  if (rng.chance(0.3)) {
    const rg = rng.pick(zoneGroups);
    const rel = rng.pick(['myregistry', 'myregistry.westeurope.data']);
    const current = await c.dns.recordSets.get(rg, ZONE, 'A', rel).catch(() => undefined);
    await c.dns.recordSets.createOrUpdate(rg, ZONE, 'A', rel, { ttl: 10, aRecords: [...(current?.aRecords ?? []), { ipv4Address: '10.0.0.250' }] });
    steps.push(`dead IP 10.0.0.250 added to ${rel} in ${rg}`);
  }
  if (rng.chance(0.5)) {
    // Resource Graph answers endpoints, NICs, zones and links first: ARM reads of them happen (and can
    // fail) when it does not.
    const faults = rng.chance(0.5) ? [readFaults.find((f) => f.what === 'Resource Graph')!] : [];
    for (let i = 0, n = rng.int(1, 2); i < n; i++) faults.push(rng.pick(readFaults));
    const graph = readFaults.find((f) => f.what === 'Resource Graph')!;
    if (faults.some((f) => f.withGraph) && !faults.includes(graph)) faults.unshift(graph);
    for (const fault of faults) {
      const status = rng.pick([500, 403, 404]);
      const r = await raw(sb, 'POST', '/_sandbox/faults', { kind: 'status', method: fault.method ?? 'GET', status, pathPattern: fault.pathPattern });
      assert.equal(r.status, 201);
      steps.push(`every ${fault.method ? 'query' : 'read'} of ${fault.what} fails with ${status}`);
    }
  }
  return { seed, steps };
}

void describe('sandbox: random worlds, every verdict true of the VNet\'s DNS answer or "could not check"', () => {
  let sb: RunningSandbox;
  let c: Clients;
  before(async () => ({ sb, c } = await withSandbox({ scenario: 'empty' })));
  after(async () => sb.close());

  const fixed = process.env['ACR_PL_PROPERTY_SEED'];
  const count = Number(process.env['ACR_PL_PROPERTY_WORLDS'] ?? 8);
  const base = Number(process.env['ACR_PL_PROPERTY_BASE'] ?? Date.now() % 100000);
  const seeds = fixed !== undefined ? [Number(fixed)] : Array.from({ length: count }, (_, i) => base + i);

  for (const seed of seeds) {
    void it(`world ${seed}`, async () => {
      const world = await buildWorld(sb, c, seed);
      const describeWorld = `world seed ${seed} (rerun: ACR_PL_PROPERTY_SEED=${seed}): ${world.steps.join('; ')}`;
      let rows: FqdnRow[] = [];
      try {
        const backend = await createAzureBackend({ endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem, kind: 'sandbox' });
        const { snapshot, registryId } = await backend.loadSnapshot({ registry: 'myregistry' });
        rows = fqdnTable(snapshot, registryId, undefined, diagnose(snapshot, registryId));
      } catch {
        return; // the whole check could not run: "could not check", which is true
      } finally {
        await raw(sb, 'DELETE', '/_sandbox/faults');
      }
      const state = (await raw(sb, 'GET', '/_sandbox/state')).json as SandboxState;
      const wrong: string[] = [];
      for (const row of rows) {
        if (!row.virtualNetworkId) continue;
        const set = await raw(sb, 'POST', '/_sandbox/dns', { virtualNetworkId: row.virtualNetworkId });
        assert.equal(set.status, 200, `${describeWorld}: the sandbox does not know ${row.virtualNetworkId}`);
        const problem = verdictHolds(row, await resolve4(sb, row.fqdn), state);
        if (problem) wrong.push(problem);
      }
      assert.deepEqual(wrong, [], describeWorld);
    });
  }
});
