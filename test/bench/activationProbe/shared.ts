// What the activation probe (run in the extension host) and the benchmark (run in plain Node) share:
// the names they agree on, the result's shape and how the host's report is read. No `vscode` here.

// The benchmark names the result file in this variable (through runTests' extensionTestsEnv).
export const PROBE_RESULT_ENV = 'ACR_PL_ACTIVATION_RESULT';
// `empty-first` or `ours-first`: the benchmark alternates it between runs, so neither extension is
// always the one that pays for the host's first activation.
export const PROBE_ORDER_ENV = 'ACR_PL_ACTIVATION_ORDER';

export const extensionId = 'acr-private-link.acr-private-link';
/** The empty extension the benchmark writes next to ours: a manifest and an activate() that does nothing. */
export const emptyExtensionId = 'acr-private-link-bench.empty-probe';

/**
 * What VS Code itself records for an extension's activation (the figures of "Developer: Show Running
 * Extensions" and "Developer: Startup Performance"): loading its main module, the activate() call,
 * and the time until the promise activate() returned resolved. The Running Extensions editor shows
 * codeLoadingTime + activateCallTime as "Activation".
 */
export interface HostActivationTimes {
  codeLoadingTime: number;
  activateCallTime: number;
  activateResolvedTime: number;
  event: string;
}

export interface ExtensionActivation {
  wasActive: boolean;
  /** Around `extension.activate()` as seen from this probe (includes the host's own work). */
  activationMs: number;
  /** undefined when the host's table did not list the extension in time. */
  host?: HostActivationTimes;
}

export interface ActivationResult {
  order: 'empty-first' | 'ours-first';
  ours: ExtensionActivation;
  empty: ExtensionActivation;
  /** Bundles of dist/ in Node's module cache right after activation, and a second later. */
  bundlesLoaded: string[];
  bundlesLoadedLater: string[];
  sdkModulesLoaded: number;
  sdkModulesLoadedLater: number;
  /** Why the host's figures are missing, when they are. */
  hostError?: string;
}

/** Rows of the report's "Extension Activation Stats" table: Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By. */
export function parseActivationStats(text: string): Map<string, HostActivationTimes> {
  const out = new Map<string, HostActivationTimes>();
  const section = text.split(/^## /m).find((s) => s.startsWith('Extension Activation Stats'));
  if (!section) return out;
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [id, , load, call, resolved, event] = cells;
    if (!id || cells.length < 6 || !/^\d+$/.test(load ?? '')) continue;
    out.set(id.toLowerCase(), { codeLoadingTime: Number(load), activateCallTime: Number(call), activateResolvedTime: Number(resolved), event: event ?? '' });
  }
  return out;
}
