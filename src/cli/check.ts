// One run of the checker: read Azure, ask DNS, diagnose, optionally apply the safe fixes and check
// again. Azure access comes in through `CheckBackend` so this flow does not depend on the SDKs.
import {
  buildCheckReport,
  createLiveResolver,
  expectedRecords,
  resolveAllLive,
  type CheckReport,
  type LiveAnswer,
  type LiveResolver,
} from '../diagnosis';
import type { FixPlan, WriteOutcome } from '../model/fixPlan';
import type { ResourceId, Snapshot } from '../model/types';
import type { CheckOptions } from './args';

export interface RegistryQuery {
  registry: string;
  subscription?: string;
  resourceGroup?: string;
}

export interface CheckBackend {
  /** Finds the registry and reads everything its check needs; throws `CheckAborted` when it cannot. */
  loadSnapshot(query: RegistryQuery): Promise<{ snapshot: Snapshot; registryId: ResourceId }>;
  applyFixPlan(plan: FixPlan): Promise<WriteOutcome[]>;
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
}

async function checkOnce(options: CheckOptions, deps: CheckDependencies): Promise<CheckReport> {
  const { snapshot, registryId } = await deps.backend.loadSnapshot(query(options));
  let live: LiveAnswer[] | undefined;
  if (!options.skipDns) {
    const servers = options.dnsServer !== undefined ? [options.dnsServer] : [];
    const resolver = (deps.createResolver ?? ((s: string[]) => createLiveResolver({ servers: s })))(servers);
    live = await resolveAllLive(resolver, expectedRecords(snapshot, registryId).map((e) => e.fqdn), deps.now);
  }
  return buildCheckReport(snapshot, registryId, live, deps.now);
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
    fixes.push({ title: plan.title, findingKey: plan.findingKey, outcomes: await deps.backend.applyFixPlan(plan) });
  }
  deps.backend.invalidate();
  return { before: report, report: await checkOnce(options, deps), fixes };
}
