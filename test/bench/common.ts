// What every benchmark shares: its options, a sandbox in a process of its own (so its CPU and memory
// are not counted as ours), the sandbox's request log and what can be read from it, memory sampling,
// printing, and the summary rows handed back to scripts/bench.js.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

export interface BenchOptions {
  subscriptions: number;
  registries: number;
  endpoints: number;
  latencyMs: number;
  /** Subscriptions the naive sequential loader reads; its figures are scaled up to all of them. */
  naiveSubscriptions: number;
}

export function benchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      subscriptions: { type: 'string', default: '20' },
      registries: { type: 'string', default: '25' },
      endpoints: { type: 'string', default: '2' },
      latency: { type: 'string', default: '50' },
      'naive-subscriptions': { type: 'string', default: '1' },
    },
    strict: false,
  });
  const int = (name: string, value: unknown): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const subscriptions = int('subscriptions', values.subscriptions);
  return {
    subscriptions,
    registries: int('registries', values.registries),
    endpoints: int('endpoints', values.endpoints),
    latencyMs: int('latency', values.latency),
    naiveSubscriptions: Math.max(1, Math.min(subscriptions, int('naive-subscriptions', values['naive-subscriptions']))),
  };
}

// ---- the sandbox, in its own process ----

export interface BenchSandbox {
  /** The JSON file the sandbox described itself in (what `--sandbox-ready-file` and scripts/az-sandbox.sh read). */
  readyFile: string;
  armEndpoint: string;
  dnsServer: string;
  caCertPem: string;
  tenantId: string;
  subscriptionIds: string[];
  control(method: string, controlPath: string, body?: unknown): Promise<unknown>;
  setLatency(ms: number): Promise<void>;
  clearLog(): Promise<void>;
  log(): Promise<LogEntry[]>;
  close(): Promise<void>;
}

export interface LogEntry {
  time: string;
  method: string;
  path: string;
  apiVersion: string | null;
  status: number;
  durationMs: number;
}

/** The compiled output this file runs from (out/test/bench → out). */
export const outRoot = path.resolve(__dirname, '..', '..');

export async function startBenchSandbox(args: string[]): Promise<BenchSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-bench-'));
  const readyFile = path.join(dir, 'ready.json');
  const child = spawn(process.execPath, [path.join(outRoot, 'src', 'sandbox', 'main.js'), ...args, '--ready-file', readyFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForFile(readyFile, child);
  const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8')) as { armEndpoint: string; dnsServer: string; caCertFile: string; tenantId: string; subscriptionIds: string[] };
  const caCertPem = fs.readFileSync(ready.caCertFile, 'utf8');
  const control = (method: string, controlPath: string, body?: unknown): Promise<unknown> => request(ready.armEndpoint, caCertPem, method, controlPath, body);
  return {
    ...ready,
    readyFile,
    caCertPem,
    control,
    setLatency: async (ms) => void (await control('POST', '/_sandbox/latency', { ms })),
    clearLog: async () => void (await control('DELETE', '/_sandbox/requests')),
    log: async () => ((await control('GET', '/_sandbox/requests')) as { value: LogEntry[] }).value,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForFile(file: string, child: ChildProcess): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? -1));
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) return;
    if (exitCode !== null) throw new Error(`the sandbox exited (${exitCode}) before it was ready`);
    await sleep(50);
  }
  child.kill('SIGTERM');
  throw new Error('the sandbox was not ready within 30 s');
}

function request(base: string, ca: string, method: string, requestPath: string, body?: unknown): Promise<unknown> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // A connection of its own each time: a kept-alive one the sandbox closed while the benchmark was busy fails as "socket hang up".
    const req = https.request(new URL(requestPath, base), { method, ca, agent: false, headers: data ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400) return reject(new Error(`${method} ${requestPath}: ${res.statusCode} ${text}`));
        resolve(text ? (JSON.parse(text) as unknown) : undefined);
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---- what the client sent: full URLs, so pages of one list are not mistaken for repeats ----

export interface RecordingHttpClient extends HttpClient {
  urls: string[];
}

export function recordingHttpClient(): RecordingHttpClient {
  const inner = createDefaultHttpClient();
  const urls: string[] = [];
  return {
    urls,
    sendRequest: (req) => {
      urls.push(`${req.method} ${req.url.toLowerCase()}`);
      return inner.sendRequest(req);
    },
  };
}

/** GETs of a URL (path and query) already fetched before. */
export function duplicateGets(urls: string[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const u of urls) {
    if (!u.startsWith('GET ')) continue;
    if (seen.has(u)) duplicates++;
    seen.add(u);
  }
  return duplicates;
}

// ---- what the request log tells ----

/**
 * How many reads a request waits for at the least, by what it needs to know: a subscription id comes
 * from the subscription list, a registry (and its endpoints' ids) from a registry list, a NIC, VNet,
 * zone group, link or record list from an endpoint or a zone read before it.
 */
const dependencyLevels: [RegExp, number][] = [
  [/^\/subscriptions$/, 1],
  [/\/privatednszones\/[^/]+\/(virtualnetworklinks|a)$/, 4],
  [/\/privateendpoints\/[^/]+\/privatednszonegroups$/, 4],
  [/\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/(networkinterfaces|virtualnetworks)\/[^/]+$/, 4],
  [/\/registries\/[^/]+\/(replications|listusages)$/, 3],
  [/\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/privateendpoints\/[^/]+$/, 3],
  [/^\/subscriptions\/[^/]+\/providers\/microsoft\.network\/privatednszones$/, 3],
  [/^\/subscriptions\/[^/]+(\/providers\/[^/]+(\/[^/]+)?|\/resourcegroups)$/, 2],
  [/\/registries\/[^/]+$/, 2],
];

const RESOURCE_GRAPH = /^\/providers\/microsoft\.resourcegraph\/resources$/;

/**
 * With Resource Graph in the log, a Resource Graph query needs only the subscription ids, and the zone
 * and endpoint ids it returns let record, link and zone-group lists start one level earlier.
 */
const graphLevels: [RegExp, number][] = [
  [RESOURCE_GRAPH, 2],
  [/\/privatednszones\/[^/]+\/(virtualnetworklinks|a)$/, 3],
  [/\/privateendpoints\/[^/]+\/privatednszonegroups$/, 3],
];

export function dependencyLevel(requestPath: string, withResourceGraph = false): number {
  const p = requestPath.toLowerCase();
  return ((withResourceGraph ? graphLevels.find(([re]) => re.test(p)) : undefined) ?? dependencyLevels.find(([re]) => re.test(p)))?.[1] ?? (RESOURCE_GRAPH.test(p) ? 2 : 0);
}

export function usesResourceGraph(entries: LogEntry[]): boolean {
  return entries.some((e) => RESOURCE_GRAPH.test(e.path.toLowerCase()));
}

/** The longest chain of dependent requests among these (0 for paths the table does not know). */
export function dependencyChain(entries: LogEntry[]): number {
  const graph = usesResourceGraph(entries);
  return Math.max(0, ...entries.map((e) => dependencyLevel(e.path, graph)));
}

/**
 * Requests that ran one after another at the least: the most log entries that can be lined up so
 * that each started after the previous one ended. Equal to the chain when nothing waits for a slot.
 */
export function serialRounds(entries: LogEntry[]): number {
  const spans = entries.map((e) => ({ end: Date.parse(e.time), start: Date.parse(e.time) - e.durationMs })).sort((a, b) => a.end - b.end);
  let count = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    if (s.start >= lastEnd - 1) {
      count++;
      lastEnd = s.end;
    }
  }
  return count;
}

// ---- time and memory ----

export interface Measured<T> {
  value: T;
  wallMs: number;
  /** This process's CPU time (every thread) from the start of the work to its end. */
  cpuMs: number;
  peakRssDeltaMb: number;
  peakHeapDeltaMb: number;
}

/**
 * Runs `work` after a full GC of what came before (and a moment for the GC's background threads to
 * finish it), so that neither its wall time nor its CPU time pays for garbage left by earlier work.
 */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    sample();
    const mb = (bytes: number): number => bytes / 1024 / 1024;
    return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssDeltaMb: mb(peakRss - before.rss), peakHeapDeltaMb: mb(peakHeap - before.heapUsed) };
  } finally {
    clearInterval(timer);
  }
}

// ---- output ----

export const ms = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
export const mb = (n: number): string => `${n.toFixed(1)} MB`;
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/**
 * Latency waited = a load's wall time less the same load's time with no latency. Both are wall times
 * of separate loads: when the machine was busier during the one without latency the difference is
 * below zero and says nothing, and the row says so instead of printing it.
 */
export function waitingOnLatency(wallMs: number, floorMs: number, budgetMs: number): Pick<SummaryRow, 'figure' | 'target' | 'result'> {
  const waiting = wallMs - floorMs;
  const target = `≤ ${ms(budgetMs)}`;
  if (waiting < 0) return { figure: `waiting on latency not measured: the load with no latency (${ms(floorMs)}) took longer than this one (${ms(wallMs)}); the machine was busy`, target, result: 'info' };
  return { figure: `waiting on latency ${ms(waiting)} (wall − ${ms(floorMs)} processing)`, target, result: verdict(waiting <= budgetMs) };
}

export function printTable(rows: object[]): void {
  const records = rows as Record<string, unknown>[];
  if (records.length === 0) return;
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (r: Record<string, unknown>, c: string): string => String(r[c] ?? '');
  const width = columns.map((c) => Math.max(c.length, ...records.map((r) => cell(r, c).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(width[i] ?? 0)).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of records) console.log(line(columns.map((c) => cell(r, c))));
}

/** A line of the summary scripts/bench.js prints after every benchmark has run. */
export interface SummaryRow {
  benchmark: string;
  figure: string;
  target: string;
  result: string;
}

export function report(rows: SummaryRow[]): void {
  const file = process.env['ACR_PL_BENCH_SUMMARY'];
  if (!file) return;
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryRow[]) : [];
  fs.writeFileSync(file, JSON.stringify([...existing, ...rows], null, 2));
}

/** Runs a benchmark's main; a broken benchmark exits non-zero, a slow one never does. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
