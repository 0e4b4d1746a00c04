// Code that activation does not need is bundled apart and required on first use, as the Azure layer
// is (azureModule.ts): dist/diagnosis.js holds the diagnosis engine (the tree's checks of a registry,
// the status panel's report), dist/panels.js the webview panels and the commands that open them or
// act on endpoints and records. Only types cross this line at build time; esbuild leaves these
// requires external, and Node's module cache makes every require of a bundle return the same module.
import * as path from 'path';

export type DiagnosisModule = typeof import('../state/diagnosisBundle');
export type PanelsModule = typeof import('../commands/panels');

/** The bundles required on first use, by file name in dist/. */
export const lazyBundles = ['azure.js', 'diagnosis.js', 'panels.js'] as const;

let diagnosis: DiagnosisModule | undefined;
let panels: PanelsModule | undefined;

export function loadDiagnosisModule(): DiagnosisModule {
  // Resolved next to dist/extension.js at run time.
  diagnosis ??= require('./diagnosis.js') as DiagnosisModule;
  return diagnosis;
}

export function loadPanelsModule(): PanelsModule {
  panels ??= require('./panels.js') as PanelsModule;
  return panels;
}

/**
 * The lazy bundles Node has loaded so far, whoever required them (dist/panels.js requires
 * dist/diagnosis.js itself). `__dirname` is dist/ in the bundle.
 */
export function loadedLazyBundles(): string[] {
  return lazyBundles.filter((file) => require.cache[path.join(__dirname, file)] !== undefined).map((file) => `dist/${file}`);
}
