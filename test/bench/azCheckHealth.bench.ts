// Our headless check of one registry (the CLI, dist/cli.js) next to the Azure CLI's own health check,
// `az acr check-health -n <registry> --vnet <vnet id> --yes --ignore-errors`, against the same
// sandbox (the seed world, in a process of its own, on loopback): the wall time of each and what each
// checked, read from the sandbox's request log and from what each printed.
//
// az is pointed at the sandbox by scripts/az-sandbox.sh (custom cloud, service-principal sign-in, the
// sandbox's CA). Everything az would do off loopback is refused, never faked, and reported:
// test/bench/azGuard/sitecustomize.py refuses every name lookup of a non-loopback name (the registry's
// login server and data endpoint are public names, and this machine's resolver is not on loopback)
// and every connection to a non-loopback address; HTTP(S) proxies point at a closed loopback port;
// DOCKER_HOST points at a closed loopback port, so az finds no Docker daemon and pulls no image.
// Skipped, saying so, when az is not installed.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAzureServices, createSandboxCredential } from '../../src/azure';
import type { CheckReport } from '../../src/diagnosis/report';
import { SEED } from '../../src/sandbox/scenarios/ids';
import { ms, printTable, report, runBench, startBenchSandbox, type BenchSandbox, type LogEntry, type SummaryRow } from './common';

const root = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(root, 'dist', 'cli.js');
const AZ_SANDBOX = path.join(root, 'scripts', 'az-sandbox.sh');
const AZ_DEBIAN_FIX = path.join(root, 'scripts', 'az-debian-fix');
const GUARD = path.join(root, 'test', 'bench', 'azGuard');
/** A closed loopback port: what would leave the machine fails here instead. */
const NOWHERE = '127.0.0.1:9';

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** `GET registries/{name}`: each request as its method and the resource type it reads, counted. */
function describeRequests(log: LogEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of log) {
    if (e.path.startsWith('/_sandbox')) continue;
    const special = /\/token$/i.test(e.path)
      ? 'POST token (sign-in)'
      : /\/providers\/microsoft\.resourcegraph\/resources$/i.test(e.path)
        ? 'POST Resource Graph query'
        : /^\/subscriptions\/[^/]+\/resources$/i.test(e.path)
          ? 'GET resources of the subscription (Resources_List)'
          : undefined;
    if (special) {
      counts.set(special, (counts.get(special) ?? 0) + 1);
      continue;
    }
    const p = e.path.replace(/^\/subscriptions\/[^/]+/i, '').replace(/\/resourceGroups\/[^/]+/i, '');
    const what = p.replace(/\/providers\/[^/]+/gi, '').replace(/\/([^/]+)\/[^/]+/g, '/$1/{name}') || '/subscriptions/{id}';
    const key = `${e.method} ${what}${e.status >= 400 ? ` → ${e.status}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join('; ');
}

/** The VNet of the registry's first approved endpoint, read through our own loader. */
async function endpointVnet(sb: BenchSandbox): Promise<string> {
  const services = createAzureServices({
    target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
    credential: createSandboxCredential(),
    inventorySource: 'arm',
  });
  const found = await services.loader.findRegistries(SEED.registry);
  const registry = found.registries[0];
  if (!registry) throw new Error(`the seed world has no registry ${SEED.registry}`);
  const details = await services.loader.loadRegistryDetails(registry);
  const vnet = details.privateEndpoints.find((e) => e.virtualNetworkId)?.virtualNetworkId;
  if (!vnet) throw new Error(`${SEED.registry} has no endpoint in a VNet`);
  return vnet;
}

async function ours(sb: BenchSandbox, work: string): Promise<{ ran: Ran; log: LogEntry[]; checked: string }> {
  await sb.clearLog();
  const ran = await run(process.execPath, [CLI, 'check', '--registry', SEED.registry, '--sandbox-ready-file', sb.readyFile, '--json'], { ...process.env, NO_COLOR: '1' }, work);
  const log = await sb.log();
  let checked: string;
  try {
    const r = JSON.parse(ran.stdout) as CheckReport;
    const live = r.table.filter((row) => row.liveAnswer !== undefined).length;
    const verdicts = new Map<string, number>();
    for (const row of r.table) verdicts.set(row.verdict, (verdicts.get(row.verdict) ?? 0) + 1);
    checked =
      `result ${r.summary.result} (exit ${ran.code}): ${r.findings.length} findings (${r.summary.error} errors, ${r.summary.warning} warnings, ${r.summary.info} info); ` +
      `${r.table.length} FQDN × VNet rows (${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}), ${live} asked live of the sandbox's DNS server ${r.dnsServer ?? ''}; ` +
      `ARM: ${log.length} requests: ${describeRequests(log)}`;
  } catch {
    checked = `exit ${ran.code}, no JSON report: ${ran.stderr.trim().split('\n').slice(-3).join(' / ')}`;
  }
  return { ran, log, checked };
}

async function az(sb: BenchSandbox, work: string, vnetId: string): Promise<{ ran: Ran; log: LogEntry[]; checked: string; refused: string[] }> {
  const guardLog = path.join(work, 'guard.log');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(AZURE_|_ACR_PL_|DOCKER_)/.test(k) || /^(https?|no|all)_proxy$/i.test(k)) delete env[k];
  Object.assign(env, {
    ACR_PL_AZ_CONFIG_DIR: path.join(work, 'azure'),
    ACR_PL_AZ_GUARD_LOG: guardLog,
    ACR_PL_AZ_DEBIAN_FIX: AZ_DEBIAN_FIX,
    // The guard first; az-debian-fix already there, so az-sandbox.sh does not put it in front.
    PYTHONPATH: `${GUARD}${path.delimiter}${AZ_DEBIAN_FIX}`,
    HTTPS_PROXY: `http://${NOWHERE}`,
    HTTP_PROXY: `http://${NOWHERE}`,
    https_proxy: `http://${NOWHERE}`,
    http_proxy: `http://${NOWHERE}`,
    DOCKER_HOST: `tcp://${NOWHERE}`,
  });
  const source = `source "${AZ_SANDBOX}" "${sb.readyFile}" >/dev/null || exit 97`;
  // Registering the cloud and signing in happen once, before the timed run (as a person would have done).
  const setup = await run('bash', ['-c', source], env, work);
  if (setup.code !== 0) throw new Error(`az could not be pointed at the sandbox (exit ${setup.code}): ${setup.stderr.trim()}`);
  fs.rmSync(guardLog, { force: true });
  await sb.clearLog();
  const marker = '#acr-pl-az#';
  const script = [
    source,
    'started=$(date +%s%N)',
    `az acr check-health -n ${SEED.registry} --vnet "${vnetId}" --yes --ignore-errors`,
    'code=$?',
    `printf '\\n${marker} %s %s\\n' "$code" "$(( ($(date +%s%N) - started) / 1000000 ))" >&2`,
  ].join('\n');
  const ran = await run('bash', ['-c', script], env, work);
  const log = await sb.log();
  const m = new RegExp(`${marker} (\\d+) (\\d+)`).exec(ran.stderr);
  const code = m ? Number(m[1]) : ran.code;
  const azMs = m ? Number(m[2]) : ran.wallMs;
  const stderr = ran.stderr.slice(0, m?.index ?? ran.stderr.length);
  const refused = fs.existsSync(guardLog) ? [...new Set(fs.readFileSync(guardLog, 'utf8').trim().split('\n').filter(Boolean))] : [];
  const said = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Please refer to https:\/\/aka\.ms/.test(l) && !/^WARNING: *$/.test(l))
    .map((l) => l.replace(/^(WARNING|ERROR): /, '').replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ /, ''));
  const checked = `exit ${code}; printed: ${said.join(' | ')}; ARM: ${log.length} requests: ${describeRequests(log)}`;
  return { ran: { ...ran, code, wallMs: azMs }, log, checked, refused };
}

async function main(): Promise<void> {
  const target = 'info: what each checked, and the wall time of each';
  if (!onPath('az')) {
    console.log('az check-health: skipped (the Azure CLI, az, is not installed: apt-get install azure-cli, or bash scripts/ensure-tools.sh)');
    report([{ benchmark: 'one registry: ours vs az acr check-health', figure: 'skipped (az not installed)', target, result: 'n/a' }]);
    return;
  }
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.js)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-pl-bench-az-'));
  const sb = await startBenchSandbox(['--scenario', 'seed']);
  try {
    const vnetId = await endpointVnet(sb);
    console.log(`one registry, seed world: ${SEED.registry}, VNet ${vnetId}; no added latency`);
    const a = await az(sb, work, vnetId);
    const o = await ours(sb, work);
    printTable([
      { check: 'ours: node dist/cli.js check --registry myregistry --sandbox-ready-file … --json', wall: ms(o.ran.wallMs), 'ARM requests': o.log.length },
      { check: `az acr check-health -n ${SEED.registry} --vnet … --yes --ignore-errors`, wall: ms(a.ran.wallMs), 'ARM requests': a.log.length },
    ]);
    console.log(`ours checked: ${o.checked}`);
    console.log(`az checked: ${a.checked}`);
    const refusedLine = a.refused.length
      ? `az could not do (refused by the benchmark, nothing sent): ${a.refused.map((r) => r.replace('\t', ' ')).join(', ')} — name lookups of the registry's public names through this machine's resolver (not on loopback), so its DNS lookup of the login server, the /v2/ challenge and token exchange at the login server, and its DNS routing check of the endpoint's FQDNs did not run`
      : 'az made no lookup or connection off loopback';
    console.log(refusedLine);
    console.log('wall times include each process starting (Node for ours, Python and the Azure CLI\'s modules for az); az\'s sign-in was done before its timed run.');
    const rows: SummaryRow[] = [
      { benchmark: 'one registry: ours (CLI)', figure: `${ms(o.ran.wallMs)}: ${o.checked}`, target, result: 'info' },
      { benchmark: 'one registry: az acr check-health', figure: `${ms(a.ran.wallMs)}: ${a.checked}; ${refusedLine}`, target, result: 'info' },
    ];
    report(rows);
  } finally {
    await sb.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runBench(main);
