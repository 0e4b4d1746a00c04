// One run of the checker: read Azure, ask DNS, diagnose, optionally apply the safe fixes and check
// again. Azure access comes in through `CheckBackend` so this flow does not depend on the SDKs.
import * as l10n from '@vscode/l10n';
import {
  askVnetDnsServers,
  buildCheckReport,
  checkConnectivity,
  connectivityHosts,
  createLiveResolver,
  vnetDnsServersToAsk,
  type VnetServerAnswer,
  defaultLiveDeadlineMs,
  expectedRecords,
  resolveAllLive,
  type CheckReport,
  type ConnectivityReport,
  type Dialer,
  type LiveAnswer,
  type LiveResolver,
} from '../diagnosis';
import type { FixPlan, WriteOutcome } from '../model/fixPlan';
import type { ResourceId, Snapshot } from '../model/types';
import { DEFAULT_TIMEOUT_S, type CheckOptions } from './args';

export interface RegistryQuery {
  registry: string;
  subscription?: string;
  resourceGroup?: string;
}

export interface CheckBackend {
  /**
   * Finds the registry and reads everything its check needs, within the check's deadline; throws
   * `CheckAborted` when it cannot.
   */
  loadSnapshot(query: RegistryQuery, options?: { signal?: AbortSignal }): Promise<{ snapshot: Snapshot; registryId: ResourceId }>;
  applyFixPlan(plan: FixPlan, options?: { signal?: AbortSignal }): Promise<WriteOutcome[]>;
  /** Forget cached reads so the re-check after a fix sees Azure as it is now. */
  invalidate(): void;
}

export interface AppliedFix {
  title: string;
  findingKey: string;
  outcomes: WriteOutcome[];
}

export interface CheckRun {
  report: CheckReport;
  /** The report before fixes, when --fix applied any. */
  before?: CheckReport;
  fixes?: AppliedFix[];
}

export interface CheckDependencies {
  backend: CheckBackend;
  /** Defaults to node:dns with the chosen server. */
  createResolver?: (servers: string[]) => LiveResolver;
  now?: () => Date;
  /** Ctrl-C: stops the check where it is. */
  signal?: AbortSignal;
  /**
   * Where `--connect` dials, and the CA it trusts: the addresses themselves in Azure (the system's
   * CAs); the sandbox's loopback listeners and its CA in sandbox mode.
   */
  connectivity?: () => Promise<{ dialer: Dialer; ca?: string }>;
  /**
   * How to reach a VNet's own DNS server (by its IP) for the live check of a VNet whose answer
   * depends on them; undefined: not asked. See common/vnetDnsServers.ts.
   */
  vnetDnsResolverFor?: (ip: string) => LiveResolver | undefined;
}

async function checkOnce(options: CheckOptions, deps: CheckDependencies): Promise<CheckReport> {
  const started = Date.now();
  const signal = deps.signal ? { signal: deps.signal } : {};
  const { snapshot, registryId } = await deps.backend.loadSnapshot(query(options), signal);
  let live: LiveAnswer[] | undefined;
  let serverAnswers: VnetServerAnswer[] | undefined;
  if (!options.skipDns) {
    const servers = options.dnsServer !== undefined ? [options.dnsServer] : [];
    const resolver = (deps.createResolver ?? ((s: string[]) => createLiveResolver({ servers: s })))(servers);
    // The live queries get what is left of the check's deadline, and never more than their own.
    const deadlineMs = Math.max(0, Math.min(defaultLiveDeadlineMs, (options.timeoutMs ?? DEFAULT_TIMEOUT_S * 1000) - (Date.now() - started)));
    const toAsk = deps.vnetDnsResolverFor ? vnetDnsServersToAsk(snapshot, registryId) : [];
    // This machine's resolver and the VNets' own DNS servers are asked at once.
    [live, serverAnswers] = await Promise.all([
      resolveAllLive(resolver, expectedRecords(snapshot, registryId).map((e) => e.fqdn), deps.now, { deadlineMs, ...signal }),
      toAsk.length > 0 && deps.vnetDnsResolverFor ? askVnetDnsServers(toAsk, deps.vnetDnsResolverFor, deps.now, { deadlineMs, ...signal }) : Promise.resolve(undefined),
    ]);
  }
  let connectivity: ConnectivityReport | undefined;
  if (options.connect && !options.skipDns) {
    const servers = options.dnsServer !== undefined ? [options.dnsServer] : [];
    // A resolver of its own, built the same way as the live DNS check's (same servers).
    const resolver = (deps.createResolver ?? ((s: string[]) => createLiveResolver({ servers: s })))(servers);
    const { dialer, ca } = await (deps.connectivity ?? (() => Promise.reject(new Error(l10n.t('No way to connect was given.')))))();
    connectivity = await checkConnectivity(connectivityHosts(snapshot, registryId), { resolver, dialer, ...(ca !== undefined ? { ca } : {}), ...signal, ...(deps.now ? { now: deps.now } : {}) });
  }
  return buildCheckReport(snapshot, registryId, live, deps.now, connectivity, serverAnswers);
}

function query(options: CheckOptions): RegistryQuery {
  return {
    registry: options.registry,
    ...(options.subscription !== undefined ? { subscription: options.subscription } : {}),
    ...(options.resourceGroup !== undefined ? { resourceGroup: options.resourceGroup } : {}),
  };
}

export async function runCheck(options: CheckOptions, deps: CheckDependencies): Promise<CheckRun> {
  const report = await checkOnce(options, deps);
  if (!options.fix) return { report };

  const plans = report.findings.flatMap((f) => (f.fix?.safe ? [f.fix] : []));
  if (plans.length === 0) return { report, fixes: [] };
  const fixes: AppliedFix[] = [];
  // One plan at a time: a later plan may write into the zone an earlier one created or linked.
  for (const plan of plans) {
    fixes.push({ title: plan.title, findingKey: plan.findingKey, outcomes: await deps.backend.applyFixPlan(plan, deps.signal ? { signal: deps.signal } : {}) });
  }
  deps.backend.invalidate();
  return { before: report, report: await checkOnce(options, deps), fixes };
}
