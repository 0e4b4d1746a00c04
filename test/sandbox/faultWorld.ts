// The two invariants every injected fault is checked against, and the two ways the seed registry is
// checked under it: the CLI (dist/cli.js, as a pipeline runs it) and the extension's own path (the
// loader's lean details as the tree reads them, completed as the status panel does, Fix All Safe DNS
// Findings applied). Truth comes from the sandbox itself: its state, and what its DNS answers for the
// VNet a client sits in.
import { createAzureServices, createSandboxCredential } from '../../src/azure';
import { registrySnapshot } from '../../src/azure/registrySnapshot';
import { buildCheckReport, createLiveResolver, diagnose, expectedRecords, fixPlansForRegistry, fqdnTable, resolveAllLive, type CheckReport, type FqdnRow } from '../../src/diagnosis';
import type { WriteOutcome } from '../../src/model/fixPlan';
import type { LoadError } from '../../src/model/types';
import { SEED, type RunningSandbox } from '../../src/sandbox';
import { answer } from '../../src/sandbox/dns/answer';
import type { SandboxState } from '../../src/sandbox/state';
import { raw } from './helpers';

export interface FaultRule {
  method?: string;
  pathPattern: string;
  kind?: 'status' | 'reset' | 'slow' | 'malformed' | 'noAnswer';
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  times?: number;
}

/** The seed world again, with no faults and an empty request log. */
export async function resetWorld(sb: RunningSandbox): Promise<void> {
  await raw(sb, 'POST', '/_sandbox/reset', { scenario: 'seed' });
  await raw(sb, 'DELETE', '/_sandbox/faults');
  await raw(sb, 'DELETE', '/_sandbox/dns/faults');
  await raw(sb, 'DELETE', '/_sandbox/requests');
}

export async function inject(sb: RunningSandbox, ...rules: FaultRule[]): Promise<void> {
  for (const rule of rules) {
    const r = await raw(sb, 'POST', '/_sandbox/faults', rule);
    if (r.status !== 201) throw new Error(`fault not accepted: ${r.text}`);
  }
}

/** A fault of the sandbox's DNS server: it answers late (`slow`), not at all (`noAnswer`) or `servfail`. */
export interface DnsFaultRule {
  kind: 'slow' | 'noAnswer' | 'servfail';
  delayMs?: number;
}

export async function injectDns(sb: RunningSandbox, rule: DnsFaultRule): Promise<void> {
  const r = await raw(sb, 'POST', '/_sandbox/dns/faults', rule);
  if (r.status !== 201) throw new Error(`DNS fault not accepted: ${r.text}`);
}

export async function faultsLeft(sb: RunningSandbox): Promise<number> {
  return ((await raw(sb, 'GET', '/_sandbox/faults')).json as { value: unknown[] }).value.length;
}

export async function sandboxState(sb: RunningSandbox): Promise<SandboxState> {
  return (await raw(sb, 'GET', '/_sandbox/state')).json as SandboxState;
}

/** Every A record set's IPs, by lower-case id. */
export function recordIps(state: SandboxState): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const zone of Object.values(state.aRecordSets)) for (const r of Object.values(zone)) map.set(r.id.toLowerCase(), r.aRecords.map((a) => a.ipv4Address));
  return map;
}

/** Invariant 1: `record set: ip` for every IP a record set held before and no longer holds (none of the seed's fixes removes one). */
export function removedIps(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const removed: string[] = [];
  for (const [id, ips] of before) for (const ip of ips) if (!(after.get(id) ?? []).includes(ip)) removed.push(`${id}: ${ip}`);
  return removed;
}

const privateAddress = (ip: string): boolean => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);

/**
 * Invariant 2: each row's verdict is what the world shows, or "unknown". The world is the sandbox's
 * state (the endpoint NIC's IP per member) and its DNS answer for the VNet a client sits in.
 */
export function untrueVerdicts(state: SandboxState, rows: readonly FqdnRow[]): string[] {
  const wrong: string[] = [];
  const nicIps = new Map<string, string>();
  for (const nic of Object.values(state.networkInterfaces)) {
    for (const c of nic.ipConfigurations) {
      for (const fqdn of c.privateLinkConnectionProperties?.fqdns ?? []) nicIps.set(fqdn.toLowerCase(), c.privateIPAddress);
    }
  }
  for (const row of rows) {
    if (row.verdict === 'unknown') continue;
    const say = (why: string): void => void wrong.push(`${row.fqdn} is "${row.verdict}" but ${why}`);
    const served = nicIps.get(row.fqdn);
    if (row.expectedIp !== undefined && row.expectedIp !== served) say(`its endpoint serves ${served ?? 'nothing'}, not ${row.expectedIp}`);
    if (!state.dnsVirtualNetworkId || row.virtualNetworkId?.toLowerCase() !== state.dnsVirtualNetworkId.toLowerCase()) continue;
    const dns = answer(state, row.fqdn, 'A');
    const addresses = dns.answers.filter((a) => a.type === 'A').map((a) => a.data);
    const exact = served !== undefined && addresses.length > 0 && addresses.every((ip) => ip === served);
    switch (row.verdict) {
      case 'ok':
        if (!exact) say(`the VNet resolves ${dns.rcode} ${addresses.join(', ')}`);
        break;
      case 'missing':
      case 'nxdomain':
        if (dns.rcode !== 'NXDOMAIN' && addresses.length > 0) say(`the VNet resolves ${addresses.join(', ')}`);
        break;
      case 'wrongIp':
        if (exact || addresses.length === 0 || !addresses.every(privateAddress)) say(`the VNet resolves ${dns.rcode} ${addresses.join(', ')}`);
        break;
      case 'public':
        if (addresses.length === 0 || addresses.some(privateAddress)) say(`the VNet resolves ${dns.rcode} ${addresses.join(', ')}`);
        break;
      case 'orphaned':
        break; // a record no endpoint expects: not in the seed world
    }
  }
  return wrong;
}

export interface ExtensionCheck {
  /** The tree's lean diagnosis. */
  treeRows: FqdnRow[];
  /** The status panel's complete check, with live answers from the sandbox DNS. */
  report: CheckReport;
  /** Fix All Safe DNS Findings on what was read; its write outcomes. */
  fixAll(): Promise<WriteOutcome[]>;
  errors: LoadError[];
}

/**
 * The extension's path under a fault: the registry listed, its lean details read and diagnosed (the
 * tree), completed and checked with live DNS (the status panel), then Fix All Safe DNS Findings. Reads
 * are never cached between cases; retries are fast so a persistent fault costs milliseconds.
 */
export interface ExtensionCheckOptions {
  inventorySource?: 'resourceGraph' | 'arm';
  dnsServer?: string;
  /** The extension's timeouts (its settings): per request, and per operation (a Retry-After is then waited for up to the deadline). */
  timeouts?: { requestTimeoutMs: number; operationTimeoutMs: number };
}

export async function extensionCheck(sb: RunningSandbox, options: ExtensionCheckOptions = {}): Promise<ExtensionCheck> {
  const azure = createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    cacheTtlMs: 0,
    pollIntervalMs: 1,
    inventorySource: options.inventorySource ?? 'resourceGraph',
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: options.timeouts ? 60_000 : 50 },
    ...(options.timeouts ?? {}),
  });
  const { loader } = azure;
  const subscriptions = await loader.listSubscriptions();
  const subscription = subscriptions.find((s) => s.displayName === 'Contoso Production');
  const registry = (await loader.listRegistries(subscription!.subscriptionId)).find((r) => r.name === SEED.registry)!;
  const lean = await loader.loadRegistryDetails(registry, { lean: true });
  const leanSnapshot = registrySnapshot(subscription, registry, lean);
  const treeRows = fqdnTable(leanSnapshot, registry.id, undefined, diagnose(leanSnapshot, registry.id));

  const complete = await loader.completeRegistryDetails(registry, lean);
  const snapshot = registrySnapshot(subscription, registry, complete);
  const registration = await loader.readRegistryProviderRegistration(registry.subscriptionId, snapshot.errors);
  if (registration !== undefined) snapshot.providerRegistrationState[registry.subscriptionId] = registration;
  const resolver = createLiveResolver({ servers: [options.dnsServer ?? sb.dnsServer], timeoutMs: 500, tries: 1 });
  const live = await resolveAllLive(resolver, expectedRecords(snapshot, registry.id).map((e) => e.fqdn));
  const report = buildCheckReport(snapshot, registry.id, live);

  const fixAll = async (): Promise<WriteOutcome[]> => {
    const outcomes: WriteOutcome[] = [];
    for (const plan of fixPlansForRegistry(snapshot, registry.id, live)) outcomes.push(...(await azure.applyFixPlan(plan)));
    return outcomes;
  };
  return { treeRows, report, fixAll, errors: snapshot.errors };
}

/** The ARM writes the sandbox received (PUT, PATCH, DELETE; Resource Graph queries are reads). */
export async function writesReceived(sb: RunningSandbox): Promise<string[]> {
  const log = (await raw(sb, 'GET', '/_sandbox/requests')).json as { value: { method: string; path: string; status: number }[] };
  return log.value.filter((e) => e.method !== 'GET' && !/resourcegraph/i.test(e.path)).map((e) => `${e.method} ${e.path} ${e.status}`);
}
