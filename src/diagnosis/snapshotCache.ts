// What the engine works out from a snapshot (its index, each registry's context, the VNets' answers)
// is kept on the snapshot itself, under a symbol no copy, JSON or comparison sees, rather than in a
// WeakMap keyed by it: V8 keeps a WeakMap's values alive through young-generation collections until a
// full one runs, and a load of the tree checks hundreds of short-lived snapshots, one per registry, so
// WeakMaps made the collector most of a load's work. Snapshots are not changed once read.
import type { Snapshot } from '../model/types';

const memos = Symbol('worked out from this snapshot');

// The last snapshot given memos stays referenced until the next one is. V8 compiles the rules for the
// hidden class a snapshot has once it carries memos, and a full collection that finds no snapshot of
// that class alive (between two loads of the tree, when each registry's snapshot is gone) drops the
// class and the compiled rules with it: the next load compiled them all again, which cost more CPU
// than its checks themselves. One snapshot (a registry's, in the tree) is what this keeps.
let lastWithMemos: Snapshot | undefined;

type WithMemos = Snapshot & { [memos]?: Map<object, unknown> };

export interface SnapshotCache<T> {
  get(snapshot: Snapshot): T | undefined;
  set(snapshot: Snapshot, value: T): void;
}

/** One kind of value per snapshot, as a `WeakMap<Snapshot, T>` would hold it. */
export function snapshotCache<T>(): SnapshotCache<T> {
  const kind = {};
  return {
    get: (snapshot) => (snapshot as WithMemos)[memos]?.get(kind) as T | undefined,
    set: (snapshot, value) => {
      let held = (snapshot as WithMemos)[memos];
      // Not enumerable: spreads, JSON, structured clones and deep comparisons leave it out.
      if (!held) {
        Object.defineProperty(snapshot, memos, { value: (held = new Map()) });
        lastWithMemos = snapshot;
      }
      held.set(kind, value);
    },
  };
}
