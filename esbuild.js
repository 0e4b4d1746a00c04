// Builds every bundle into dist/: the extension (Node, `vscode` external), the Azure access layer
// (loaded by the extension on first use, so activation never parses the SDKs), the sandbox, the CLI
// checker and the webview UI (browser). Flags: --production (minify, no source maps), --watch,
// --only <name>[,<name>]. ACR_PL_DIST_DIR=<folder> builds there instead of dist/ (scripts/package.js
// builds the production bundles of a package in its staging folder, leaving dist/ as it is).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { bundleRules } = require('./scripts/bundleRules');
const { describeCycles, findImportCycles } = require('./scripts/importCycles');
const { writeEnglishBundle } = require('./scripts/l10n');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = process.env.ACR_PL_DIST_DIR ? path.resolve(process.env.ACR_PL_DIST_DIR) : 'dist';
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(',') : undefined;

/**
 * Prints errors in the form VS Code's `$esbuild-watch` problem matcher reads. Only with --watch: a
 * one-off build (npm start, npm test) says what it built instead, and its errors end the build.
 */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const watchPlugins = watch ? [problemMatcherPlugin] : [];

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: watchPlugins,
};

// The webview pages: ES modules with code splitting. A page's entry holds only what its first screen
// needs; components and later views are import()ed when first shown, each a chunk (with the Lit
// runtime in a chunk they share). Every file a page loads, the stylesheet included, lands in
// dist/webview/: the one folder the panels let their pages read.
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'esm',
  splitting: true,
  outdir: `${dist}/webview`,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  absWorkingDir: __dirname,
  sourcemap: !production,
  minify: production,
  logLevel: 'silent',
  plugins: watchPlugins,
};

// One copy of @vscode/l10n for the extension and the bundles it requires: dist/l10n.js. The extension
// gives it the bundle of VS Code's display language once (src/extension.ts); a copy inside each
// bundle would have to be given it again. The CLI carries its own copy (it is one self-contained file).
const sharedL10n = {
  name: 'shared-l10n',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: './l10n.js', external: true }));
  },
};

const bundles = [
  { name: 'extension', entryPoints: ['src/extension.ts'], outfile: `${dist}/extension.js`, ...node, external: ['vscode', './azure.js', './diagnosis.js', './panels.js'], plugins: [...watchPlugins, sharedL10n, bundleRules('extension')] },
  { name: 'l10n', entryPoints: ['node_modules/@vscode/l10n/dist/main.js'], outfile: `${dist}/l10n.js`, ...node },
  { name: 'azure', entryPoints: ['src/azure/index.ts'], outfile: `${dist}/azure.js`, ...node, external: ['vscode'], plugins: [...watchPlugins, sharedL10n] },
  // Required on first use (src/session/lazyBundles.ts): the diagnosis engine, and the webview panels
  // with the commands that open them. scripts/bundleRules.js keeps the three bundles apart.
  { name: 'diagnosis', entryPoints: ['src/state/diagnosisBundle.ts'], outfile: `${dist}/diagnosis.js`, ...node, plugins: [...watchPlugins, sharedL10n] },
  { name: 'panels', entryPoints: ['src/commands/panels.ts'], outfile: `${dist}/panels.js`, ...node, external: ['vscode'], plugins: [...watchPlugins, sharedL10n, bundleRules('panels')] },
  { name: 'sandbox', entryPoints: ['src/sandbox/main.ts'], outfile: `${dist}/sandbox.js`, ...node },
  { name: 'cli', entryPoints: ['src/cli/main.ts'], outfile: `${dist}/cli.js`, ...node, banner: { js: '#!/usr/bin/env node' } },
  {
    name: 'webview',
    entryPoints: {
      status: 'src/webview-ui/main.ts',
      createEndpoint: 'src/webview-ui/forms/createEndpoint.ts',
      createRegistry: 'src/webview-ui/forms/createRegistry.ts',
      dnsRecords: 'src/webview-ui/forms/dnsRecords.ts',
      webview: 'src/webview-ui/webview.css',
    },
    ...browser,
  },
];

async function main() {
  // Modules that import each other (types included) fail the build: see scripts/importCycles.js.
  const cycles = findImportCycles(path.join(__dirname, 'src'));
  if (cycles.length > 0) {
    console.error(`✘ [ERROR] ${describeCycles(cycles)}`);
    process.exit(1);
  }
  // The English message bundle, from the l10n.t calls of src/ (scripts/l10n.js).
  if (!watch) await writeEnglishBundle();
  const selected = bundles.filter((b) => (!only || only.includes(b.name)) && Object.values(b.entryPoints).every((e) => fs.existsSync(path.join(__dirname, e))));
  const contexts = await Promise.all(selected.map(({ name, ...options }) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  let results;
  try {
    results = await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  selected.forEach((b, i) => {
    if (b.outdir) {
      // Chunk names carry a content hash: remove the chunks of earlier builds, or they pile up.
      const outputs = new Set(Object.keys(results[i].metafile.outputs).map((f) => path.resolve(__dirname, f)));
      const folder = path.resolve(__dirname, b.outdir);
      for (const f of fs.readdirSync(folder, { recursive: true })) {
        const file = path.join(folder, f);
        if (fs.statSync(file).isFile() && !outputs.has(file)) fs.rmSync(file);
      }
      const files = [...outputs].filter((f) => /\.(js|css)$/.test(f));
      const size = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      console.log(`built ${b.outdir}/ (${files.length} files, ${(size / 1024).toFixed(1)} KiB)`);
      return;
    }
    const size = fs.statSync(path.resolve(__dirname, b.outfile)).size;
    console.log(`built ${b.outfile} (${(size / 1024).toFixed(1)} KiB)`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
