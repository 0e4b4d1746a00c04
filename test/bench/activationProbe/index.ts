// Runs inside the real extension host (as extensionTestsPath): activates the extension and an empty
// extension next to it, times each around activate(), looks at which bundles Node has loaded, reads
// the host's own activation figures for both, and writes everything to the file the benchmark named.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { emptyExtensionId, extensionId, parseActivationStats, PROBE_ORDER_ENV, PROBE_RESULT_ENV, type ActivationResult, type ExtensionActivation, type HostActivationTimes } from './shared';

const loadedModules = (pattern: RegExp): string[] => Object.keys(require.cache).filter((k) => pattern.test(k));
const azureSdk = /[\\/]@azure[\\/]/;

/** Our bundles (dist/*.js of this extension) that Node has loaded, as `dist/<name>.js`. */
function loadedBundles(): string[] {
  const dist = path.join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'dist') + path.sep;
  return Object.keys(require.cache)
    .filter((k) => k.startsWith(dist) && k.endsWith('.js'))
    .map((k) => `dist/${k.slice(dist.length).split(path.sep).join('/')}`)
    .sort();
}

async function activate(id: string): Promise<ExtensionActivation> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`${id} is not installed in this host`);
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  return { wasActive, activationMs: performance.now() - started };
}

/**
 * The host's figures, from "Developer: Startup Performance": its command registers the `perf:`
 * document (a markdown report the workbench builds from the same per-extension activation times the
 * Running Extensions editor shows) and opens it; the document reaches this host like any other.
 */
async function hostActivationTimes(ids: string[], timeoutMs = 30_000): Promise<Map<string, HostActivationTimes>> {
  await vscode.commands.executeCommand('perfview.show');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf');
    last = doc?.getText() ?? '';
    const times = parseActivationStats(last);
    if (ids.every((id) => times.has(id))) return times;
    if (Date.now() > deadline) {
      throw new Error(doc ? `the Startup Performance report did not list ${ids.filter((id) => !times.has(id)).join(', ')}` : 'the Startup Performance report did not open');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function run(): Promise<void> {
  const order = process.env[PROBE_ORDER_ENV] === 'ours-first' ? 'ours-first' : 'empty-first';
  let ours: ExtensionActivation;
  let empty: ExtensionActivation;
  if (order === 'ours-first') {
    ours = await activate(extensionId);
    empty = await activate(emptyExtensionId);
  } else {
    empty = await activate(emptyExtensionId);
    ours = await activate(extensionId);
  }
  const bundlesLoaded = loadedBundles();
  const sdkModulesLoaded = loadedModules(azureSdk).length;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result: ActivationResult = {
    order,
    ours,
    empty,
    bundlesLoaded,
    bundlesLoadedLater: loadedBundles(),
    sdkModulesLoaded,
    sdkModulesLoadedLater: loadedModules(azureSdk).length,
  };
  try {
    const times = await hostActivationTimes([extensionId, emptyExtensionId]);
    const oursHost = times.get(extensionId);
    const emptyHost = times.get(emptyExtensionId);
    if (oursHost) ours.host = oursHost;
    if (emptyHost) empty.host = emptyHost;
  } catch (e) {
    result.hostError = e instanceof Error ? e.message : String(e);
  }
  const file = process.env[PROBE_RESULT_ENV];
  if (file) fs.writeFileSync(file, JSON.stringify(result));
}
