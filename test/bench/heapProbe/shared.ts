// What the heap probe (run in the extension host) and the benchmark (run in plain Node) share: the
// variable naming the result file and the result's shape. No `vscode` here.

/** The benchmark names the result file in this variable (through runTests' extensionTestsEnv). */
export const HEAP_RESULT_ENV = 'ACR_PL_HEAP_RESULT';

export interface HeapFigures {
  /** V8 heap in use after full garbage collections, MB. */
  heapUsedMb: number;
  /** The host process's resident memory at that moment, MB. */
  rssMb: number;
  /** Memory outside the V8 heap that JavaScript objects hold (buffers), MB. */
  externalMb: number;
}

export interface HeapResult {
  /** The host with its own modules and the probe, before our extension is activated. */
  idle: HeapFigures;
  /** Right after activate(). */
  activated: HeapFigures;
  /** After every node of the tree was expanded and shown, with the tree still loaded. */
  loaded: HeapFigures;
  /** The host's heap limit, MB. */
  heapLimitMb: number;
  /** How long expanding the whole tree took, ms. */
  loadMs: number;
  nodes: number;
  registries: number;
  /** Registries whose health badge the tree shows (each diagnosed once). */
  badges: number;
  error?: string;
}
