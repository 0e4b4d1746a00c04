// A registry's full check: (1) after the tree has loaded, as the status panel runs it (from the loaded
// details, and again after re-reading Azure); (2) cold, as the CLI runs it (find the registry, read
// its details, query DNS), for the seed registry and for one in the `scale` world, next to the naive
// way (sequential reads, one DNS query at a time); (3) the live DNS of every name of the scale world.
import { createAzureServices, createSandboxCredential, type InventoryLoader } from '../../src/azure';
import { createAzureBackend } from '../../src/cli/azureBackend';
import { runCheck } from '../../src/cli/check';
import { allowList, createLiveResolver, fqdnTable, resolveAllLive, type LiveResolver } from '../../src/diagnosis';
import { registrySnapshot } from '../../src/azure/registrySnapshot';
import { SEED } from '../../src/sandbox/scenarios/ids';
import { checkRegistry } from '../../src/webviews/statusCheck';
import { benchOptions, measure, ms, printTable, recordingHttpClient, report, runBench, serialRounds, startBenchSandbox, verdict, type BenchSandbox, type LogEntry, type SummaryRow } from './common';
import { NaiveLoader, resolveOneByOne } from './naiveLoader';
import { loadTree, type LoadedRegistry } from './tree';

/** Rounds of requests that waited on one another (a single check stays far below the concurrency cap). */
const rounds = (log: LogEntry[]): number => serialRounds(log);

/** A resolver that counts its queries and remembers the names it was asked for. */
function countingResolver(servers: string[]): LiveResolver & { queries: number; names: Set<string> } {
  const inner = createLiveResolver({ servers });
  const counting = {
    server: inner.server,
    queries: 0,
    names: new Set<string>(),
    querier: {
      resolve4: (h: string) => {
        counting.queries++;
        counting.names.add(h);
        return inner.querier.resolve4(h);
      },
      resolveCname: (h: string) => {
        counting.queries++;
        return inner.querier.resolveCname(h);
      },
    },
  };
  return counting;
}

function servicesFor(sb: BenchSandbox, concurrency: number): { loader: InventoryLoader } {
  return createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    concurrency,
    httpClient: recordingHttpClient(),
  });
}

/** The status panel's check of a registry whose details the tree holds; `fromAzure` re-reads them first. */
async function panelCheck(sb: BenchSandbox, loader: InventoryLoader, target: LoadedRegistry, fromAzure: boolean): Promise<Record<string, string | number>> {
  if (fromAzure) {
    // What refreshing a registry node does before the check: nothing cached is trusted, and the
    // registry's subscriptions are read from ARM (Resource Graph may lag what changed).
    loader.invalidate();
    loader.invalidate(target.registry.id);
    for (const c of target.registry.privateEndpointConnections) if (c.privateEndpointId) loader.invalidate(c.privateEndpointId);
  }
  await sb.clearLog();
  const resolver = countingResolver([sb.dnsServer]);
  const run = await measure(async () => {
    // The registry itself is read again (its connections and public access), then its details; as the
    // tree's node does, what the details needed last time is requested at once.
    if (fromAzure) loader.prefetchRegistryDetails(target.registry, target.details);
    const registry = fromAzure ? await loader.getRegistry(target.registry.id) : target.registry;
    return checkRegistry(target.subscription, registry, await loader.loadRegistryDetails(registry), [sb.dnsServer], resolver);
  });
  const log = await sb.log();
  return {
    check: fromAzure ? 'status panel, re-read from Azure' : 'status panel, tree loaded',
    wall: ms(run.wallMs),
    'ARM requests': log.length,
    'ARM rounds': rounds(log),
    'DNS queries': resolver.queries,
    findings: run.value.report.findings.length,
  };
}

/** The CLI's check, cold, next to the naive way; both against the world the sandbox holds now. */
async function coldCheck(sb: BenchSandbox, label: string, registryName: string): Promise<{ rows: Record<string, string | number>[]; ours: number; naive: number; requests: number }> {
  const backend = await createAzureBackend({ kind: 'sandbox', endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem, tenantId: sb.tenantId });
  let resolver = countingResolver([sb.dnsServer]);
  await sb.clearLog();
  const ours = await measure(() =>
    runCheck({ registry: registryName, dnsServer: sb.dnsServer, skipDns: false, json: false, fix: false }, { backend, createResolver: (servers) => (resolver = countingResolver(servers)) }),
  );
  const oursLog = await sb.log();

  const naive = new NaiveLoader({ endpoint: sb.armEndpoint, caCertPem: sb.caCertPem, httpClient: recordingHttpClient() });
  await sb.clearLog();
  let dnsQueries = 0;
  const naiveRun = await measure(async () => {
    const registry = await naive.findRegistry(registryName);
    if (!registry) throw new Error(`naive: ${registryName} not found`);
    await naive.registryDetails(registry);
    dnsQueries = (await resolveOneByOne(sb.dnsServer, [...resolver.names])).queries;
  });
  const naiveLog = await sb.log();
  return {
    rows: [
      { check: `${label}: ours (CLI check)`, wall: ms(ours.wallMs), 'ARM requests': oursLog.length, 'ARM rounds': rounds(oursLog), 'DNS queries': resolver.queries, findings: ours.value.report.findings.length },
      { check: `${label}: naive`, wall: ms(naiveRun.wallMs), 'ARM requests': naiveLog.length, 'ARM rounds': naiveLog.length, 'DNS queries': dnsQueries, findings: '' },
    ],
    ours: ours.wallMs,
    naive: naiveRun.wallMs,
    requests: oursLog.length,
  };
}

async function main(): Promise<void> {
  const o = benchOptions();
  console.log(`diagnosis: scale ${o.subscriptions} × ${o.registries} × ${o.endpoints} and seed, ${o.latencyMs} ms per ARM request, live DNS against the sandbox's DNS server`);
  const sb = await startBenchSandbox(['--scenario', 'scale', '--subscriptions', `${o.subscriptions}`, '--registries', `${o.registries}`, '--endpoints', `${o.endpoints}`]);
  const summary: SummaryRow[] = [];
  try {
    await sb.setLatency(o.latencyMs);
    const rows: Record<string, string | number>[] = [];

    // 1. After the tree has loaded (loaded at the highest concurrency setting, to keep the run short).
    const { loader } = servicesFor(sb, 64);
    const tree = await loadTree(loader);
    const target = tree.registries[tree.registries.length - 1];
    if (!target) throw new Error('the scale world has no registries');
    const fromTree = await panelCheck(sb, loader, target, false);
    const reread = await panelCheck(sb, loader, target, true);
    rows.push(fromTree, reread);
    summary.push(
      { benchmark: 'check after tree load', figure: `${fromTree['ARM requests']} ARM requests, ${fromTree.wall}`, target: '≤ 1 more round', result: verdict(Number(fromTree['ARM rounds']) <= 1) },
      { benchmark: 'check, re-read from Azure', figure: `${reread['ARM requests']} ARM requests in ${reread['ARM rounds']} rounds, ${reread.wall}`, target: '≤ 1 more round', result: verdict(Number(reread['ARM rounds']) <= 1) },
    );

    // 2. Cold checks, scale world then seed world.
    const scale = await coldCheck(sb, 'scale registry', target.registry.name);
    await sb.control('POST', '/_sandbox/reset', { scenario: 'seed' });
    const seed = await coldCheck(sb, 'seed registry', SEED.registry);
    rows.push(...scale.rows, ...seed.rows);
    for (const [label, r] of [['cold check, scale registry', scale], ['cold check, seed registry', seed]] as const) {
      summary.push({ benchmark: label, figure: `${ms(r.ours)}, ${r.requests} ARM requests; naive ${ms(r.naive)} (${(r.naive / r.ours).toFixed(1)}×)`, target: 'faster than naive', result: verdict(r.ours < r.naive) });
    }
    printTable(rows);
    console.log('ARM rounds: requests that ran one after another (from the sandbox log); a concurrency-capped fan-out counts its waits too.');

    // 3. Live DNS for every name of every registry of the scale world (read by the tree above).
    const names = [
      ...new Set(
        tree.registries.flatMap((r) => [
          ...fqdnTable(registrySnapshot(r.subscription, r.registry, r.details), r.registry.id).map((row) => row.fqdn),
          ...allowList(r.registry, r.details.replications).hostNames,
        ]),
      ),
    ];
    await sb.control('POST', '/_sandbox/reset', { scenario: 'scale', scale: { subscriptions: o.subscriptions, registries: o.registries, endpoints: o.endpoints } });
    const parallel = await measure(() => resolveAllLive(createLiveResolver({ servers: [sb.dnsServer] }), names));
    const oneByOne = await measure(() => resolveOneByOne(sb.dnsServer, names));
    const answered = parallel.value.filter((a) => a.status === 'ok').length;
    const timeouts = parallel.value.filter((a) => a.status === 'timeout').length;
    console.log('');
    printTable([
      { 'live DNS, whole scale world': 'ours (all names at once)', names: names.length, wall: ms(parallel.wallMs), answered, 'timed out': timeouts },
      { 'live DNS, whole scale world': 'naive (one query at a time)', names: names.length, wall: ms(oneByOne.wallMs), answered: oneByOne.value.answered, 'timed out': oneByOne.value.timeouts },
    ]);
    summary.push({
      benchmark: 'live DNS, whole scale world',
      figure: `${names.length} names: ${ms(parallel.wallMs)} (${timeouts} timed out) vs ${ms(oneByOne.wallMs)} one by one (${oneByOne.value.timeouts} timed out)`,
      target: 'faster than one by one, no timeouts',
      result: verdict(parallel.wallMs < oneByOne.wallMs && timeouts === 0),
    });
    console.log('');
    printTable(summary);
    report(summary);
  } finally {
    await sb.close();
  }
}

runBench(main);
