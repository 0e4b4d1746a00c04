// ARM lists come in pages linked by nextLink; the SDK iterators follow them. The tree shows a first
// batch and a "Load more…" node, so a list can also be read a few pages at a time and resumed from
// the continuation token of the last page read.

export interface Page<T> {
  items: T[];
  /** Resume here for the next items; absent when the list is complete. */
  continuationToken?: string;
  /**
   * Answered by the Resource Graph index, which also holds what the registries' details need: reading
   * them costs (almost) no request, so a view can diagnose what it lists before anything is expanded.
   */
  fromResourceGraph?: boolean;
}

export interface PageRequest {
  /** Stop after at least this many items (whole pages are returned, so a page is never split). */
  maxItems?: number;
  continuationToken?: string;
  signal?: AbortSignal;
}

/** What both SDK generations' paged iterators offer. */
export interface PagedIterable<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[]>;
}

/**
 * The TypeSpec-generated SDKs put the token on the page; the older ones keep it aside and export
 * `getContinuationToken(page)` for it.
 */
export type ContinuationTokenOf = (page: unknown) => string | undefined;

const tokenOnPage: ContinuationTokenOf = (page) => (page as { continuationToken?: string }).continuationToken;

export async function readAll<T>(paged: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of paged) items.push(item);
  return items;
}

export async function readPages<T, U>(
  paged: PagedIterable<T>,
  map: (item: T) => U,
  request: PageRequest = {},
  continuationTokenOf: ContinuationTokenOf = tokenOnPage,
): Promise<Page<U>> {
  const maxItems = request.maxItems ?? Number.POSITIVE_INFINITY;
  const items: U[] = [];
  let continuationToken: string | undefined;
  const settings = request.continuationToken !== undefined ? { continuationToken: request.continuationToken } : undefined;
  for await (const page of paged.byPage(settings)) {
    items.push(...page.map(map));
    continuationToken = continuationTokenOf(page);
    if (items.length >= maxItems || !continuationToken) break;
  }
  return { items, ...(continuationToken ? { continuationToken } : {}) };
}
