// A short-lived cache of ARM reads that also de-duplicates reads in flight: two callers asking for the
// same thing share one request. A write drops every entry it may have made stale (see `affects`).
// A caller that cancels stops waiting at once; the shared request is cancelled only when every
// caller waiting on it has cancelled.
import { carryOperation } from './operation';
import { abortError } from './retryPolicy';

/**
 * What a cached read depends on. `scope` is a resource id or an id prefix (lower-cased); when the read
 * lists a subscription's resources of one type, `resourceType` (`microsoft.network/privatednszones`)
 * narrows it, so writing a record set drops the subscription's zone list but not its registry list.
 */
export interface CacheScope {
  scope: string;
  resourceType?: string;
}

interface Entry {
  promise: Promise<unknown>;
  scope: CacheScope;
  controller: AbortController;
  waiters: number;
  settled: boolean;
  /** Set when the read succeeded: what it returned. */
  value?: { of: unknown };
  expiresAt: number;
}

/** `microsoft.network/privatednszones` for any id under a private DNS zone. */
export function topResourceType(id: string): string | undefined {
  const parts = id.toLowerCase().split('/').filter((p) => p !== '');
  const i = parts.indexOf('providers');
  return i >= 0 && parts[i + 2] !== undefined ? `${parts[i + 1]}/${parts[i + 2]}` : undefined;
}

function isUnder(id: string, prefix: string): boolean {
  return id === prefix || id.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** Whether writing (or deleting) the resource `writtenId` may change what a read of `scope` returned. */
export function affects(writtenId: string, scope: CacheScope): boolean {
  const id = writtenId.toLowerCase().replace(/\/+$/, '');
  if (isUnder(id, scope.scope)) {
    // A subscription or resource group as a whole (a refresh of it, or a change whose side effects
    // reach other types: deleting an endpoint changes the registry listing's connections).
    const type = topResourceType(id);
    return scope.resourceType === undefined || type === undefined || type === scope.resourceType;
  }
  // Deleting a zone changes the lists of its record sets and links.
  return isUnder(scope.scope, id);
}

export class RequestCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param keepFailure which failures are answers worth keeping for the cache time (a 403 or a 404
   *   stays a 403 or a 404 until something changes); the others are tried again by the next caller.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly keepFailure: (error: unknown) => boolean = () => false,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached or in-flight result for `key`, or the result of `fetch` (which gets a signal of its own). */
  get<T>(key: string, scope: CacheScope, fetch: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    let entry = this.entries.get(key);
    if (entry && entry.settled && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) entry = this.start(key, { scope: scope.scope.toLowerCase(), ...(scope.resourceType ? { resourceType: scope.resourceType.toLowerCase() } : {}) }, fetch, signal);
    return this.wait(key, entry, signal) as Promise<T>;
  }

  /**
   * What a read that already succeeded returned, while it is cached; undefined otherwise. For a caller
   * that asks many times a second (every registry's details ask for the Resource Graph index): no
   * promise, no waiter.
   */
  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry?.value && entry.expiresAt > this.now() ? (entry.value.of as T) : undefined;
  }

  /** Drops what a write to `resourceId` may have made stale; without an id, everything. */
  invalidate(resourceId?: string): void {
    for (const [key, entry] of this.entries) {
      if (resourceId === undefined || affects(resourceId, entry.scope)) this.entries.delete(key);
    }
  }

  /** The read runs under the operation of the caller that starts it (its deadline), as it would unshared. */
  private start(key: string, scope: CacheScope, fetch: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal | undefined): Entry {
    const controller = new AbortController();
    carryOperation(signal, controller.signal);
    const entry: Entry = { promise: Promise.resolve(), scope, controller, waiters: 0, settled: false, expiresAt: Number.POSITIVE_INFINITY };
    entry.promise = fetch(controller.signal).then(
      (value) => {
        entry.settled = true;
        entry.value = { of: value };
        entry.expiresAt = this.now() + this.ttlMs;
        if (this.ttlMs <= 0 && this.entries.get(key) === entry) this.entries.delete(key);
        return value;
      },
      (error: unknown) => {
        // Failures are shared with whoever waited; only lasting ones are kept for the next caller.
        entry.settled = true;
        entry.expiresAt = this.now() + this.ttlMs;
        if ((this.ttlMs <= 0 || !this.keepFailure(error)) && this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry;
  }

  private wait(key: string, entry: Entry, signal: AbortSignal | undefined): Promise<unknown> {
    if (entry.settled) return entry.promise;
    entry.waiters++;
    // A caller that cannot cancel keeps the shared read alive for everyone.
    if (!signal) return entry.promise;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        entry.waiters--;
        if (entry.waiters === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters--;
          reject(error);
        },
      );
    });
  }
}
