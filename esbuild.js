// Builds every bundle into dist/: the extension (Node, `vscode` external), the Azure access layer
// (loaded by the extension on first use, so activation never parses the SDKs), the sandbox, the CLI
// checker and the webview UI (browser). Flags: --production (minify, no source maps), --watch,
// --only <name>[,<name>].
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(',') : undefined;

/** Prints errors in the form VS Code's `$esbuild-watch` problem matcher reads. */
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

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'esm',
  sourcemap: !production,
  minify: production,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

const bundles = [
  { name: 'extension', entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', ...node, external: ['vscode', './azure.js'] },
  { name: 'azure', entryPoints: ['src/azure/index.ts'], outfile: 'dist/azure.js', ...node, external: ['vscode'] },
  { name: 'sandbox', entryPoints: ['src/sandbox/main.ts'], outfile: 'dist/sandbox.js', ...node },
  { name: 'cli', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', ...node, banner: { js: '#!/usr/bin/env node' } },
  // Each webview page is a bundle of its own, so it loads only the components it uses.
  { name: 'webview', entryPoints: ['src/webview-ui/main.ts'], outfile: 'dist/webview.js', ...browser },
  { name: 'dnsRecords', entryPoints: ['src/webview-ui/forms/dnsRecords.ts'], outfile: 'dist/dnsRecords.js', ...browser },
  { name: 'forms', entryPoints: ['src/webview-ui/forms/createEndpoint.ts'], outfile: 'dist/forms.js', ...browser },
];

async function main() {
  const selected = bundles.filter((b) => (!only || only.includes(b.name)) && b.entryPoints.every((e) => fs.existsSync(path.join(__dirname, e))));
  const contexts = await Promise.all(selected.map(({ name, ...options }) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  for (const b of selected) {
    const size = fs.statSync(path.join(__dirname, b.outfile)).size;
    console.log(`built ${b.outfile} (${(size / 1024).toFixed(1)} KiB)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
