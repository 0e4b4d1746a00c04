// Rules that keep esbuild.js's Node bundles apart. dist/extension.js is what activation loads;
// dist/diagnosis.js and dist/panels.js are required on first use (src/session/lazyBundles.ts):
// - the extension bundle must not take in the diagnosis engine (only the words of its verdicts), the
//   panels or the provisioning code;
// - the panels bundle takes the engine from dist/diagnosis.js (so it is loaded once; only the pure
//   host-name helpers of diagnosis/names are copied), and must not hold a second copy of the tree's
//   classes (`instanceof` would fail on the tree's nodes: it uses src/tree/nodes/kinds.ts) or of a
//   module whose state the extension keeps (which bundles are loaded, the notifications shown, the
//   registry store).
const path = require('path');

const srcDir = path.resolve(__dirname, '..', 'src');

/** `../diagnosis/index.ts` imported from src/webviews → `diagnosis`; undefined outside src/. */
function sourceModule(resolveDir, importPath) {
  const rel = path.relative(srcDir, path.resolve(resolveDir, importPath)).split(path.sep).join('/');
  if (rel.startsWith('..')) return undefined;
  return rel.replace(/\.(ts|js)$/, '').replace(/\/index$/, '');
}

const rules = {
  extension(mod) {
    // verdictWords.ts: the words of a record's verdict, which the tree shows too; pure and small.
    if (mod === 'diagnosis/verdictWords') return undefined;
    if (/^(diagnosis|webviews|provisioning)(\/|$)/.test(mod) || mod === 'state/diagnoseRegistry') {
      return { errors: [{ text: `src/${mod} would load on activation: it belongs in dist/diagnosis.js or dist/panels.js, required on first use (src/session/lazyBundles.ts)` }] };
    }
    return undefined;
  },
  panels(mod) {
    if (mod === 'diagnosis') return { path: './diagnosis.js', external: true };
    // names.ts: the host-name helpers the DNS-records page imports too (the browser build cannot take
    // the engine's index, which needs node:dns); pure, so a copy of them does no harm.
    if (mod.startsWith('diagnosis/') && mod !== 'diagnosis/names') return { errors: [{ text: `import the diagnosis engine from src/diagnosis/index (not src/${mod}): dist/panels.js takes it from dist/diagnosis.js` }] };
    if (mod.startsWith('tree/') && mod !== 'tree/nodes/kinds') {
      return { errors: [{ text: `src/${mod} would be a second copy in dist/panels.js: use the nodes it is given, and src/tree/nodes/kinds.ts to tell them apart` }] };
    }
    if (mod === 'commands/notifications') {
      return { errors: [{ text: `src/${mod} keeps the notifications shown for dist/extension.js; a second copy in dist/panels.js would keep its own` }] };
    }
    if (mod === 'session/azureModule' || mod === 'session/lazyBundles') {
      return { errors: [{ text: `src/${mod} keeps state for dist/extension.js; dist/panels.js reaches Azure through services.session` }] };
    }
    if (mod === 'state/registryStore' || mod === 'state/emitter') {
      return { errors: [{ text: `src/${mod} would be a second registry store in dist/panels.js: read and write through services.store (import its types only)` }] };
    }
    return undefined;
  },
};

/** The esbuild plugin that applies the rules of one bundle to every relative import of it. */
function bundleRules(bundle) {
  const rule = rules[bundle];
  return {
    name: `bundle-rules-${bundle}`,
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const mod = sourceModule(args.resolveDir, args.path);
        return mod === undefined ? undefined : rule(mod);
      });
    },
  };
}

module.exports = { bundleRules };
