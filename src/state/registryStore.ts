// The one live state of what Azure said about each registry: the registry as last read, its details
// (endpoints, NICs, zones, links, records, zone groups, usages), its diagnosis, what could not be read
// and when. The tree, the status panel, the forms and the commands read it and re-render on its
// change event; a write re-reads the registry through it once, and everyone sees the new state.
// Views keep ids, never copies. No `vscode` import: plain Node tests drive it with a fake loader.
import * as l10n from '@vscode/l10n';
import type { Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import { countBySeverity, type RegistryDiagnosis, type RegistryHealth } from './registryDiagnosis';
import type { ConnectivityReport, Finding } from '../diagnosis/index';
import { compareBasis, type BasisComparison, type ConnectivityBasis } from '../model/connectivityBasis';
import { Emitter, type Disposable, type Event } from './emitter';

/** What the store needs of the Azure layer's inventory loader. */
export interface RegistryReads {
  listSubscriptions(): Promise<Subscription[]>;
  getRegistry(registryId: string): Promise<Registry>;
  loadRegistryDetails(registry: Registry, options: { lean?: boolean }): Promise<RegistryDetails>;
  completeRegistryDetails(registry: Registry, details: RegistryDetails): Promise<RegistryDetails>;
  prefetchRegistryDetails(registry: Registry, previous: RegistryDetails, options: { lean?: boolean }): void;
  invalidate(resourceId?: string): void;
}

export interface RegistryStoreOptions {
  /** The loader; calling it may load the Azure layer. */
  reads(): RegistryReads;
  /** The loader if the Azure layer is loaded already (forgetting caches must not load the SDKs). */
  loadedReads(): RegistryReads | undefined;
  diagnose(subscription: Subscription, registry: Registry, details: RegistryDetails): RegistryDiagnosis;
  now?(): number;
}

export interface RegistryEntry {
  /** As Azure spells it. */
  readonly registryId: string;
  readonly subscription: Subscription;
  /** As last read (its connections and public network access come with it). */
  readonly registry: Registry;
  /** Undefined until read, and after a read that failed. */
  readonly details?: RegistryDetails;
  readonly diagnosis?: RegistryDiagnosis;
  /** The details include what a lean read skips (zone groups, usages): the status panel asked for them. */
  readonly complete: boolean;
  /** Why the last read failed; the details of an earlier read are not kept as if they were current. */
  readonly error?: unknown;
  /** When the details were read (ms since the epoch). */
  readonly readAt?: number;
  /** Which of the store's reads brought the details (each read that keeps details has a higher one): what a connectivity check names as the read it checked. */
  readonly detailsRead?: number;
  /** A refresh or a write happened since the details were read: the next read goes to Azure. */
  readonly stale: boolean;
  /** Increases with every change of any entry: an entry with a higher version is newer. */
  readonly version: number;
}

export type RegistryChangeReason =
  /** Details read where there were none. */
  | 'read'
  /** Details read again, replacing those shown (after a refresh, a write, or completing a lean read). */
  | 'reread'
  /** A refresh or a write made the details stale; they are being, or will be, read again. */
  | 'stale'
  /** A read failed. */
  | 'failed'
  /** The registry was listed (no details yet). */
  | 'listed'
  /** A connectivity check of the registry finished: its result is the registry's latest. */
  | 'connectivity';

export interface RegistryChange {
  readonly registryId: string;
  readonly reason: RegistryChangeReason;
  readonly entry: RegistryEntry;
  readonly previous: RegistryEntry | undefined;
}

/** The latest connectivity check of a registry in this session, with what it found. */
export interface StoredConnectivity {
  readonly report: ConnectivityReport;
  /** Its findings, as the check made them (`connectivity.*`). */
  readonly findings: readonly Finding[];
  /** What its verdicts rest on (`connectivityBasis` of the registry it checked). */
  readonly basis: ConnectivityBasis;
  /** The entry's `detailsRead` it was checked on: until the details are read again, it is current whatever could not be read. */
  readonly detailsRead?: number;
}

export interface ConnectivityResult extends StoredConnectivity {
  /**
   * Not a verdict on the registry as it is: it changed since (`changed`), or whether it did cannot be
   * told (`undetermined`). The results are shown as from their time.
   */
  readonly outdated: boolean;
  /**
   * A read since the check showed other hosts, endpoint addresses, DNS records, connections, public
   * access, endpoint subnets, or rules or routes that apply to the endpoints. It stays so until
   * connectivity is checked again, even if the registry returns to the state it was checked in.
   */
  readonly changed: boolean;
  /**
   * Whether the registry changed since cannot be told: what of the check's basis could not be read,
   * then or now (empty: the registry's details are not read now). Absent when `changed` or current.
   */
  readonly undetermined?: readonly string[];
}

export interface ReadOptions {
  /** Also read what a lean read skips (the status panel, the CLI-like checks). */
  complete?: boolean;
}

export interface RereadOptions extends ReadOptions {
  /** Trust nothing cached: a refresh. A write has already dropped from the cache what it changed. */
  everything?: boolean;
}

const key = (id: string): string => id.toLowerCase();

export class RegistryStore implements Disposable {
  private readonly entries = new Map<string, RegistryEntry>();
  /**
   * The read of each registry whose result the store will keep; readers of the same registry wait
   * for it. A read superseded by a later one (a refresh, a write's re-read) may still be running; its
   * result is dropped when it ends.
   */
  private readonly reading = new Map<string, { generation: number; read: Promise<RegistryEntry | undefined> }>();
  /** Per registry: increases when a read starts and when a refresh or a write makes reads under way stale. */
  private readonly generations = new Map<string, number>();
  private readonly changes = new Emitter<RegistryChange>();
  readonly onDidChange: Event<RegistryChange> = this.changes.event;
  private version = 0;
  private detailsReads = 0;
  private readonly now: () => number;
  /**
   * Per registry, the latest connectivity check of the session: kept across re-reads; `changed` once
   * any read since showed the registry other than checked (never cleared but by a new check).
   */
  private readonly connectivityResults = new Map<string, { result: StoredConnectivity; changed: boolean }>();

  constructor(private readonly options: RegistryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** What the store holds now, without reading. */
  get(registryId: string): RegistryEntry | undefined {
    return this.entries.get(key(registryId));
  }

  /** The latest connectivity check of the registry in this session, and whether the registry changed since. */
  connectivity(registryId: string): ConnectivityResult | undefined {
    const kept = this.connectivityResults.get(key(registryId));
    if (!kept) return undefined;
    const comparison = this.comparison(kept, this.get(registryId));
    const changed = comparison?.state === 'changed';
    const undetermined = comparison === undefined ? [] : comparison.state === 'unknown' ? comparison.unread : undefined;
    return { ...kept.result, outdated: comparison?.state !== 'same', changed, ...(undetermined ? { undetermined } : {}) };
  }

  /**
   * What the registry's badge counts for this entry: its diagnosis, and the findings of its latest
   * connectivity check while that check is current (an outdated one, or one that cannot be told
   * current, raises nothing). None before a read.
   */
  health(entry: RegistryEntry): RegistryHealth | undefined {
    if (!entry.diagnosis) return undefined;
    const kept = this.connectivityResults.get(key(entry.registryId));
    const current = kept !== undefined && this.comparison(kept, entry)?.state === 'same';
    return countBySeverity(entry.diagnosis, current ? kept.result.findings : []);
  }

  /** Keeps a finished connectivity check as the registry's latest; everyone showing the registry hears of it. */
  setConnectivity(registryId: string, result: StoredConnectivity): void {
    this.connectivityResults.set(key(registryId), { result, changed: false });
    const entry = this.get(registryId);
    if (entry) this.set(entry, 'connectivity', entry);
  }

  /**
   * A kept result against the entry as read now; undefined when the entry has no details (nothing to
   * compare with). Current without comparing while the entry holds the very read it was checked on.
   */
  private comparison(kept: { result: StoredConnectivity; changed: boolean }, entry: RegistryEntry | undefined): BasisComparison | undefined {
    if (kept.changed) return { state: 'changed', parts: [] };
    const now = entry?.diagnosis?.connectivityBasis;
    if (!now) return undefined;
    if (kept.result.detailsRead !== undefined && kept.result.detailsRead === entry.detailsRead) return { state: 'same' };
    return compareBasis(kept.result.basis, now);
  }

  /**
   * A result once outdated stays outdated: the registry changed after the check, and even when a later
   * read finds it as it was, time passed and it may have been anything in between.
   */
  private noteChange(entry: RegistryEntry): void {
    const kept = this.connectivityResults.get(key(entry.registryId));
    if (kept && !kept.changed && entry.diagnosis && this.comparison(kept, entry)?.state === 'changed') kept.changed = true;
  }

  /** Every registry the store holds (listed or read). */
  all(): RegistryEntry[] {
    return [...this.entries.values()];
  }

  /** Calls `listener` on each change of one registry. */
  onDidChangeRegistry(registryId: string, listener: (change: RegistryChange) => void): Disposable {
    const k = key(registryId);
    return this.onDidChange((change) => {
      if (key(change.registryId) === k) listener(change);
    });
  }

  /**
   * A subscription's registry list (the tree's). A registry the store already holds current details
   * for keeps them: its own read is at least as new. A stale or unknown one takes the listed copy.
   */
  listed(subscription: Subscription, registries: Registry[]): void {
    for (const registry of registries) {
      const previous = this.get(registry.id);
      if (previous && (!previous.stale || this.current(registry.id))) continue;
      this.set({ registryId: registry.id, subscription, registry, complete: false, stale: false, version: 0 }, 'listed', previous);
    }
  }

  /**
   * The registry with its details, read only if the store has none current (or, with `complete`, not
   * complete ones). While a read runs, every reader waits for it: nothing older than it is handed out.
   * Rejects with the read's error (which the entry keeps too).
   */
  async read(registryId: string, options: ReadOptions = {}): Promise<RegistryEntry> {
    for (;;) {
      const running = this.current(registryId);
      if (running) {
        await running.catch(() => undefined);
        continue;
      }
      const entry = this.get(registryId);
      if (entry?.details && !entry.stale && (entry.complete || !options.complete)) return entry;
      const read = await this.start(registryId, options.complete === true);
      if (read) return read;
      // Superseded while it ran: what the newer read keeps is the answer.
    }
  }

  /**
   * Reads the registry and its details again and replaces what the store holds, once: after a write
   * (the write dropped from the loader's cache what it changed) or a refresh (`everything`). A read
   * already running may predate the write: it is not waited for, and its result is dropped when it
   * ends, whether it ends before this one or after.
   */
  async reread(registryId: string, options: RereadOptions = {}): Promise<RegistryEntry> {
    const previous = this.get(registryId);
    this.forgetCached(registryId, previous, options.everything === true);
    if (previous) this.set({ ...previous, stale: true }, 'stale', previous);
    const complete = options.complete ?? previous?.complete ?? false;
    return (await this.start(registryId, complete)) ?? this.read(registryId, { complete });
  }

  /**
   * A refresh of many registries (everything, or one subscription's): nothing the loader cached for
   * them is trusted, their details are stale and are read again when next asked for. Listeners hear
   * a `stale` change for each.
   */
  markStale(subscriptionId?: string): void {
    this.options.loadedReads()?.invalidate(subscriptionId ? `/subscriptions/${subscriptionId}` : undefined);
    for (const entry of this.all()) {
      if (subscriptionId && key(entry.subscription.subscriptionId) !== key(subscriptionId)) continue;
      if (!entry.stale) this.set({ ...entry, stale: true }, 'stale', entry);
    }
    // A read under way began before the refresh (of a registry held or not yet): what it brings back is not kept.
    const prefix = subscriptionId ? key(`/subscriptions/${subscriptionId}/`) : '';
    for (const k of [...this.reading.keys()]) if (k.startsWith(prefix)) this.supersede(k);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private forgetCached(registryId: string, entry: RegistryEntry | undefined, everything: boolean): void {
    const reads = this.options.loadedReads();
    if (!reads) return;
    if (everything) {
      // Its details span other resource groups and subscriptions: nothing cached is trusted, and
      // Resource Graph, which may lag what was just changed, is not asked for a while.
      reads.invalidate();
      for (const c of entry?.registry.privateEndpointConnections ?? []) if (c.privateEndpointId) reads.invalidate(c.privateEndpointId);
    }
    reads.invalidate(registryId);
  }

  /** The read whose result the store will keep, if one is running. */
  private current(registryId: string): Promise<RegistryEntry | undefined> | undefined {
    const k = key(registryId);
    const running = this.reading.get(k);
    return running && running.generation === this.generations.get(k) ? running.read : undefined;
  }

  /** Reads of this registry under way now are stale: their results will be dropped. */
  private supersede(registryId: string): number {
    const k = key(registryId);
    const generation = (this.generations.get(k) ?? 0) + 1;
    this.generations.set(k, generation);
    return generation;
  }

  /** Starts a read that supersedes any under way; undefined when a newer one superseded it in turn. */
  private start(registryId: string, complete: boolean): Promise<RegistryEntry | undefined> {
    const k = key(registryId);
    const generation = this.supersede(registryId);
    const read = this.load(registryId, complete, () => this.generations.get(k) === generation).finally(() => {
      if (this.reading.get(k)?.read === read) this.reading.delete(k);
    });
    this.reading.set(k, { generation, read });
    return read;
  }

  /** Reads and stores the registry, unless `latest()` says a newer read or a refresh came meanwhile. */
  private async load(registryId: string, complete: boolean, latest: () => boolean): Promise<RegistryEntry | undefined> {
    const reads = this.options.reads();
    const previous = this.get(registryId);
    try {
      let registry: Registry;
      let subscription: Subscription;
      let details: RegistryDetails;
      if (previous?.details && !previous.stale && complete && !previous.complete) {
        // Completing a lean read: only what it skipped is read.
        registry = previous.registry;
        subscription = previous.subscription;
        details = await reads.completeRegistryDetails(registry, previous.details);
      } else {
        // After a refresh or a write the listed copy is stale (connection states, public access):
        // read it again, with what its details needed last time already on the way.
        if (previous?.stale && previous.details) reads.prefetchRegistryDetails(previous.registry, previous.details, { lean: !complete });
        const fresh = !previous || previous.stale;
        [registry, subscription] = await Promise.all([
          fresh ? reads.getRegistry(registryId) : Promise.resolve(previous.registry),
          previous ? Promise.resolve(previous.subscription) : this.subscriptionOf(reads, registryId),
        ]);
        details = await reads.loadRegistryDetails(registry, { lean: !complete });
      }
      if (!latest()) return undefined;
      const diagnosis = this.options.diagnose(subscription, registry, details);
      const entry = { registryId: registry.id, subscription, registry, details, diagnosis, complete, readAt: this.now(), detailsRead: ++this.detailsReads, stale: false, version: 0 };
      return this.set(entry, previous?.details ? 'reread' : 'read', previous);
    } catch (error) {
      if (!latest()) return undefined;
      if (previous) this.set({ registryId: previous.registryId, subscription: previous.subscription, registry: previous.registry, complete: false, error, stale: false, version: 0 }, 'failed', previous);
      throw error;
    }
  }

  private async subscriptionOf(reads: RegistryReads, registryId: string): Promise<Subscription> {
    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(registryId)?.[1];
    if (!subscriptionId) throw new Error(l10n.t('{0} is not a registry\'s resource id.', registryId));
    const found = (await reads.listSubscriptions()).find((s) => key(s.subscriptionId) === key(subscriptionId));
    if (!found) throw new Error(l10n.t('Subscription {0} is not among those the signed-in account can read.', subscriptionId));
    return found;
  }

  private set(entry: RegistryEntry, reason: RegistryChangeReason, previous: RegistryEntry | undefined): RegistryEntry {
    const stored = { ...entry, version: ++this.version };
    this.entries.set(key(entry.registryId), stored);
    this.noteChange(stored);
    this.changes.fire({ registryId: stored.registryId, reason, entry: stored, previous });
    return stored;
  }
}

