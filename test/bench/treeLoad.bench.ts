// Cold load of the whole tree against the sandbox's `scale` world with injected ARM latency: our
// loader (at the default concurrency and at the highest the setting allows) next to the naive
// sequential loader, in the same run. Prints figures and targets; never fails on speed.
import { createAzureServices, createSandboxCredential } from '../../src/azure';
import {
  benchOptions,
  dependencyChain,
  duplicateGets,
  mb,
  measure,
  ms,
  printTable,
  recordingHttpClient,
  report,
  runBench,
  serialRounds,
  startBenchSandbox,
  verdict,
  type BenchSandbox,
} from './common';
import { NaiveLoader } from './naiveLoader';
import { loadTree } from './tree';

interface Run {
  name: string;
  wallMs: number;
  requests: number;
  chain: number;
  serialRounds: number;
  duplicates: number;
  maxInFlight: number | string;
  rssMb: number;
  heapMb: number;
  loaded: string;
}

async function ours(sb: BenchSandbox, concurrency: number, inventorySource: 'resourceGraph' | 'arm'): Promise<Run> {
  const http = recordingHttpClient();
  const services = createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    concurrency,
    httpClient: http,
    inventorySource,
  });
  await sb.clearLog();
  const run = await measure(() => loadTree(services.loader));
  const log = await sb.log();
  const tree = run.value;
  const source = services.loader.inventorySource();
  if (inventorySource === 'resourceGraph' && source.source !== 'resourceGraph') throw new Error(`Resource Graph was not used: ${source.resourceGraphError?.message ?? 'unknown reason'}`);
  return {
    name: `ours, ${inventorySource === 'resourceGraph' ? 'Resource Graph' : 'ARM only'}, concurrency ${concurrency}`,
    wallMs: run.wallMs,
    requests: log.length,
    chain: dependencyChain(log),
    serialRounds: serialRounds(log),
    duplicates: duplicateGets(http.urls),
    maxInFlight: services.requestStats().maxInFlight,
    rssMb: run.peakRssDeltaMb,
    heapMb: run.peakHeapDeltaMb,
    loaded: `${tree.registries.length} registries, ${tree.privateEndpoints} endpoints, ${tree.aRecordSets} records, ${tree.errors} errors`,
  };
}

async function naive(sb: BenchSandbox, subscriptions: number): Promise<Run> {
  const http = recordingHttpClient();
  const loader = new NaiveLoader({ endpoint: sb.armEndpoint, caCertPem: sb.caCertPem, httpClient: http });
  await sb.clearLog();
  const run = await measure(() => loader.loadTree(subscriptions));
  const log = await sb.log();
  const c = run.value;
  return {
    name: `naive sequential, ${subscriptions} subscription(s)`,
    wallMs: run.wallMs,
    requests: log.length,
    chain: dependencyChain(log),
    serialRounds: serialRounds(log),
    duplicates: duplicateGets(http.urls),
    maxInFlight: 1,
    rssMb: run.peakRssDeltaMb,
    heapMb: run.peakHeapDeltaMb,
    loaded: `${c.registries} registries, ${c.privateEndpoints} endpoints, ${c.aRecordSets} records`,
  };
}

async function main(): Promise<void> {
  const o = benchOptions();
  console.log(`tree cold load: scale ${o.subscriptions} subscriptions × ${o.registries} registries × ${o.endpoints} endpoints, ${o.latencyMs} ms per ARM request`);
  const sb = await startBenchSandbox(['--scenario', 'scale', '--subscriptions', `${o.subscriptions}`, '--registries', `${o.registries}`, '--endpoints', `${o.endpoints}`]);
  try {
    // With no latency, the same load shows what processing costs: the client (SDK deserialization,
    // mapping, the diagnosis of every registry) and the sandbox share this machine's cores. The first
    // of the two runs also warms both up (module compilation, the sandbox's caches).
    await sb.setLatency(0);
    await ours(sb, 64, 'resourceGraph');
    const floorRun = await ours(sb, 64, 'resourceGraph');
    await sb.setLatency(o.latencyMs);
    const defaultRun = await ours(sb, 8, 'resourceGraph');
    const maxRun = await ours(sb, 64, 'resourceGraph');
    // The setting's other choice, for comparison: every resource its own ARM read.
    const armRun = await ours(sb, 64, 'arm');
    const naiveRun = await naive(sb, o.naiveSubscriptions);
    // Sequential time grows with the number of requests, so a sample of subscriptions scales up exactly.
    const factor = o.subscriptions / o.naiveSubscriptions;
    const naiveAll: Run = {
      ...naiveRun,
      name: `naive sequential, all ${o.subscriptions} (scaled ×${factor})`,
      wallMs: naiveRun.wallMs * factor,
      requests: Math.round(naiveRun.requests * factor),
      serialRounds: Math.round(naiveRun.serialRounds * factor),
      duplicates: Math.round(naiveRun.duplicates * factor),
      rssMb: Number.NaN,
      heapMb: Number.NaN,
      loaded: '(scaled)',
    };
    const runs = [defaultRun, maxRun, armRun, naiveRun, ...(factor > 1 ? [naiveAll] : [])];
    printTable(
      runs.map((r) => ({
        loader: r.name,
        wall: ms(r.wallMs),
        requests: r.requests,
        chain: r.chain,
        'serial rounds': r.serialRounds,
        'duplicate GETs': r.duplicates,
        'max in flight': r.maxInFlight,
        'peak RSS Δ': Number.isNaN(r.rssMb) ? '' : mb(r.rssMb),
        'peak heap Δ': Number.isNaN(r.heapMb) ? '' : mb(r.heapMb),
        loaded: r.loaded,
      })),
    );
    console.log('chain: the longest run of requests that each need the one before (from the request log, by resource type);');
    console.log('serial rounds: the most logged requests that ran strictly one after another (waits for a concurrency slot included).');

    const sequentialMs = (factor > 1 ? naiveAll : naiveRun).wallMs;
    console.log(`processing: the Resource Graph load at concurrency 64 with no injected latency takes ${ms(floorRun.wallMs)} (client and sandbox on the same cores).`);
    const rows = [defaultRun, maxRun, armRun].flatMap((r) => {
      const budget = (r.chain + 2) * o.latencyMs;
      const waiting = r.wallMs - floorRun.wallMs;
      const floor = Math.max(r.chain, Math.ceil(r.requests / (typeof r.maxInFlight === 'number' ? r.maxInFlight : 1))) * o.latencyMs;
      const speedup = sequentialMs / r.wallMs;
      return [
        { benchmark: `tree (${r.name})`, figure: `wall ${ms(r.wallMs)}; cap floor ≈ ${ms(floor)}`, target: `≤ (chain ${r.chain} + 2) × ${o.latencyMs} ms = ${ms(budget)}`, result: verdict(r.wallMs <= budget) },
        {
          benchmark: `tree (${r.name})`,
          figure: `waiting on latency ${ms(waiting)} (wall − ${ms(floorRun.wallMs)} processing)`,
          target: `≤ ${ms(budget)}`,
          result: verdict(waiting <= budget),
        },
        { benchmark: `tree (${r.name})`, figure: `${speedup.toFixed(1)}× faster than sequential (${ms(sequentialMs)})`, target: '≥ 10×', result: verdict(speedup >= 10) },
        { benchmark: `tree (${r.name})`, figure: `${r.duplicates} duplicate GETs of ${r.requests} requests`, target: '0', result: verdict(r.duplicates === 0) },
      ];
    });
    console.log('');
    printTable(rows);
    report(rows);
  } finally {
    await sb.close();
  }
}

runBench(main);
