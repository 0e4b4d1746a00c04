// Runs inside the real extension host (as extensionTestsPath): measures the host's heap before our
// extension is activated, then activates it and expands every node of the tree as a person expanding
// all of them would (each node's item built as the view builds it), and measures the heap again
// with the loaded tree held by the extension. Writes the figures to the file the benchmark named.
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { RegistryScope, TreeNode } from '../../../src/tree/nodes/node';
import { HEAP_RESULT_ENV, type HeapFigures, type HeapResult } from './shared';

const extensionId = 'acr-private-link.acr-private-link';
const mb = (bytes: number): number => bytes / 1024 / 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The host does not expose gc(); V8 can be told to, for this probe's context. */
function fullGcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** The heap after full collections, once what is being freed has been. */
async function settledHeap(gc: () => void): Promise<HeapFigures> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  const m = process.memoryUsage();
  return { heapUsedMb: mb(m.heapUsed), rssMb: mb(m.rss), externalMb: mb(m.external) };
}

/** Every node under `node`, each child's TreeItem built as the view builds it. */
async function expand(api: ExtensionApi, node: TreeNode | undefined, seen: TreeNode[]): Promise<void> {
  const children = await api.tree.getChildren(node);
  await Promise.all(
    children.map(async (child) => {
      seen.push(child);
      const item = api.tree.getTreeItem(child);
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await expand(api, child, seen);
    }),
  );
}

export async function run(): Promise<void> {
  const file = process.env[HEAP_RESULT_ENV];
  const gc = fullGcFunction();
  const idle = await settledHeap(gc);
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this host`);
  const api = await extension.activate();
  const activated = await settledHeap(gc);
  const nodes: TreeNode[] = [];
  let error: string | undefined;
  const started = performance.now();
  try {
    await expand(api, undefined, nodes);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const loadMs = performance.now() - started;
  const registries = nodes.flatMap((n) => ((n as Partial<RegistryScope>).registryId !== undefined && n.parent?.parent === undefined ? [(n as RegistryScope).registryId] : []));
  const badges = registries.filter((id) => api.tree.health.summary(id) !== undefined).length;
  const loaded = await settledHeap(gc);
  const result: HeapResult = {
    idle,
    activated,
    loaded,
    heapLimitMb: mb(v8.getHeapStatistics().heap_size_limit),
    loadMs,
    nodes: nodes.length,
    registries: registries.length,
    badges,
    ...(error !== undefined ? { error } : {}),
  };
  if (file) fs.writeFileSync(file, JSON.stringify(result));
  // The tree stays loaded (the extension holds it) until the measurement above is taken.
  void api.tree;
}
