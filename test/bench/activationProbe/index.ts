// Runs inside the real extension host (as extensionTestsPath): activates the extension, times it,
// looks at which bundles Node has loaded, and writes the figures to the file the benchmark named.
import * as fs from 'fs';
import * as vscode from 'vscode';

// The benchmark names the result file in this variable (through runTests' extensionTestsEnv).
const PROBE_RESULT_ENV = 'ACR_PL_ACTIVATION_RESULT';

export interface ActivationResult {
  wasActive: boolean;
  activationMs: number;
  azureBundleLoaded: boolean;
  sdkModulesLoaded: number;
  /** The same two, a second after activation (background work started by activation has run). */
  azureBundleLoadedLater: boolean;
  sdkModulesLoadedLater: number;
}

const loadedModules = (pattern: RegExp): number => Object.keys(require.cache).filter((k) => pattern.test(k)).length;
const azureBundle = /[\\/]dist[\\/]azure\.js$/;
const azureSdk = /[\\/]@azure[\\/]/;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('acr-private-link.acr-private-link');
  if (!extension) throw new Error('the extension is not installed in this host');
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const activationMs = performance.now() - started;
  const azureBundleLoaded = loadedModules(azureBundle) > 0;
  const sdkModulesLoaded = loadedModules(azureSdk);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result: ActivationResult = {
    wasActive,
    activationMs,
    azureBundleLoaded,
    sdkModulesLoaded,
    azureBundleLoadedLater: loadedModules(azureBundle) > 0,
    sdkModulesLoadedLater: loadedModules(azureSdk),
  };
  const file = process.env[PROBE_RESULT_ENV];
  if (file) fs.writeFileSync(file, JSON.stringify(result));
}
