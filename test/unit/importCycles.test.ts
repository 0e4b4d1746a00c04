// The build fails on an import cycle (scripts/importCycles.js, run by esbuild.js): the check finds one
// made of type-only imports too, and src/ has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const { findImportCycles } = require(path.join(root, 'scripts', 'importCycles.js')) as { findImportCycles(dir: string): string[][] };

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

void test('src/ has no import cycle, type-only imports included', () => {
  assert.deepEqual(findImportCycles(path.join(root, 'src')), []);
});

void test('a cycle through a type-only import and a typeof import() is found, and names its files', () => {
  const dir = project({
    'tree/node.ts': "import { Child } from './child';\nexport class Node { child = new Child(); }\n",
    'tree/child.ts': "import type { Node } from './node';\nexport class Child { parent?: Node; }\n",
    'lazy.ts': "export type Panels = typeof import('./panels/index');\n",
    'panels/index.ts': "import type { Panels } from '../lazy';\nexport const p: Panels | undefined = undefined;\n",
    'leaf.ts': "import { Node } from './tree/node';\nexport const n = new Node();\n",
  });
  try {
    assert.deepEqual(findImportCycles(dir).sort(), [['lazy.ts', 'panels/index.ts'], ['tree/child.ts', 'tree/node.ts']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
