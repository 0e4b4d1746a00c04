// Finds import cycles among the TypeScript files of a folder: every relative import counts, a
// type-only one (`import type`, `typeof import('…')`) too, since a cycle of types still ties the
// modules' designs together (the tree's nodes and their parents, commands and the panels they open).
// esbuild.js runs it over src/ before building and fails the build on any cycle.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

function sourceFiles(dir) {
  const files = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...sourceFiles(p));
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) files.push(p);
  }
  return files;
}

/** The file a relative import names, if it is one of `files`. */
function resolveImport(files, from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, '');
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => files.has(f));
}

/** The import graph of a folder: file → the files it imports. */
function importGraph(dir) {
  const files = new Set(sourceFiles(dir));
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    graph.set(file, [...new Set(importedFiles.map((i) => resolveImport(files, file, i.fileName)).filter(Boolean))]);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), each as paths relative to `dir`. */
function findImportCycles(dir) {
  const graph = importGraph(dir);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const selfImport = graph.get(v).includes(v);
    if (component.length > 1 || selfImport) cycles.push(component.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/** One line per cycle, for the build's error output. */
function describeCycles(cycles) {
  return cycles.map((c) => `import cycle: ${c.join(' ↔ ')}`).join('\n');
}

module.exports = { findImportCycles, describeCycles };

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'src'));
  const cycles = findImportCycles(dir);
  if (cycles.length > 0) {
    console.error(describeCycles(cycles));
    process.exit(1);
  }
  console.log(`no import cycles in ${path.relative(process.cwd(), dir) || '.'}`);
}
